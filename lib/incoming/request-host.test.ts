import { describe, expect, it } from "vitest";

import { getRequestHost, getRequestProto } from "./request-host";

const request = (headers: Record<string, string>, url = "http://127.0.0.1:3000/x") => new Request(url, { headers });

describe("request host and scheme", () => {
  it("takes the host from x-forwarded-host, then Host, then the URL", () => {
    expect(
      getRequestHost(request({ "x-forwarded-host": "wb.example.com, proxy.internal", host: "127.0.0.1:3000" })),
    ).toBe("wb.example.com");
    expect(getRequestHost(request({ host: "Workbench.LAN:3000" }))).toBe("workbench.lan:3000");
    expect(getRequestHost(request({}))).toBe("127.0.0.1:3000");
    expect(getRequestHost(request({ host: "bad host/with/slashes" }))).toBe("127.0.0.1:3000");
  });

  it("takes the scheme from x-forwarded-proto, then the URL", () => {
    expect(getRequestProto(request({ "x-forwarded-proto": "https,http" }))).toBe("https");
    expect(getRequestProto(request({}))).toBe("http");
    expect(getRequestProto(request({}, "https://wb.example.com/"))).toBe("https");
  });
});
