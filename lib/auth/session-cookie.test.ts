import { describe, expect, it } from "vitest";

import {
  buildClearedSessionCookie,
  buildSessionCookie,
  hasSessionCookie,
  isSecureCookieContext,
  readSessionToken,
} from "./session-cookie";

const token = "A".repeat(40) + "b-_";
const request = (url: string, headers: Record<string, string> = {}) => new Request(url, { headers });

describe("readSessionToken", () => {
  it.each([
    ["the only cookie", `aw_session=${token}`, token],
    ["among others", `theme=dark; aw_session=${token}; other=1`, token],
    ["no cookie header", undefined, null],
    ["another cookie only", "aw_sessionx=abc", null],
    ["a malformed value", "aw_session=not a token", null],
    ["a too short value", "aw_session=abc", null],
    ["an empty value", "aw_session=", null],
  ])("%s", (_name, cookie, expected) => {
    expect(readSessionToken(request("http://localhost/", cookie ? { cookie } : {}))).toBe(expected);
  });

  it("tells whether any session cookie was sent, valid or not", () => {
    expect(hasSessionCookie(request("http://localhost/", { cookie: "aw_session=abc" }))).toBe(true);
    expect(hasSessionCookie(request("http://localhost/", { cookie: "x=aw_session=abc" }))).toBe(false);
  });
});

describe("isSecureCookieContext", () => {
  it.each([
    ["https", "https://workbench.example.com/", {}, true],
    [
      "http behind a TLS proxy",
      "http://10.0.0.5:3000/",
      { host: "workbench.example.com", "x-forwarded-proto": "https" },
      true,
    ],
    ["http on localhost", "http://localhost:3000/", {}, true],
    ["http on 127.0.0.1", "http://0.0.0.0:3000/", { host: "127.0.0.1:3000" }, true],
    ["http on [::1]", "http://[::1]:3000/", {}, true],
    ["plain http on a LAN address", "http://localhost:3000/", { host: "192.168.1.20:3000" }, false],
    ["plain http on a hostname", "http://workbench.lan/", {}, false],
    ["a proxy saying http", "https://internal/", { "x-forwarded-proto": "http", host: "workbench.lan" }, false],
  ])("%s -> %s", (_name, url, headers, secure) => {
    expect(isSecureCookieContext(request(url, headers))).toBe(secure);
  });
});

describe("Set-Cookie values", () => {
  it("is HttpOnly, SameSite=Lax, on / and expires with the session", () => {
    const expiresAt = new Date(Date.now() + 3_600_000);
    const cookie = buildSessionCookie({ request: request("https://workbench.example.com/"), token, expiresAt });
    expect(cookie).toMatch(new RegExp(`^aw_session=${token}; `));
    expect(cookie.split("; ")).toEqual(expect.arrayContaining(["Path=/", "HttpOnly", "SameSite=Lax", "Secure"]));
    const maxAge = Number(/Max-Age=(\d+)/.exec(cookie)![1]);
    expect(maxAge).toBeGreaterThan(3_590);
    expect(maxAge).toBeLessThanOrEqual(3_600);
  });

  it("leaves Secure off on plain-http LAN installs so the browser keeps the cookie", () => {
    const cookie = buildSessionCookie({
      request: request("http://192.168.1.20:3000/"),
      token,
      expiresAt: new Date(Date.now() + 60_000),
    });
    expect(cookie).not.toContain("Secure");
    expect(cookie).toContain("HttpOnly");
  });

  it("clears the cookie with an empty value and Max-Age=0", () => {
    expect(buildClearedSessionCookie(request("http://localhost/"))).toBe(
      "aw_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure",
    );
  });
});
