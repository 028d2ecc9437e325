import "server-only";

import { getEnv } from "@/lib/env";

import type { RateLimit } from "./rate-limiter";

/** The endpoint's instance-wide settings (from the environment); webhooks may override the rate limit. */
export type IngestSettings = { maxBodyBytes: number; trustedProxyHops: number; rateLimit: RateLimit };

export function getIngestSettings(): IngestSettings {
  const env = getEnv();
  return {
    maxBodyBytes: env.WEBHOOK_MAX_BODY_BYTES,
    trustedProxyHops: env.WORKBENCH_TRUSTED_PROXY_HOPS,
    rateLimit: { perSecond: env.WEBHOOK_RATE_LIMIT_PER_SECOND, burst: env.WEBHOOK_RATE_LIMIT_BURST },
  };
}
