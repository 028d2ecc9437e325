import "server-only";
import { getEnv } from "@/lib/env";

/** Where integrators reach this Workbench: WORKBENCH_PUBLIC_URL, else the origin the builder used. */
export function getPublicBaseUrl(request: Request): string {
  return getEnv().WORKBENCH_PUBLIC_URL ?? new URL(request.url).origin;
}
