"use client";

import { useState } from "react";

import { useCurrentUser } from "@/components/auth/use-current-user";
import { DetailPage } from "@/components/ui/detail-page";
import { workflowsPagePath } from "@/lib/client/page-paths";
import { findWorkflowTemplate } from "@/lib/workflows/templates";
import type { WorkflowDto } from "@/lib/workflows/workflow-dto";

import { useWorkflow } from "../use-workflow";
import { EditorHeader, type EditorView } from "./editor-header";
import { JsonView } from "./json-view";
import { RetryPolicyFields } from "./retry-policy-fields";
import { StepList } from "./step-list";
import { TestRunPanel } from "./test-run-panel";
import { useWorkflowEditor } from "./use-workflow-editor";

/** The workflow editor page: steps, retry policy, JSON view, Save and Test run. */
export function WorkflowEditor(props: { agentId: string; workflowId: string; templateId?: string }) {
  const workflow = useWorkflow(props.agentId, props.workflowId);
  return (
    <DetailPage
      query={workflow}
      list={{ label: "Workflows", href: workflowsPagePath(props.agentId), backLabel: "← Back to Workflows" }}
      crumb={{ label: workflow.data?.name ?? "Workflow" }}
      notFound={{
        title: "Workflow not found",
        message: `There is no workflow with id ${props.workflowId} on this agent. It may have been deleted.`,
      }}
      isMissing={(data) => data.agentId !== props.agentId}
      loadingLabel="Loading workflow…"
    >
      {(data) => <EditorBody key={data.id} agentId={props.agentId} workflow={data} templateId={props.templateId} />}
    </DetailPage>
  );
}

function EditorBody({
  agentId,
  workflow,
  templateId,
}: {
  agentId: string;
  workflow: WorkflowDto;
  templateId?: string;
}) {
  const editor = useWorkflowEditor(agentId, workflow);
  const [view, setView] = useState<EditorView>("form");
  const sampleBody = findWorkflowTemplate(workflow.templateId ?? templateId)?.sampleBody ?? {};
  // Viewers read the workflow; the API refuses their changes and test runs anyway.
  const readOnly = !useCurrentUser().can("builder");

  return (
    <>
      <EditorHeader workflow={workflow} editor={editor} view={view} onViewChange={setView} readOnly={readOnly} />
      <div
        className={
          readOnly
            ? "grid items-start gap-6"
            : "grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem] xl:grid-cols-[minmax(0,1fr)_26rem]"
        }
      >
        <div
          className="min-w-0 space-y-6"
          // Leaving a field shows its errors; blur bubbles here from every input of the form.
          onBlur={(event) => editor.markTouched((event.target as HTMLInputElement).name ?? "")}
        >
          {view === "form" ? (
            <>
              <StepList editor={editor} readOnly={readOnly} />
              <RetryPolicyFields editor={editor} readOnly={readOnly} />
            </>
          ) : (
            <JsonView draft={editor.state.definition} onApply={editor.applyJson} readOnly={readOnly} />
          )}
        </div>
        {readOnly ? null : (
          <aside className="min-w-0">
            <TestRunPanel
              agentId={agentId}
              workflowId={workflow.id}
              version={workflow.version}
              dirty={editor.dirty}
              initialBody={JSON.stringify(sampleBody, null, 2)}
            />
          </aside>
        )}
      </div>
    </>
  );
}
