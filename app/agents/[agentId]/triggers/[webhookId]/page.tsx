import { WebhookPage } from "@/components/triggers/webhook-page";

export default async function Page(props: {
  params: Promise<{ agentId: string; webhookId: string }>;
  searchParams: Promise<{ delivery?: string | string[] }>;
}) {
  const { agentId, webhookId } = await props.params;
  const { delivery } = await props.searchParams;
  return (
    <WebhookPage agentId={agentId} webhookId={webhookId} deliveryId={typeof delivery === "string" ? delivery : null} />
  );
}
