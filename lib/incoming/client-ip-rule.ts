import { clientIpFromForwardedFor, parseClientAddress } from "@/lib/webhooks/ingest/ip-allow-list";

// Pure: the one rule for "which address is this client", used by sign-in throttling, sessions,
// the audit log and the webhook endpoint's allow-lists.

/**
 * The header the Workbench's own server (server.mjs) sets on every request to the TCP peer's
 * address, overwriting whatever the client sent under that name.
 */
export const PEER_IP_HEADER = "x-workbench-peer-ip";

/** An address in one spelling: IPv4-mapped IPv6 as IPv4, IPv6 compressed; anything else as written (at most 100 characters). */
function canonical(text: string): string {
  return parseClientAddress(text)?.toString() ?? text.trim().slice(0, 100);
}

/**
 * With `trustedProxyHops` reverse proxies in front, each appending the address it was connected
 * from, the client is the X-Forwarded-For entry that many positions from the right: entries
 * further left are whatever the client wrote. With 0 hops, or when the header has fewer entries
 * (the request bypassed the proxies), it is the connection's own peer address. Null only when
 * neither is known; callers must then skip per-address limits, never share one bucket.
 */
export function resolveClientIp(opts: {
  forwardedFor: string | null;
  peerIp: string | null;
  trustedProxyHops: number;
}): string | null {
  const forwarded =
    opts.trustedProxyHops > 0
      ? clientIpFromForwardedFor({ forwardedFor: opts.forwardedFor, trustedProxyHops: opts.trustedProxyHops })
      : null;
  if (forwarded) return canonical(forwarded);
  const peer = opts.peerIp?.trim();
  return peer ? canonical(peer) : null;
}
