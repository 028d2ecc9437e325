// Pure: the host and scheme the browser used for a request, as the app sees them.

const validHost = /^(?:[\w.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The host (with port) the client asked for. Next.js rewrites request.url's host to its own bind
 * name, so the (forwarded) Host header comes first. A client can send any x-forwarded-host
 * itself, which is harmless here: browsers never let a cross-site page set it.
 */
export function getRequestHost(request: Request): string {
  const forwarded =
    request.headers.get("x-forwarded-host")?.split(",")[0].trim() || request.headers.get("host")?.trim();
  return (forwarded && validHost.test(forwarded) ? forwarded : new URL(request.url).host).toLowerCase();
}

/** "https" or "http": a proxy's x-forwarded-proto first, else the request URL's scheme. */
export function getRequestProto(request: Request): "https" | "http" {
  const proto =
    request.headers.get("x-forwarded-proto")?.split(",")[0].trim().toLowerCase() ||
    new URL(request.url).protocol.replace(/:$/, "");
  return proto === "https" ? "https" : "http";
}
