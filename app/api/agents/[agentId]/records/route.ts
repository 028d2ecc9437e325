// The agent's data store: its collections, or one collection's records with ?collection=.
import { routeHandler } from "@/lib/api/route-handler";
import { getDb } from "@/lib/db";
import { listCollections, listRecords } from "@/lib/records/list-records";

export const GET = routeHandler<{ agentId: string }>({ role: "viewer" }, async (request, { agentId }) => {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const db = await getDb();
  if (query.collection === undefined) return Response.json({ collections: await listCollections({ db, agentId }) });
  return Response.json(await listRecords({ db, agentId, query }));
});
