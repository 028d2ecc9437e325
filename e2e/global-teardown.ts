import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

// The SQLite servers' data folders live only as long as the run (the PostgreSQL database is
// dropped by e2e/serve-on-postgres.mjs).
export default async function globalTeardown() {
  for (const folder of [`aw-e2e-${process.env.E2E_RUN_ID}`, `aw-e2e-${process.env.E2E_RUN_ID}-first-run`]) {
    await rm(path.join(tmpdir(), folder), { recursive: true, force: true });
  }
}
