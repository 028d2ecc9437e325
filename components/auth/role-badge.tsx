import { Badge } from "@/components/ui/badge";
import { roleLabels, type Role } from "@/lib/auth/roles";

const roleTones = { owner: "indigo", admin: "amber", builder: "green", viewer: "slate" } as const;

export function RoleBadge({ role }: { role: Role }) {
  return <Badge tone={roleTones[role]}>{roleLabels[role]}</Badge>;
}
