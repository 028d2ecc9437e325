import { describe, expect, it } from "vitest";

import { isCrossSiteRequest } from "./cross-site";

function check(opts: { method?: string; url?: string; headers?: Record<string, string>; publicUrl?: string }): boolean {
  const request = new Request(opts.url ?? "http://localhost:3000/api/agents", {
    method: opts.method ?? "POST",
    headers: opts.headers,
  });
  return isCrossSiteRequest({ request, publicUrl: opts.publicUrl });
}

describe("isCrossSiteRequest", () => {
  it.each([
    ["a same-origin POST", { headers: { origin: "http://localhost:3000" } }, false],
    ["a POST from another site", { headers: { origin: "https://evil.example" } }, true],
    ["another port on the same host", { headers: { origin: "http://localhost:4000" } }, true],
    ["a lookalike host", { headers: { origin: "http://localhost:3000.evil.example" } }, true],
    ["Origin: null", { headers: { origin: "null" } }, true],
    ["a non-http origin", { headers: { origin: "file://" } }, true],
    ["no Origin, same-site Referer", { headers: { referer: "http://localhost:3000/agents" } }, false],
    ["no Origin, cross-site Referer", { headers: { referer: "https://evil.example/form.html" } }, true],
    ["a garbage Referer", { headers: { referer: "not a url" } }, true],
    ["neither header (curl, scripts)", {}, false],
    [
      "Origin wins over Referer",
      { headers: { origin: "http://localhost:3000", referer: "https://evil.example/" } },
      false,
    ],
    [
      "the Host header names the site",
      {
        url: "http://0.0.0.0:3000/api/agents",
        headers: { host: "workbench.lan:3000", origin: "http://workbench.lan:3000" },
      },
      false,
    ],
    [
      "behind a proxy",
      {
        url: "http://127.0.0.1:3000/api/agents",
        headers: { "x-forwarded-host": "wb.example.com", origin: "https://wb.example.com" },
      },
      false,
    ],
    [
      "default ports are the same site",
      { url: "http://0.0.0.0/api/agents", headers: { host: "wb.example.com:443", origin: "https://wb.example.com" } },
      false,
    ],
    [
      "WORKBENCH_PUBLIC_URL names the site",
      {
        url: "http://10.0.0.5:3000/api/agents",
        headers: { origin: "https://wb.example.com" },
        publicUrl: "https://wb.example.com",
      },
      false,
    ],
    [
      "WORKBENCH_PUBLIC_URL does not admit other sites",
      { headers: { origin: "https://evil.example" }, publicUrl: "https://wb.example.com" },
      true,
    ],
  ])("%s -> %s", (_name, opts, crossSite) => {
    expect(check(opts)).toBe(crossSite);
  });

  it.each(["PUT", "PATCH", "DELETE", "post"])("checks %s", (method) => {
    expect(check({ method, headers: { origin: "https://evil.example" } })).toBe(true);
  });

  it.each(["GET", "HEAD", "OPTIONS"])("lets %s through: it changes nothing", (method) => {
    expect(check({ method, headers: { origin: "https://evil.example" } })).toBe(false);
  });
});
