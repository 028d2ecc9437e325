// The public webhook endpoint: verifies a signed POST, stores it durably and answers 202 at once.
// server.mjs answers POSTs itself (lib/server/webhook-endpoint.ts, past Next's router, with the
// same answerWebhook); this route is what serves them when the app runs under plain `next start`.
import { answerWebhook } from "@/lib/webhooks/ingest/answer-webhook";
import { fromWebRequest } from "@/lib/webhooks/ingest/ingest-request";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const result = await answerWebhook({ request: fromWebRequest(request), webhookId: id });
  return Response.json(result.body, { status: result.status, headers: result.headers });
}

function methodNotAllowed() {
  return Response.json(
    { error: { code: "method_not_allowed", message: "Webhook endpoints accept POST only" } },
    { status: 405, headers: { allow: "POST" } },
  );
}

export { methodNotAllowed as GET, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE };
