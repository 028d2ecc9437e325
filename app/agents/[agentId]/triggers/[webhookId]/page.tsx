import { WebhookPage } from "@/components/triggers/webhook-page";

export default async function Page({ params }: { params: Promise<{ agentId: string; webhookId: string }> }) {
  const { agentId, webhookId } = await params;
  return <WebhookPage agentId={agentId} webhookId={webhookId} />;
}
