// Pure: CSRF protection by origin. Browsers send Origin on every cross-site POST, so a
// state-changing request whose Origin (or, without one, Referer) names another site is refused.
import { getRequestHost } from "@/lib/incoming/request-host";

const stateChangingMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function hostOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.host.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** Normalizes `host[:port]` as the browser would write it under `scheme` (dropping a default port). */
function normalizeHost(host: string, scheme: string): string | null {
  return hostOf(`${scheme}//${host}`);
}

/**
 * True when a state-changing request comes from another site. The request's own site is
 * WORKBENCH_PUBLIC_URL (`publicUrl`) or the (forwarded) Host it was sent to. Hosts are compared,
 * not schemes: a proxy that terminates TLS without setting x-forwarded-proto would otherwise
 * make every same-site request look cross-site (Next.js's own Server Action check does the same).
 * Requests with neither Origin nor Referer (curl, scripts) pass: a browser always sends Origin
 * on a cross-site POST, and our JSON bodies need a CORS preflight that we never grant.
 */
export function isCrossSiteRequest(opts: { request: Request; publicUrl?: string }): boolean {
  const { request } = opts;
  if (!stateChangingMethods.has(request.method.toUpperCase())) return false;
  const origin = request.headers.get("origin");
  const source = origin ?? request.headers.get("referer");
  if (source === null) return false;
  // "Origin: null" (sandboxed frames, file: pages, some redirects) is never our own site.
  const sourceHost = hostOf(source);
  if (!sourceHost) return true;
  const scheme = new URL(source).protocol;
  const ownHosts = [normalizeHost(getRequestHost(request), scheme), opts.publicUrl ? hostOf(opts.publicUrl) : null];
  return !ownHosts.includes(sourceHost);
}
