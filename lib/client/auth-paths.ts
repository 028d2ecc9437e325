// Where the browser goes when it has no session, and where sign-in may send it back to.
const authPages = ["/login", "/setup"];

export function isAuthPage(pathname: string): boolean {
  return authPages.some((page) => pathname === page || pathname.startsWith(`${page}/`));
}

/** Only a path on this site (never `//host` or `/\host`, which browsers read as another origin) and never a sign-in page. */
export function safeNextPath(next: string | null | undefined, fallback = "/agents"): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return fallback;
  const pathname = next.split(/[?#]/)[0];
  return pathname === "/" || isAuthPage(pathname) ? fallback : next;
}

export function loginPath(next?: string): string {
  const target = safeNextPath(next, "");
  return target ? `/login?next=${encodeURIComponent(target)}` : "/login";
}
