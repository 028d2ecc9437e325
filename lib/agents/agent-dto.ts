// The agent as the API returns it.
export type AgentDto = {
  id: string;
  name: string;
  description: string;
  workflowCount: number;
  createdAt: string;
  updatedAt: string;
};

type AgentRow = {
  id: string;
  name: string;
  description: string;
  createdAt: Date;
  updatedAt: Date;
  _count: { workflows: number };
};

export function toAgentDto(row: AgentRow): AgentDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    workflowCount: row._count.workflows,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const agentDtoSelect = {
  id: true,
  name: true,
  description: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { workflows: true } },
} as const;
