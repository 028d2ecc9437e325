import "server-only";

import { getEnv } from "@/lib/env";

import { getRequestHost, getRequestProto } from "./request-host";

/** Where integrators reach this Workbench: WORKBENCH_PUBLIC_URL, else the origin the builder's browser used. */
export function getPublicBaseUrl(request: Request): string {
  return getEnv().WORKBENCH_PUBLIC_URL || `${getRequestProto(request)}://${getRequestHost(request)}`;
}
