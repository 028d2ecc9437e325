import { DomainError } from "@/lib/errors/domain-error";

/** Reads a management request's JSON body, refusing it with a clear message when it is not JSON. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(contentType)) {
    throw new DomainError({
      code: "unsupported_media_type",
      message: "Send the body as JSON with Content-Type: application/json",
    });
  }
  const text = await request.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError({ code: "malformed_json", message: "The request body is not valid JSON" });
  }
}
