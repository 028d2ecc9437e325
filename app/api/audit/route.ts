// The audit log for admins: who did what, newest first, cursor-paginated (?cursor&limit).
import { routeHandler } from "@/lib/api/route-handler";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { getDb } from "@/lib/db";

export const GET = routeHandler({ role: "admin" }, async (request) =>
  Response.json(
    await listAuditEvents({ db: await getDb(), query: Object.fromEntries(new URL(request.url).searchParams) }),
    {
      headers: { "cache-control": "no-store" },
    },
  ),
);
