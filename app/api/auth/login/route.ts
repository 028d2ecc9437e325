// Sign in with email and password: a new session cookie, or one generic 401 (429 when throttled).
import { readJsonBody } from "@/lib/api/read-json-body";
import { routeHandler } from "@/lib/api/route-handler";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { signIn } from "@/lib/auth/sign-in";
import { startSession } from "@/lib/auth/start-session";
import { getDb } from "@/lib/db";
import { DomainError } from "@/lib/errors/domain-error";
import { getClientIp } from "@/lib/incoming/client-ip";

export const POST = routeHandler({ public: true }, async (request) => {
  const db = await getDb();
  const result = await signIn({ db, input: await readJsonBody(request), ip: getClientIp({ request }) });
  if (result.outcome === "throttled") {
    throw new DomainError({
      code: "too_many_attempts",
      message: `Too many failed sign-ins; try again in ${Math.ceil(result.retryAfterSeconds / 60)} minutes`,
      retryAfterSeconds: result.retryAfterSeconds,
    });
  }
  if (result.outcome === "invalid_credentials") {
    await recordAuditEvent({
      db,
      actor: { id: null, email: result.email },
      action: "auth.sign_in_failed",
      targetType: "user",
      targetId: result.userId,
      request,
    });
    throw new DomainError({ code: "invalid_credentials", message: "The email or password is not right" });
  }
  const { user } = result;
  const { cookie, sessionId } = await startSession({ db, request, userId: user.id });
  await recordAuditEvent({
    db,
    actor: user,
    action: "auth.sign_in",
    targetType: "session",
    targetId: sessionId,
    request,
  });
  return Response.json({ user }, { headers: { "set-cookie": cookie, "cache-control": "no-store" } });
});
