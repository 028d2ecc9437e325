// Page gating: a page request without a session cookie goes to /login?next=<path>. Only the
// cookie's presence is checked here; every API route checks the session and role itself.
import { NextResponse, type NextRequest } from "next/server";

import { SESSION_COOKIE_NAME } from "@/lib/auth/session-cookie";
import { isAuthPage, loginPath } from "@/lib/client/auth-paths";

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (isAuthPage(pathname) || request.cookies.has(SESSION_COOKIE_NAME)) return NextResponse.next();
  return NextResponse.redirect(new URL(loginPath(pathname + search), request.url));
}

export const config = {
  // Pages only: not the API (it answers 401 itself), Next's assets, or files such as /favicon.ico.
  matcher: ["/((?!api/|_next/|.*\\.\\w+$).*)"],
};
