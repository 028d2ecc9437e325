// The agent's conversations (Notify steps post to them), most recently active first.
import { routeHandler } from "@/lib/api/route-handler";
import { listConversations } from "@/lib/conversations/list-conversations";
import { getDb } from "@/lib/db";

export const GET = routeHandler<{ agentId: string }>({ role: "viewer" }, async (_request, { agentId }) =>
  Response.json({ conversations: await listConversations({ db: await getDb(), agentId }) }),
);
