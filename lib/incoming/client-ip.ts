import "server-only";

import { getEnv } from "@/lib/env";

import { PEER_IP_HEADER, resolveClientIp } from "./client-ip-rule";
import type { HeaderReader } from "./header-reader";

/** Set by server.mjs, which overwrites PEER_IP_HEADER on every request: only then is the header the socket's address. */
const PEER_HEADER_TRUSTED = Symbol.for("workbench.peerIpHeaderTrusted");

/** Whether this process is served by server.mjs (under plain `next start` a client could write the peer header itself). */
function peerHeaderTrusted(): boolean {
  return (globalThis as Record<symbol, unknown>)[PEER_HEADER_TRUSTED] === true;
}

/** The client's address by the one rule in client-ip-rule.ts, with WORKBENCH_TRUSTED_PROXY_HOPS; null when unknown. */
export function getClientIp(opts: {
  request: { headers: Pick<HeaderReader, "get"> };
  trustedProxyHops?: number;
}): string | null {
  const { headers } = opts.request;
  return resolveClientIp({
    forwardedFor: headers.get("x-forwarded-for"),
    peerIp: peerHeaderTrusted() ? headers.get(PEER_IP_HEADER) : null,
    trustedProxyHops: opts.trustedProxyHops ?? getEnv().WORKBENCH_TRUSTED_PROXY_HOPS,
  });
}
