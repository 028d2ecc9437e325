// Pure: the session cookie — its name, reading it from a request, and the Set-Cookie values.
import { getRequestHost, getRequestProto } from "@/lib/incoming/request-host";

export const SESSION_COOKIE_NAME = "aw_session";
/** Sessions last 14 days from the last time they were used (sliding, see sessions.ts). */
export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

// 32 random bytes in base64url: anything else is not one of our tokens and is not looked up.
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;
const loopbackHosts = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** The session token from the request's Cookie header, or null when there is none (or it is malformed). */
export function readSessionToken(request: Request): string | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const separator = part.indexOf("=");
    if (separator === -1 || part.slice(0, separator).trim() !== SESSION_COOKIE_NAME) continue;
    const value = part.slice(separator + 1).trim();
    return tokenPattern.test(value) ? value : null;
  }
  return null;
}

/** Whether the request carries a session cookie at all, valid or not. */
export function hasSessionCookie(request: Request): boolean {
  return (request.headers.get("cookie") ?? "")
    .split(";")
    .some((part) => part.trim().startsWith(`${SESSION_COOKIE_NAME}=`));
}

/**
 * Whether the cookie may carry `Secure`. Over https (seen directly, or through a proxy's
 * x-forwarded-proto) it must. On localhost, 127.0.0.1 and [::1] browsers treat plain http as a
 * secure context and accept Secure cookies, so we set it there too. On any other plain-http host
 * (a LAN install at http://192.168.1.20:3000) a Secure cookie would be dropped by the browser
 * and nobody could sign in, so it is left off there: use https for anything beyond a LAN.
 */
export function isSecureCookieContext(request: Request): boolean {
  if (getRequestProto(request) === "https") return true;
  const host = getRequestHost(request);
  const hostname = host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.split(":")[0];
  return loopbackHosts.has(hostname.toLowerCase());
}

function cookieAttributes(request: Request, maxAgeSeconds: number): string {
  // HttpOnly: scripts (and so XSS) cannot read it. SameSite=Lax: not sent on cross-site POSTs.
  const attributes = [`Path=/`, `Max-Age=${maxAgeSeconds}`, "HttpOnly", "SameSite=Lax"];
  if (isSecureCookieContext(request)) attributes.push("Secure");
  return attributes.join("; ");
}

/** Set-Cookie value for a session token that expires at `expiresAt`. */
export function buildSessionCookie(opts: { request: Request; token: string; expiresAt: Date }): string {
  const maxAge = Math.max(0, Math.round((opts.expiresAt.getTime() - Date.now()) / 1000));
  return `${SESSION_COOKIE_NAME}=${opts.token}; ${cookieAttributes(opts.request, maxAge)}`;
}

/** Set-Cookie value that removes the session cookie from the browser. */
export function buildClearedSessionCookie(request: Request): string {
  return `${SESSION_COOKIE_NAME}=; ${cookieAttributes(request, 0)}`;
}
