"use client";

import { RoleBadge } from "@/components/auth/role-badge";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/lib/client/format-date-time";
import type { ApiTokenDto, ApiTokenStatus } from "@/lib/tokens/api-token-dto";

export const tokenColumns = ["Name", "Role", "Token", "Created", "Expires", "Last used", "Status", ""] as const;

const statusBadges: Record<ApiTokenStatus, { tone: "green" | "amber" | "slate"; label: string }> = {
  active: { tone: "green", label: "Active" },
  expired: { tone: "amber", label: "Expired" },
  revoked: { tone: "slate", label: "Revoked" },
};

export function TokenRow({ token, onRevoke }: { token: ApiTokenDto; onRevoke: () => void }) {
  const status = statusBadges[token.status];
  return (
    <tr className="align-middle">
      <td className="px-4 py-3 font-medium whitespace-nowrap text-slate-900">{token.name}</td>
      <td className="px-4 py-3">
        <RoleBadge role={token.role} />
      </td>
      <td className="px-4 py-3 font-mono text-xs whitespace-nowrap text-slate-700">{token.prefix}…</td>
      <td className="px-4 py-3 whitespace-nowrap text-slate-600">{formatDateTime(token.createdAt)}</td>
      <td className="px-4 py-3 whitespace-nowrap text-slate-600">
        {token.expiresAt ? formatDateTime(token.expiresAt) : "Never"}
      </td>
      <td className="px-4 py-3 whitespace-nowrap text-slate-600">
        {token.lastUsedAt ? formatDateTime(token.lastUsedAt) : "Never used"}
      </td>
      <td className="px-4 py-3">
        <Badge tone={status.tone}>{status.label}</Badge>
      </td>
      <td className="px-4 py-2 text-right whitespace-nowrap">
        {token.status === "revoked" ? null : (
          <Button
            variant="ghost"
            className="text-red-700! shadow-none!"
            aria-label={`Revoke ${token.name}`}
            onClick={onRevoke}
          >
            Revoke
          </Button>
        )}
      </td>
    </tr>
  );
}
