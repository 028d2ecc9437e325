// Revokes one of the caller's own API tokens (204); it is refused from the next request on. Session only.
import { routeHandler } from "@/lib/api/route-handler";
import { getDb } from "@/lib/db";
import { getClientIp } from "@/lib/incoming/client-ip";
import { revokeApiToken } from "@/lib/tokens/revoke-api-token";

export const DELETE = routeHandler<{ tokenId: string }>(
  { role: "viewer", sessionOnly: true },
  async (request, { tokenId }, actor) => {
    await revokeApiToken({ db: await getDb(), actor, ip: getClientIp({ request }), tokenId });
    return new Response(null, { status: 204 });
  },
);
