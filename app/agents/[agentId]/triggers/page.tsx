import { EmptyState } from "@/components/ui/empty-state";

export default function Page() {
  return (
    <EmptyState title="Webhook triggers are coming">
      This tab will list the agent&apos;s webhooks: each runs one of its workflows when another system sends a signed POST
      request. You will create webhooks, generate and rotate their private keys, copy the endpoint and see every delivery here.
    </EmptyState>
  );
}
