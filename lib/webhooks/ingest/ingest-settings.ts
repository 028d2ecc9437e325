import "server-only";

import { getEnv } from "@/lib/env";

import type { RateLimit } from "./rate-limiter";

/**
 * The endpoint's instance-wide settings (from the environment); webhooks may override the rate
 * limit. `rejectedRateLimit` is per source address, for refused requests (see admit-request.ts).
 */
export type IngestSettings = {
  maxBodyBytes: number;
  trustedProxyHops: number;
  rateLimit: RateLimit;
  rejectedRateLimit: RateLimit;
};

export function getIngestSettings(): IngestSettings {
  const env = getEnv();
  const rateLimit = { perSecond: env.WEBHOOK_RATE_LIMIT_PER_SECOND, burst: env.WEBHOOK_RATE_LIMIT_BURST };
  return {
    maxBodyBytes: env.WEBHOOK_MAX_BODY_BYTES,
    trustedProxyHops: env.WORKBENCH_TRUSTED_PROXY_HOPS,
    rateLimit,
    // Refusals per source get the same rate as a webhook without its own limit.
    rejectedRateLimit: rateLimit,
  };
}
