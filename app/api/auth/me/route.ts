// The caller ({user}: for an API token, its owner with the token's effective role), or 401 unauthenticated.
import { routeHandler } from "@/lib/api/route-handler";
import type { CurrentUserDto } from "@/lib/auth/current-user-dto";

export const GET = routeHandler({ role: "viewer" }, async (_request, _params, { id, email, name, role }) => {
  const user: CurrentUserDto = { id, email, name, role };
  return Response.json({ user }, { headers: { "cache-control": "no-store" } });
});
