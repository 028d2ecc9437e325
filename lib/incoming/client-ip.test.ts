import { afterEach, describe, expect, it } from "vitest";

import { getClientIp } from "./client-ip";
import { PEER_IP_HEADER } from "./client-ip-rule";

const trusted = Symbol.for("workbench.peerIpHeaderTrusted");
const flags = globalThis as Record<symbol, unknown>;
const request = (headers: Record<string, string>) => new Request("http://localhost/api/x", { headers });

afterEach(() => {
  delete flags[trusted];
});

describe("getClientIp", () => {
  it("uses the peer header only in a process served by server.mjs, which overwrites it", () => {
    const headers = { [PEER_IP_HEADER]: "192.0.2.4", "x-forwarded-for": "203.0.113.9" };
    expect(getClientIp({ request: request(headers), trustedProxyHops: 0 })).toBeNull();
    flags[trusted] = true;
    expect(getClientIp({ request: request(headers), trustedProxyHops: 0 })).toBe("192.0.2.4");
    expect(getClientIp({ request: request(headers), trustedProxyHops: 1 })).toBe("203.0.113.9");
  });

  it("reads the hops from WORKBENCH_TRUSTED_PROXY_HOPS (0 unless set: no proxy)", () => {
    flags[trusted] = true;
    expect(getClientIp({ request: request({ [PEER_IP_HEADER]: "::1", "x-forwarded-for": "203.0.113.9" }) })).toBe(
      "::1",
    );
  });
});
