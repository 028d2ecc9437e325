// The public webhook endpoint: verifies a signed POST, stores it durably and answers 202 at once.
import { getIngestStore } from "@/lib/webhooks/ingest/get-ingest-store";
import { ingest } from "@/lib/webhooks/ingest/ingest";
import { getIngestSettings } from "@/lib/webhooks/ingest/ingest-settings";
import { trackIngestion } from "@/lib/webhooks/ingest/ingestion-load";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const done = trackIngestion();
  try {
    const result = await ingest({
      request,
      webhookId: id,
      store: await getIngestStore(),
      settings: getIngestSettings(),
    });
    return Response.json(result.body, { status: result.status, headers: result.headers });
  } catch (error) {
    // Nothing was stored: tell the sender to retry rather than to give up.
    console.error(`webhook ${id}: ingestion failed`, error);
    return Response.json(
      { error: { code: "temporarily_unavailable", message: "The request could not be stored; retry later" } },
      { status: 503, headers: { "retry-after": "5" } },
    );
  } finally {
    done();
  }
}

function methodNotAllowed() {
  return Response.json(
    { error: { code: "method_not_allowed", message: "Webhook endpoints accept POST only" } },
    { status: 405, headers: { allow: "POST" } },
  );
}

export { methodNotAllowed as GET, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE };
