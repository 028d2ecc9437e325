import ipaddr from "ipaddr.js";

// Pure: a webhook's IP allow-list (addresses and CIDR ranges, IPv4 and IPv6) and the sender's
// address as seen through the reverse proxies in front of the Workbench. Browser-safe: the
// webhook form validates with it too.

export const MAX_IP_ALLOW_LIST_ENTRIES = 50;

type Address = ipaddr.IPv4 | ipaddr.IPv6;
export type IpNetwork = [Address, number];

export type ParsedIpAllowList = { ok: true; entries: string[] } | { ok: false; message: string };

/** An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is the IPv4 address it carries. */
function unmap(address: Address): Address {
  return address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address()
    : address;
}

/** Strictly: dotted-decimal IPv4 (ipaddr.js would also read "127.1" or "0x7f.0.0.1") or IPv6 without a zone. */
function parseAddress(text: string): Address | null {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (!text.includes("%") && ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text);
  return null;
}

function parseEntry(entry: string): IpNetwork | null {
  const [addressText, bitsText, extra] = entry.split("/");
  if (extra !== undefined) return null;
  const address = parseAddress(addressText);
  if (!address) return null;
  const maxBits = address.kind() === "ipv4" ? 32 : 128;
  if (bitsText === undefined) return [address, maxBits];
  if (!/^\d{1,3}$/.test(bitsText) || Number(bitsText) > maxBits) return null;
  return [address, Number(bitsText)];
}

/** Mapped IPv4 (::ffff:a.b.c.d, ranges of /96 and narrower) is written and matched as the IPv4 it carries. */
function toMatchable([address, bits]: IpNetwork): IpNetwork {
  const unmapped = unmap(address);
  return unmapped === address || bits < 96 ? [address, bits] : [unmapped, bits === 128 ? 32 : bits - 96];
}

/**
 * Validates an allow-list written as a list or as text (one per line or comma-separated) and
 * returns its entries in canonical form (`10.0.0.0/8`, `2001:db8::/32`); an empty list is `[]`.
 */
export function parseIpAllowList(input: string | string[]): ParsedIpAllowList {
  const raw = (
    typeof input === "string" ? input.split(/[\s,]+/) : input.flatMap((item) => item.split(/[\s,]+/))
  ).filter(Boolean);
  if (raw.length > MAX_IP_ALLOW_LIST_ENTRIES)
    return { ok: false, message: `At most ${MAX_IP_ALLOW_LIST_ENTRIES} addresses or ranges (got ${raw.length})` };
  const entries: string[] = [];
  for (const entry of raw) {
    const parsed = parseEntry(entry.toLowerCase());
    if (!parsed)
      return {
        ok: false,
        message: `"${entry.slice(0, 60)}" is not an IP address or CIDR range (e.g. 203.0.113.7, 10.0.0.0/8, 2001:db8::/32)`,
      };
    const [address, bits] = toMatchable(parsed);
    const canonical =
      bits === (address.kind() === "ipv4" ? 32 : 128) ? address.toString() : `${address.toString()}/${bits}`;
    if (!entries.includes(canonical)) entries.push(canonical);
  }
  return { ok: true, entries };
}

/** The stored list (comma-separated canonical entries, as parseIpAllowList wrote them) as networks; invalid entries are skipped. */
export function compileIpAllowList(stored: string): IpNetwork[] {
  return stored
    .split(",")
    .map((entry) => parseEntry(entry.trim()))
    .filter((network): network is IpNetwork => network !== null)
    .map(toMatchable);
}

/** An address as proxies write it in X-Forwarded-For: bare, `a.b.c.d:port`, `[v6]` or `[v6]:port`. */
export function parseClientAddress(text: string): Address | null {
  const trimmed = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(trimmed);
  const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(trimmed);
  const address = parseAddress(bracketed?.[1] ?? withPort?.[1] ?? trimmed);
  return address && unmap(address);
}

export function isIpAllowed(opts: { ip: string | null; allowList: IpNetwork[] }): boolean {
  const address = opts.ip === null ? null : parseClientAddress(opts.ip);
  if (!address) return false;
  return opts.allowList.some(([network, bits]) => network.kind() === address.kind() && address.match(network, bits));
}

/**
 * The client's address from X-Forwarded-For when `trustedProxyHops` reverse proxies each append
 * the address they were connected from: the entry that many positions from the right. Entries
 * further left were written by the client and prove nothing. Fewer entries than hops means the
 * request did not come through the proxies as configured: no address (an allow-list refuses it).
 */
export function clientIpFromForwardedFor(opts: {
  forwardedFor: string | null;
  trustedProxyHops: number;
}): string | null {
  if (!opts.forwardedFor) return null;
  const entries = opts.forwardedFor.split(",").map((entry) => entry.trim());
  const entry = entries[entries.length - opts.trustedProxyHops];
  return entry ? entry.slice(0, 100) : null;
}
