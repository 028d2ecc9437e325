import { describe, expect, it } from "vitest";

import {
  clientIpFromForwardedFor,
  compileIpAllowList,
  isIpAllowed,
  MAX_IP_ALLOW_LIST_ENTRIES,
  parseClientAddress,
  parseIpAllowList,
} from "./ip-allow-list";

const allowed = (ip: string | null, list: string) => isIpAllowed({ ip, allowList: compileIpAllowList(list) });

describe("parseIpAllowList", () => {
  it.each<[string | string[], string[]]>([
    ["203.0.113.7", ["203.0.113.7"]],
    ["203.0.113.7, 10.0.0.0/8\n192.168.1.0/24", ["203.0.113.7", "10.0.0.0/8", "192.168.1.0/24"]],
    [
      ["2001:DB8::/32", " 2001:0db8:0000::1 "],
      ["2001:db8::/32", "2001:db8::1"],
    ],
    [
      ["10.0.0.1/32", "::1/128"],
      ["10.0.0.1", "::1"],
    ],
    [
      ["::ffff:192.0.2.1", "::ffff:10.0.0.0/104"],
      ["192.0.2.1", "10.0.0.0/8"],
    ],
    [["1.2.3.4", "1.2.3.4"], ["1.2.3.4"]],
    ["", []],
    [[], []],
  ])("%j -> %j", (input, entries) => {
    expect(parseIpAllowList(input)).toEqual({ ok: true, entries });
  });

  it.each([
    "example.com",
    "127.1", // ipaddr.js would read it as 127.0.0.1
    "0x7f.0.0.1",
    "2130706433",
    "10.0.0.0/33",
    "2001:db8::/129",
    "10.0.0.0/8/8",
    "10.0.0.0/x",
    "fe80::1%eth0",
    "256.0.0.1",
    "*",
  ])("refuses %j, naming it", (entry) => {
    const parsed = parseIpAllowList(["10.0.0.1", entry]);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toContain(entry);
  });

  it(`accepts ${MAX_IP_ALLOW_LIST_ENTRIES} entries, not one more`, () => {
    const list = Array.from({ length: MAX_IP_ALLOW_LIST_ENTRIES + 1 }, (_, i) => `10.0.${i}.0/24`);
    expect(parseIpAllowList(list.slice(0, -1)).ok).toBe(true);
    expect(parseIpAllowList(list)).toEqual({
      ok: false,
      message: expect.stringContaining(String(MAX_IP_ALLOW_LIST_ENTRIES)),
    });
  });
});

describe("isIpAllowed", () => {
  it.each<[string | null, string, boolean]>([
    ["203.0.113.7", "203.0.113.7", true],
    ["203.0.113.8", "203.0.113.7", false],
    ["10.1.2.3", "10.0.0.0/8", true],
    ["11.0.0.1", "10.0.0.0/8", false],
    ["192.168.1.255", "192.168.1.0/24", true],
    ["192.168.2.0", "192.168.1.0/24", false],
    ["2001:db8::abcd", "2001:db8::/32", true],
    ["2001:db9::1", "2001:db8::/32", false],
    ["[2001:db8::1]:443", "2001:db8::1", true],
    ["203.0.113.7:51234", "203.0.113.7", true],
    // IPv4-mapped IPv6 (a dual-stack socket) is the IPv4 address, in either position.
    ["::ffff:10.1.2.3", "10.0.0.0/8", true],
    ["::ffff:11.1.2.3", "10.0.0.0/8", false],
    ["10.1.2.3", "::ffff:10.0.0.0/104", true],
    ["::ffff:203.0.113.7", "::ffff:203.0.113.7", true],
    // An IPv4 address never matches an IPv6 range and back.
    ["10.0.0.1", "::/0", false],
    ["2001:db8::1", "0.0.0.0/0", false],
    ["0.0.0.0", "0.0.0.0/0", true],
    [null, "0.0.0.0/0", false],
    ["unknown", "0.0.0.0/0", false],
    ["", "0.0.0.0/0", false],
    ["127.1", "127.0.0.0/8", false],
  ])("%j in %j -> %s", (ip, list, expected) => {
    expect(allowed(ip, list)).toBe(expected);
  });

  it("allows nothing with an empty list", () => {
    expect(allowed("10.0.0.1", "")).toBe(false);
  });
});

describe("parseClientAddress", () => {
  it("reads the forms proxies write", () => {
    expect(parseClientAddress(" 198.51.100.4 ")?.toString()).toBe("198.51.100.4");
    expect(parseClientAddress("[::1]")?.toString()).toBe("::1");
    expect(parseClientAddress("garbage:80")).toBeNull();
  });
});

describe("clientIpFromForwardedFor", () => {
  it.each<[string | null, number, string | null]>([
    // One proxy: it appended the address that connected to it, the last entry.
    ["203.0.113.7", 1, "203.0.113.7"],
    ["1.1.1.1, 203.0.113.7", 1, "203.0.113.7"],
    // Two proxies (e.g. a CDN then a load balancer): the second entry from the right.
    ["1.1.1.1, 203.0.113.7, 10.0.0.2", 2, "203.0.113.7"],
    ["203.0.113.7,10.0.0.2", 2, "203.0.113.7"],
    // Fewer entries than trusted hops: the proxies are not all there, nothing can be trusted.
    ["203.0.113.7", 2, null],
    [null, 1, null],
    ["", 1, null],
    ["1.1.1.1, ", 1, null],
  ])("%j with %i hop(s) -> %j", (header, hops, expected) => {
    expect(clientIpFromForwardedFor({ forwardedFor: header, trustedProxyHops: hops })).toBe(expected);
  });
});
