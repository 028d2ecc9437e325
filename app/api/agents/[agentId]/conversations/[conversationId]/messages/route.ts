// One conversation's messages, oldest first.
import { getDb } from "@/lib/db";
import { routeHandler } from "@/lib/api/route-handler";
import { listMessages } from "@/lib/conversations/list-conversations";

export const GET = routeHandler<{ agentId: string; conversationId: string }>({ role: "viewer" }, async (_request, params) =>
  Response.json(await listMessages({ db: await getDb(), ...params })),
);
