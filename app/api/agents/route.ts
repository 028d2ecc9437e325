// Lists agents and creates one.
import { createAgent } from "@/lib/agents/create-agent";
import { listAgents } from "@/lib/agents/list-agents";
import { readJsonBody } from "@/lib/api/read-json-body";
import { routeHandler } from "@/lib/api/route-handler";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db";

export const GET = routeHandler({ role: "viewer" }, async () =>
  Response.json({ agents: await listAgents({ db: await getDb() }) }),
);

export const POST = routeHandler({ role: "builder" }, async (request, _params, user) => {
  const db = await getDb();
  const agent = await createAgent({ db, input: await readJsonBody(request) });
  await recordAuditEvent({
    db,
    actor: user,
    action: "agent.created",
    targetType: "agent",
    targetId: agent.id,
    details: { name: agent.name },
    request,
  });
  return Response.json({ agent }, { status: 201 });
});
