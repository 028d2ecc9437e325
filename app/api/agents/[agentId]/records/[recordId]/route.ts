// Deletes one record from the agent's data store.
import { getDb } from "@/lib/db";
import { routeHandler } from "@/lib/api/route-handler";
import { deleteRecord } from "@/lib/records/delete-record";

export const DELETE = routeHandler<{ agentId: string; recordId: string }>(async (_request, params) => {
  await deleteRecord({ db: await getDb(), ...params });
  return new Response(null, { status: 204 });
});
