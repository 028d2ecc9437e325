// The agent's integration settings: LLM provider (key stored encrypted) and outbound signing secret (builders only).
import { getAgentSettings, updateAgentSettings } from "@/lib/agents/agent-settings";
import { readJsonBody } from "@/lib/api/read-json-body";
import { routeHandler } from "@/lib/api/route-handler";
import { changedFields } from "@/lib/audit/changed-fields";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hasRole } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";

type Params = { agentId: string };

export const GET = routeHandler<Params>({ role: "viewer" }, async (_request, { agentId }, user) =>
  Response.json(
    { settings: await getAgentSettings({ db: await getDb(), agentId, revealSecret: hasRole(user.role, "builder") }) },
    { headers: { "cache-control": "no-store" } },
  ),
);

export const PATCH = routeHandler<Params>({ role: "builder" }, async (request, { agentId }, user) => {
  const db = await getDb();
  const input = await readJsonBody(request);
  const settings = await updateAgentSettings({ db, agentId, input });
  // Field names only: the LLM API key itself never reaches the audit log.
  await recordAuditEvent({
    db,
    actor: user,
    action: "agent.settings_changed",
    targetType: "agent",
    targetId: agentId,
    details: { fields: changedFields(input) },
    request,
  });
  return Response.json({ settings }, { headers: { "cache-control": "no-store" } });
});
