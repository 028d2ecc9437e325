import { TriggersTab } from "@/components/triggers/triggers-tab";

export default async function Page({ params }: { params: Promise<{ agentId: string }> }) {
  const { agentId } = await params;
  return <TriggersTab agentId={agentId} />;
}
