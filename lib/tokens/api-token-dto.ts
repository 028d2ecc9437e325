import type { Role } from "@/lib/auth/roles";

export type ApiTokenStatus = "active" | "expired" | "revoked";

/** An API token as GET /api/tokens returns it: never its value or hash, only the prefix to recognise it by. */
export type ApiTokenDto = {
  id: string;
  name: string;
  role: Role;
  /** The first characters of the token (`awt_` and 8 more), safe to show. */
  prefix: string;
  status: ApiTokenStatus;
  createdAt: string;
  expiresAt: string | null;
  /** Updated at most once a minute, so it can lag the latest use by that much. */
  lastUsedAt: string | null;
  revokedAt: string | null;
};

/** The answer to POST /api/tokens: the only time the token's value leaves the server. */
export type CreatedApiTokenDto = { token: ApiTokenDto; secret: string };

type ApiTokenRow = {
  id: string;
  name: string;
  role: string;
  prefix: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

export function apiTokenStatus(row: Pick<ApiTokenRow, "expiresAt" | "revokedAt">, now: Date): ApiTokenStatus {
  if (row.revokedAt) return "revoked";
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

export function toApiTokenDto(row: ApiTokenRow, now: Date = new Date()): ApiTokenDto {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    prefix: row.prefix,
    status: apiTokenStatus(row, now),
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
