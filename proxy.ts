// Page requests: a page without a session cookie goes to /login?next=<path> (only the cookie's
// presence is checked here; every API route checks the session and role itself), and every page
// gets a Content-Security-Policy with a fresh script nonce, which Next.js applies to its scripts.
import { NextResponse, type NextRequest } from "next/server";

import { SESSION_COOKIE_NAME } from "@/lib/auth/session-cookie";
import { isAuthPage, loginPath } from "@/lib/client/auth-paths";
import { contentSecurityPolicy, createNonce } from "@/lib/incoming/security-headers";

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (!isAuthPage(pathname) && !request.cookies.has(SESSION_COOKIE_NAME))
    return NextResponse.redirect(new URL(loginPath(pathname + search), request.url));

  // NODE_ENV is fixed when Next.js compiles this file: "development" only under `npm run dev`.
  const csp = contentSecurityPolicy({ development: process.env.NODE_ENV === "development", nonce: createNonce() });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  // Pages only: not the API (it answers 401 itself), Next's assets, or files such as /favicon.ico.
  matcher: ["/((?!api/|_next/|.*\\.\\w+$).*)"],
};
