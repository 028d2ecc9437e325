import { describe, expect, it } from "vitest";

import { resolveClientIp } from "./client-ip-rule";

describe("resolveClientIp", () => {
  it.each([
    // No reverse proxy: only the connection counts, whatever the client wrote.
    [0, null, "127.0.0.1", "127.0.0.1"],
    [0, "203.0.113.9", "127.0.0.2", "127.0.0.2"],
    [0, "203.0.113.9, 198.51.100.1", "::ffff:127.0.0.1", "127.0.0.1"],
    // One appending proxy: its entry (the rightmost) is the client; entries left of it are forged.
    [1, "198.51.100.7", "10.0.0.1", "198.51.100.7"],
    [1, "6.6.6.6, 198.51.100.7", "10.0.0.1", "198.51.100.7"],
    [1, " 6.6.6.6 ,198.51.100.7 ", "10.0.0.1", "198.51.100.7"],
    [1, "198.51.100.7:4711", "10.0.0.1", "198.51.100.7"],
    [1, "[2001:DB8::1]:443", "10.0.0.1", "2001:db8::1"],
    // Two proxies: the second entry from the right.
    [2, "6.6.6.6, 198.51.100.7, 10.0.0.5", "10.0.0.1", "198.51.100.7"],
    // Fewer entries than hops, or none: the request came around the proxies; the peer is the client.
    [2, "198.51.100.7", "192.0.2.4", "192.0.2.4"],
    [1, null, "192.0.2.4", "192.0.2.4"],
    [1, "", "192.0.2.4", "192.0.2.4"],
    [1, "   ", "::1", "::1"],
    // Nothing known: no address, never a shared "unknown".
    [0, null, null, null],
    [1, null, "", null],
    [0, "203.0.113.9", null, null],
  ])("hops %i, X-Forwarded-For %j, peer %j -> %j", (trustedProxyHops, forwardedFor, peerIp, expected) => {
    expect(resolveClientIp({ forwardedFor, peerIp, trustedProxyHops })).toBe(expected);
  });

  it("keeps an entry a proxy wrote that is not an address, capped at 100 characters", () => {
    expect(resolveClientIp({ forwardedFor: "unknown", peerIp: "10.0.0.1", trustedProxyHops: 1 })).toBe("unknown");
    const long = "x".repeat(300);
    expect(resolveClientIp({ forwardedFor: long, peerIp: null, trustedProxyHops: 1 })).toHaveLength(100);
  });
});
