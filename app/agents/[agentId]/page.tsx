import { redirect } from "next/navigation";

export default async function AgentIndex({ params }: { params: Promise<{ agentId: string }> }) {
  const { agentId } = await params;
  redirect(`/agents/${agentId}/workflows`);
}
