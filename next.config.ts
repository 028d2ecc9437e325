import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";

import { securityHeaders } from "./lib/incoming/security-headers";

// A function of the phase rather than NODE_ENV: only `next dev` gets the development CSP.
export default function nextConfig(phase: string): NextConfig {
  const headers = securityHeaders({ development: phase === PHASE_DEVELOPMENT_SERVER });
  return {
    // Native and driver packages stay outside the bundle and are loaded by Node at run time.
    // piscina finds its own thread bootstrap file next to its code, so it must stay a real package too.
    serverExternalPackages: ["better-sqlite3", "pg", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "piscina"],
    poweredByHeader: false,
    // `npm test` type-checks the whole project (tests included) with `tsc --noEmit` before it
    // builds, so the build does not repeat that work.
    typescript: { ignoreBuildErrors: true },
    async headers() {
      return [{ source: "/:path*", headers }];
    },
  };
}
