// Sign out: ends the session on the server and removes the cookie (204, also without a live session).
import { routeHandler } from "@/lib/api/route-handler";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { authenticateSession } from "@/lib/auth/authenticate";
import { buildClearedSessionCookie, readSessionToken } from "@/lib/auth/session-cookie";
import { deleteSessionByToken } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db";

export const POST = routeHandler({ public: true }, async (request) => {
  const token = readSessionToken(request);
  if (token) {
    const db = await getDb();
    const authentication = await authenticateSession(request);
    await deleteSessionByToken({ db, token });
    if (authentication) {
      const { user } = authentication;
      await recordAuditEvent({
        db,
        actor: user,
        action: "auth.sign_out",
        targetType: "session",
        targetId: user.sessionId,
        request,
      });
    }
  }
  return new Response(null, { status: 204, headers: { "set-cookie": buildClearedSessionCookie(request) } });
});
