import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";

import { config, proxy } from "./proxy";

const matcher = new RegExp(`^${config.matcher[0]}$`);

function run(path: string, cookie?: string) {
  return proxy(new NextRequest(`http://localhost:3000${path}`, { headers: cookie ? { cookie } : {} }));
}

describe("proxy", () => {
  it.each([
    ["/agents", "/login?next=%2Fagents"],
    ["/agents/ag_1/triggers?webhook=wh_1", "/login?next=%2Fagents%2Fag_1%2Ftriggers%3Fwebhook%3Dwh_1"],
    ["/users", "/login?next=%2Fusers"],
    ["/", "/login"],
  ])("sends %s without a session cookie to sign-in", (path, location) => {
    const response = run(path);
    expect(response.status).toBe(307);
    expect(
      new URL(response.headers.get("location")!).pathname + new URL(response.headers.get("location")!).search,
    ).toBe(location);
  });

  it("lets pages through with a session cookie (the API checks it)", () => {
    expect(run("/agents", "aw_session=anything").headers.get("location")).toBeNull();
    expect(run("/agents", "theme=dark; aw_session=x").headers.get("location")).toBeNull();
  });

  it("sends each page a script nonce, in the response's and in the request's CSP (where Next.js reads it)", () => {
    const nonces = ["/agents", "/login"].map((path) => {
      const response = run(path, "aw_session=x");
      const csp = response.headers.get("content-security-policy") ?? "";
      const nonce = /'nonce-([^']+)' 'strict-dynamic'/.exec(csp)?.[1];
      expect(nonce, csp).toBeTruthy();
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(response.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
      return nonce;
    });
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it.each(["/login", "/login?next=%2Fagents", "/setup"])("never redirects the sign-in pages (%s)", (path) => {
    expect(run(path).headers.get("location")).toBeNull();
  });

  it("is not run for the API, Next's assets or static files", () => {
    for (const path of [
      "/api/agents",
      "/api/webhooks/wh_1",
      "/_next/static/chunks/app.js",
      "/favicon.ico",
      "/logo.svg",
    ])
      expect(matcher.test(path), path).toBe(false);
    for (const path of ["/", "/agents", "/agents/ag_1/triggers", "/login", "/users"])
      expect(matcher.test(path), path).toBe(true);
  });
});
