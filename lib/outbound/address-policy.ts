import ipaddr from "ipaddr.js";

// Pure: which IP addresses outbound workflow requests (HTTP Request, Notify, LLM providers) may
// reach. Builders write the URLs, so without this a workflow could read the cloud metadata
// service or internal admin ports. Only public unicast addresses pass, unless the operator's
// allow-list (WORKFLOW_HTTP_ALLOW) names the host or network.

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Parsed WORKFLOW_HTTP_ALLOW: networks (single addresses become /32 or /128) and hostnames (`*.` for subdomains). */
export type AllowList = { cidrs: Cidr[]; hostnames: string[] };

export type AddressVerdict = { allowed: true } | { allowed: false; address: string; reason: string };

export const emptyAllowList: AllowList = { cidrs: [], hostnames: [] };

const hostnamePattern = /^(\*\.)?([a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/;
// Only global unicast (2000::/3) is routed on the Internet; the rest of the IPv6 space ipaddr.js
// calls "unicast" (e.g. the deprecated IPv4-compatible ::a.b.c.d) is unassigned or special.
const globalUnicast = ipaddr.IPv6.parseCIDR("2000::/3");
const nat64WellKnown = ipaddr.IPv6.parseCIDR("64:ff9b::/96");
const metadataAddress = "169.254.169.254";

const rangeLabels: Record<string, string> = {
  unspecified: "unspecified",
  broadcast: "broadcast",
  multicast: "multicast",
  linkLocal: "link-local",
  loopback: "loopback",
  carrierGradeNat: "carrier-grade NAT",
  private: "private",
  reserved: "reserved",
  uniqueLocal: "unique local",
  ipv4Mapped: "IPv4-mapped",
  rfc6145: "IPv4-translated",
  rfc6052: "NAT64",
  "6to4": "6to4 tunnel",
  teredo: "Teredo tunnel",
  deprecatedSiteLocal: "site-local",
  discard: "discard-only",
};

function stripBrackets(text: string): string {
  return text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
}

function parseAllowEntry(entry: string, list: AllowList): void {
  if (entry.includes("://")) throw new Error(`"${entry}": write the hostname alone, without a scheme or path`);
  if (entry.includes("/")) {
    if (!ipaddr.isValidCIDR(entry)) throw new Error(`"${entry}" is not a valid CIDR range`);
    list.cidrs.push(ipaddr.parseCIDR(entry));
    return;
  }
  const bare = stripBrackets(entry);
  if (ipaddr.IPv4.isValidFourPartDecimal(bare) || ipaddr.IPv6.isValid(bare)) {
    const address = ipaddr.parse(bare);
    list.cidrs.push([address, address.kind() === "ipv4" ? 32 : 128]);
    return;
  }
  // ipaddr.js also reads "2130706433" or "0x7f.1" as IPv4; demand the unambiguous form.
  if (ipaddr.isValid(bare)) throw new Error(`"${entry}": write IPv4 addresses in dotted decimal (a.b.c.d)`);
  const hostname = bare.replace(/\.$/, "");
  if (!hostnamePattern.test(hostname))
    throw new Error(`"${entry}" is neither a hostname nor an IP address or CIDR range`);
  list.hostnames.push(hostname);
}

/** Parses a comma- or space-separated allow-list; throws naming the first bad entry. */
export function parseAllowList(text: string | undefined): AllowList {
  const list: AllowList = { cidrs: [], hostnames: [] };
  for (const entry of (text ?? "").split(/[\s,]+/)) {
    if (entry) parseAllowEntry(entry.toLowerCase(), list);
  }
  return list;
}

/** Whether the operator allowed this hostname (exactly, or through a `*.domain` entry). */
export function isHostnameAllowed(opts: { hostname: string; allowList: AllowList }): boolean {
  const hostname = opts.hostname.toLowerCase().replace(/\.$/, "");
  return opts.allowList.hostnames.some((entry) =>
    entry.startsWith("*.") ? hostname.endsWith(entry.slice(1)) : hostname === entry,
  );
}

function isInAllowedNetwork(address: ipaddr.IPv4 | ipaddr.IPv6, allowList: AllowList): boolean {
  return allowList.cidrs.some(([network, bits]) => network.kind() === address.kind() && address.match(network, bits));
}

/** Why an address is internal, or null for a public one. */
function classify(address: ipaddr.IPv4 | ipaddr.IPv6, allowList: AllowList): string | null {
  const range = address.range();
  if (address.kind() === "ipv4") {
    if (range === "unicast") return null;
    const label = rangeLabels[range] ?? range;
    return address.toString() === metadataAddress ? `${label}, cloud metadata service` : label;
  }
  const v6 = address as ipaddr.IPv6;
  // On IPv6-only networks DNS64 answers 64:ff9b::<IPv4> for every IPv4 site: judge the embedded address.
  if (v6.match(nat64WellKnown)) {
    const embedded = ipaddr.fromByteArray(v6.toByteArray().slice(12));
    if (isInAllowedNetwork(embedded, allowList)) return null;
    const inner = classify(embedded, allowList);
    return inner === null ? null : `NAT64 of ${embedded.toString()}, ${inner}`;
  }
  if (range !== "unicast") return rangeLabels[range] ?? range;
  return v6.match(globalUnicast) ? null : "reserved";
}

/** Judges one resolved or literal IP address (IPv4-mapped IPv6 is judged as its IPv4). */
export function checkAddress(opts: { address: string; allowList: AllowList }): AddressVerdict {
  const text = stripBrackets(opts.address);
  if (!ipaddr.isValid(text)) return { allowed: false, address: opts.address, reason: "not an IP address" };
  const address = ipaddr.process(text);
  if (isInAllowedNetwork(address, opts.allowList)) return { allowed: true };
  const reason = classify(address, opts.allowList);
  return reason === null ? { allowed: true } : { allowed: false, address: address.toString(), reason };
}

/**
 * The IP address a URL hostname spells, or null for a name. WHATWG URL parsing has already
 * turned decimal, hex and octal IPv4 forms (http://2130706433/, http://0x7f.1/) into dotted decimal.
 */
export function ipLiteralOf(hostname: string): string | null {
  const bare = stripBrackets(hostname);
  return ipaddr.IPv4.isValidFourPartDecimal(bare) || ipaddr.IPv6.isValid(bare) ? bare : null;
}

/** The message shown on the failed step: what was refused, why, and how an operator allows it. */
export function refusalMessage(opts: { hostname?: string; address: string; reason: string }): string {
  const hostname = opts.hostname ? stripBrackets(opts.hostname) : undefined;
  const target =
    hostname && hostname !== opts.address
      ? `${hostname} (resolves to ${opts.address}, ${opts.reason})`
      : `${opts.address} (${opts.reason})`;
  return `Refused to connect to ${target}: outbound requests to internal addresses are blocked; an operator can allow it with WORKFLOW_HTTP_ALLOW`;
}
