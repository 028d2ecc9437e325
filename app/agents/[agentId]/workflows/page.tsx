import { WorkflowsTab } from "@/components/workflows/workflows-tab";

export default async function Page({ params }: { params: Promise<{ agentId: string }> }) {
  const { agentId } = await params;
  return <WorkflowsTab agentId={agentId} />;
}
