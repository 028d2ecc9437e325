import { WorkflowEditor } from "@/components/workflows/editor/workflow-editor";

export default async function Page(props: {
  params: Promise<{ agentId: string; workflowId: string }>;
  searchParams: Promise<{ template?: string }>;
}) {
  const { agentId, workflowId } = await props.params;
  const { template } = await props.searchParams;
  return (
    <WorkflowEditor
      agentId={agentId}
      workflowId={workflowId}
      templateId={typeof template === "string" ? template : undefined}
    />
  );
}
