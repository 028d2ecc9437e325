// One conversation's messages, oldest first.
import { routeHandler } from "@/lib/api/route-handler";
import { listMessages } from "@/lib/conversations/list-conversations";
import { getDb } from "@/lib/db";

export const GET = routeHandler<{ agentId: string; conversationId: string }>(
  { role: "viewer" },
  async (_request, params) => Response.json(await listMessages({ db: await getDb(), ...params })),
);
