import { parseStoredDefinition, type WorkflowDefinition } from "./workflow-definition";

// The workflow as the API returns it.
export type WorkflowDto = {
  id: string;
  agentId: string;
  name: string;
  description: string;
  version: number;
  definition: WorkflowDefinition;
  /** Set when it was created from a template (whose sample body its test events send). */
  templateId: string | null;
  createdAt: string;
  updatedAt: string;
};

type WorkflowRow = {
  id: string;
  agentId: string;
  name: string;
  description: string;
  version: number;
  definition: string;
  templateId: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export function toWorkflowDto(row: WorkflowRow): WorkflowDto {
  return {
    id: row.id,
    agentId: row.agentId,
    name: row.name,
    description: row.description,
    version: row.version,
    definition: parseStoredDefinition(row.definition),
    templateId: row.templateId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
