import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

// The SQLite server's data folder lives only as long as the run (the PostgreSQL database is
// dropped by e2e/serve-on-postgres.mjs).
export default async function globalTeardown() {
  await rm(path.join(tmpdir(), `aw-e2e-${process.env.E2E_RUN_ID}`), { recursive: true, force: true });
}
