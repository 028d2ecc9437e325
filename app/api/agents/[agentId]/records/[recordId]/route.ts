// Deletes one record from the agent's data store.
import { routeHandler } from "@/lib/api/route-handler";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db";
import { deleteRecord } from "@/lib/records/delete-record";

export const DELETE = routeHandler<{ agentId: string; recordId: string }>(
  { role: "builder" },
  async (request, params, user) => {
    const db = await getDb();
    await deleteRecord({ db, ...params });
    await recordAuditEvent({
      db,
      actor: user,
      action: "record.deleted",
      targetType: "record",
      targetId: params.recordId,
      details: { agentId: params.agentId },
      request,
    });
    return new Response(null, { status: 204 });
  },
);
