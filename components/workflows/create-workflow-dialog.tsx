"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

import { Dialog } from "@/components/ui/dialog";
import { ErrorNotice } from "@/components/ui/error-notice";
import { FormActions } from "@/components/ui/form-actions";
import { NameDescriptionFields } from "@/components/ui/name-description-fields";
import { ApiClientError } from "@/lib/client/api-client";
import { workflowEditorPath } from "@/lib/client/page-paths";
import { findWorkflowTemplate } from "@/lib/workflows/templates";
import { createWorkflowInput } from "@/lib/workflows/workflow-input";

import { TemplatePicker } from "./template-picker";
import { useCreateWorkflow } from "./use-workflows";

type Field = "name" | "description";

/** New workflow: name, description and what to start from; creating it opens the editor. */
export function CreateWorkflowDialog({ agentId, onClose }: { agentId: string; onClose: () => void }) {
  const create = useCreateWorkflow(agentId);
  const router = useRouter();
  const [values, setValues] = useState({ name: "", description: "" });
  const [templateId, setTemplateId] = useState("");
  const [localErrors, setLocalErrors] = useState<Partial<Record<Field, string>>>({});
  const serverField = create.error instanceof ApiClientError && create.error.field ? create.error : null;
  const fieldError = (field: Field) =>
    localErrors[field] ?? (serverField?.field === field ? serverField.message : undefined);

  // Picking a template fills the name and description from it, unless the builder typed their own.
  function pickTemplate(id: string) {
    const previous = findWorkflowTemplate(templateId);
    const next = findWorkflowTemplate(id);
    const keep = (value: string, old = "") => value !== "" && value !== old;
    setValues({
      name: keep(values.name, previous?.name) ? values.name : (next?.name ?? ""),
      description: keep(values.description, previous?.description) ? values.description : (next?.description ?? ""),
    });
    setTemplateId(id);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = createWorkflowInput.safeParse(values);
    if (!parsed.success) {
      setLocalErrors(Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])));
      return;
    }
    setLocalErrors({});
    const template = findWorkflowTemplate(templateId);
    create.mutate(
      { ...parsed.data, ...(template ? { definition: template.definition, templateId: template.id } : {}) },
      { onSuccess: (workflow) => router.push(workflowEditorPath(agentId, workflow.id, template?.id)) },
    );
  }

  return (
    <Dialog open onClose={onClose} title="New workflow" size="lg">
      <form onSubmit={submit} className="space-y-4" noValidate>
        <NameDescriptionFields values={values} onChange={setValues} fieldError={fieldError} descriptionRows={2} />
        <TemplatePicker value={templateId} onChange={pickTemplate} />
        {serverField ? null : <ErrorNotice error={create.error} />}
        <FormActions
          submitLabel="Create workflow"
          pendingLabel="Creating…"
          pending={create.isPending || create.isSuccess}
          onCancel={onClose}
          divided
        />
      </form>
    </Dialog>
  );
}
