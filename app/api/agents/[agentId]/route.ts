// Reads, renames or deletes one agent (deleting removes its workflows too).
import { deleteAgent } from "@/lib/agents/delete-agent";
import { getAgent } from "@/lib/agents/get-agent";
import { updateAgent } from "@/lib/agents/update-agent";
import { readJsonBody } from "@/lib/api/read-json-body";
import { routeHandler } from "@/lib/api/route-handler";
import { changedFields } from "@/lib/audit/changed-fields";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db";

type Params = { agentId: string };

export const GET = routeHandler<Params>({ role: "viewer" }, async (_request, { agentId }) =>
  Response.json({ agent: await getAgent({ db: await getDb(), agentId }) }),
);

export const PATCH = routeHandler<Params>({ role: "builder" }, async (request, { agentId }, user) => {
  const db = await getDb();
  const input = await readJsonBody(request);
  const agent = await updateAgent({ db, agentId, input });
  await recordAuditEvent({
    db,
    actor: user,
    action: "agent.updated",
    targetType: "agent",
    targetId: agentId,
    details: { name: agent.name, fields: changedFields(input) },
    request,
  });
  return Response.json({ agent });
});

export const DELETE = routeHandler<Params>({ role: "builder" }, async (request, { agentId }, user) => {
  const db = await getDb();
  await deleteAgent({ db, agentId });
  await recordAuditEvent({ db, actor: user, action: "agent.deleted", targetType: "agent", targetId: agentId, request });
  return new Response(null, { status: 204 });
});
