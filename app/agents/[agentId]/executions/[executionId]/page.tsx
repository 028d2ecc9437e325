import { RunPage } from "@/components/executions/run-page";

export default async function Page({ params }: { params: Promise<{ agentId: string; executionId: string }> }) {
  const { agentId, executionId } = await params;
  return <RunPage agentId={agentId} executionId={executionId} />;
}
