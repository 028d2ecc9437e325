import { describe, expect, it } from "vitest";

import {
  checkAddress,
  emptyAllowList,
  ipLiteralOf,
  isHostnameAllowed,
  parseAllowList,
  refusalMessage,
} from "./address-policy";

const refused = (reason: string) => ({ allowed: false, reason });

describe("checkAddress without an allow-list", () => {
  it.each([
    // IPv4
    ["8.8.8.8", { allowed: true }],
    ["93.184.216.34", { allowed: true }],
    ["127.0.0.1", refused("loopback")],
    ["127.255.255.254", refused("loopback")],
    ["10.0.0.1", refused("private")],
    ["172.16.0.1", refused("private")],
    ["172.31.255.255", refused("private")],
    ["172.32.0.1", { allowed: true }],
    ["192.168.1.1", refused("private")],
    ["169.254.169.254", refused("link-local, cloud metadata service")],
    ["169.254.1.1", refused("link-local")],
    ["100.64.0.1", refused("carrier-grade NAT")],
    ["100.127.255.255", refused("carrier-grade NAT")],
    ["100.128.0.1", { allowed: true }],
    ["0.0.0.0", refused("unspecified")],
    ["0.1.2.3", refused("unspecified")],
    ["224.0.0.1", refused("multicast")],
    ["239.255.255.250", refused("multicast")],
    ["255.255.255.255", refused("broadcast")],
    ["240.0.0.1", refused("reserved")],
    ["192.0.2.10", refused("reserved")],
    ["198.18.0.1", refused("reserved")],
    // IPv6
    ["2606:4700:4700::1111", { allowed: true }],
    ["::1", refused("loopback")],
    ["::", refused("unspecified")],
    ["fc00::1", refused("unique local")],
    ["fd12:3456::1", refused("unique local")],
    ["fe80::1", refused("link-local")],
    ["ff02::1", refused("multicast")],
    ["2001:db8::1", refused("reserved")],
    ["::7f00:1", refused("reserved")], // deprecated IPv4-compatible form of 127.0.0.1
    ["2002:7f00:1::1", refused("6to4 tunnel")],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", refused("Teredo tunnel")],
    // IPv4-mapped IPv6 is judged as the IPv4 it carries
    ["::ffff:127.0.0.1", refused("loopback")],
    ["::ffff:7f00:1", refused("loopback")],
    ["::ffff:169.254.169.254", refused("link-local, cloud metadata service")],
    ["::ffff:8.8.8.8", { allowed: true }],
    ["::ffff:0:7f00:1", refused("IPv4-translated")],
    // NAT64 (DNS64 answers on IPv6-only networks): public embedded IPv4 passes, internal does not
    ["64:ff9b::8.8.8.8", { allowed: true }],
    ["64:ff9b::7f00:1", refused("NAT64 of 127.0.0.1, loopback")],
    ["64:ff9b::10.1.2.3", refused("NAT64 of 10.1.2.3, private")],
    ["64:ff9b::a9fe:a9fe", refused("NAT64 of 169.254.169.254, link-local, cloud metadata service")],
    ["64:ff9b:1::8.8.8.8", refused("NAT64")],
    // not an address at all
    ["localhost", refused("not an IP address")],
  ])("%s", (address, expected) => {
    expect(checkAddress({ address, allowList: emptyAllowList })).toMatchObject(expected);
  });

  it("names the IPv4 a mapped address carries", () => {
    expect(checkAddress({ address: "::ffff:10.0.0.1", allowList: emptyAllowList })).toEqual({
      allowed: false,
      address: "10.0.0.1",
      reason: "private",
    });
  });
});

describe("URL host forms", () => {
  // WHATWG URL normalises every IPv4 spelling to dotted decimal before we see it.
  it.each([
    ["http://2130706433/", "127.0.0.1"],
    ["http://0x7f000001/", "127.0.0.1"],
    ["http://0x7f.1/", "127.0.0.1"],
    ["http://0177.0.0.1/", "127.0.0.1"],
    ["http://017700000001/", "127.0.0.1"],
    ["http://127.1/", "127.0.0.1"],
    ["http://0/", "0.0.0.0"],
    ["http://0xa9fea9fe/", "169.254.169.254"],
    ["http://[::1]/", "::1"],
    ["http://[::ffff:127.0.0.1]/", "::ffff:7f00:1"],
    ["http://[0:0:0:0:0:ffff:7f00:1]/", "::ffff:7f00:1"],
  ])("%s is the literal %s and is refused", (url, literal) => {
    const hostname = new URL(url).hostname;
    expect(ipLiteralOf(hostname)).toBe(literal);
    expect(checkAddress({ address: literal, allowList: emptyAllowList }).allowed).toBe(false);
  });

  it.each(["example.com", "localhost", "xn--bcher-kva.example", "1.2.3.4.nip.io"])(
    "%s is a name, not a literal",
    (hostname) => {
      expect(ipLiteralOf(new URL(`http://${hostname}/`).hostname)).toBeNull();
    },
  );
});

describe("allow-list", () => {
  const allowList = parseAllowList(" 127.0.0.1/32, 10.20.0.0/16 ,::1, internal.example.com *.corp.example ");

  it.each([
    ["127.0.0.1", true],
    ["127.0.0.2", false],
    ["::ffff:127.0.0.1", true],
    ["10.20.3.4", true],
    ["10.21.0.1", false],
    ["::1", true],
    ["fe80::1", false],
    ["64:ff9b::a14:101", true], // NAT64 of 10.20.1.1
    ["8.8.8.8", true],
  ])("address %s allowed: %s", (address, allowed) => {
    expect(checkAddress({ address, allowList }).allowed).toBe(allowed);
  });

  it.each([
    ["internal.example.com", true],
    ["INTERNAL.example.com.", true],
    ["other.example.com", false],
    ["a.internal.example.com", false],
    ["db.corp.example", true],
    ["a.b.corp.example", true],
    ["corp.example", false],
    ["evilcorp.example", false],
  ])("hostname %s allowed: %s", (hostname, allowed) => {
    expect(isHostnameAllowed({ hostname, allowList })).toBe(allowed);
  });

  it("is empty for an unset or blank setting", () => {
    expect(parseAllowList(undefined)).toEqual({ cidrs: [], hostnames: [] });
    expect(parseAllowList(" , ")).toEqual({ cidrs: [], hostnames: [] });
  });

  it.each([
    ["10.0.0.0/33", /not a valid CIDR/],
    ["2130706433", /dotted decimal/],
    ["0x7f.1", /dotted decimal/],
    ["http://internal.example.com", /without a scheme/],
    ["bad_host!", /neither a hostname/],
  ])("rejects %s", (entry, message) => {
    expect(() => parseAllowList(entry)).toThrow(message);
  });
});

describe("refusalMessage", () => {
  it("says what was refused, why, and how to allow it", () => {
    expect(refusalMessage({ address: "127.0.0.1", reason: "loopback" })).toBe(
      "Refused to connect to 127.0.0.1 (loopback): outbound requests to internal addresses are blocked; an operator can allow it with WORKFLOW_HTTP_ALLOW",
    );
    expect(refusalMessage({ hostname: "intranet.local", address: "10.0.0.5", reason: "private" })).toMatch(
      /^Refused to connect to intranet\.local \(resolves to 10\.0\.0\.5, private\)/,
    );
  });
});
