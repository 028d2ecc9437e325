import { ExecutionsTab } from "@/components/executions/executions-tab";

export default async function Page({ params }: { params: Promise<{ agentId: string }> }) {
  const { agentId } = await params;
  return <ExecutionsTab agentId={agentId} />;
}
