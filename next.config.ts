import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and driver packages stay outside the bundle and are loaded by Node at run time.
  serverExternalPackages: ["better-sqlite3", "pg", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg"],
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tests included) with `tsc --noEmit` before it
  // builds, so the build does not repeat that work.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
