import "server-only";

import { getEnv } from "@/lib/env";

const validHost = /^(?:[\w.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * Where integrators reach this Workbench: WORKBENCH_PUBLIC_URL, else the origin the builder's
 * browser used. Next.js rewrites request.url's host to its own bind name, so the origin is
 * taken from the (forwarded) Host header instead.
 */
export function getPublicBaseUrl(request: Request): string {
  const configured = getEnv().WORKBENCH_PUBLIC_URL;
  if (configured) return configured;
  const url = new URL(request.url);
  const forwarded = request.headers.get("x-forwarded-host")?.split(",")[0].trim() || request.headers.get("host");
  const host = forwarded && validHost.test(forwarded) ? forwarded : url.host;
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0].trim() || url.protocol.replace(/:$/, "");
  return `${proto === "https" ? "https" : "http"}://${host}`;
}
