import { Badge } from "@/components/ui/badge";
import type { DeliveryOutcome } from "@/lib/deliveries/delivery-dto";

export function OutcomeBadge({ outcome }: { outcome: DeliveryOutcome }) {
  return outcome === "accepted" ? <Badge tone="green">Accepted</Badge> : <Badge tone="red">Rejected</Badge>;
}

const executionTones: Record<string, "green" | "red" | "amber" | "indigo"> = {
  succeeded: "green",
  failed: "red",
  dead: "red",
  running: "amber",
  queued: "indigo",
};

export function ExecutionStatusBadge({ status }: { status: string }) {
  return <Badge tone={executionTones[status] ?? "slate"}>{status}</Badge>;
}
