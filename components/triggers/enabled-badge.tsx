import { Badge } from "@/components/ui/badge";

export function EnabledBadge({ enabled }: { enabled: boolean }) {
  return enabled ? <Badge tone="green">Enabled</Badge> : <Badge>Disabled</Badge>;
}
