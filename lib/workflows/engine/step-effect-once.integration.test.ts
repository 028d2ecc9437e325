// A worker killed after a Record Write wrote its record but before the step's StepRun was stored:
// the worker that takes the run over must not find the step applied twice. The two commit in one
// transaction (services.commit), so the killed worker's record is rolled back with its StepRun.
// PostgreSQL only: a trigger holds that StepRun insert on an advisory lock the test owns, so the
// kill lands in that window every time; the server-level crash test covers both databases.
import pg from "pg";
import { describe, expect, it } from "vitest";

import { startWorkerChild, useEngine, waitUntil } from "@/test/engine";

const HOLD_LOCK = 4242;

describe("a Record Write interrupted between its effect and its StepRun (postgresql)", () => {
  const harness = useEngine("postgresql");

  it("takes effect once when the worker dies in between and another takes the run over", async () => {
    const { db, target } = harness.database;
    if (target.provider !== "postgresql") throw new Error("PostgreSQL only");
    const { executionId, agentId } = await harness.queueTestRun({
      steps: [
        {
          id: "store",
          type: "record_write",
          // One record per attempt that applied the step: two records are two effects.
          config: { collection: "effects", key: "k/{{ execution.attempt }}", data: '{ "at": $now() }' },
        },
      ],
    });
    const holder = new pg.Client({ connectionString: target.url });
    await holder.connect();
    try {
      await holder.query(`
        CREATE FUNCTION hold_store_step_run() RETURNS trigger AS $$
        BEGIN
          IF NEW."stepId" = 'store' THEN PERFORM pg_advisory_xact_lock(${HOLD_LOCK}); END IF;
          RETURN NEW;
        END $$ LANGUAGE plpgsql;
        CREATE TRIGGER hold_store_step_run BEFORE INSERT ON "StepRun"
          FOR EACH ROW EXECUTE FUNCTION hold_store_step_run();`);
      await holder.query(`SELECT pg_advisory_lock(${HOLD_LOCK})`);
      const doomed = await startWorkerChild({ target });
      // Its record is written, in the transaction now waiting to insert the StepRun.
      await waitUntil(
        async () =>
          (
            await holder.query(
              `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = ${HOLD_LOCK} AND NOT granted`,
            )
          ).rowCount === 1,
        { what: "the first worker's Record Write waits to store its StepRun", timeoutMs: 60_000 },
      );
      doomed.kill("SIGKILL");
      await doomed.exited;
      await holder.query(`SELECT pg_advisory_unlock(${HOLD_LOCK})`);
    } finally {
      await holder.end();
    }

    const rescuer = await startWorkerChild({ target });
    try {
      await waitUntil(
        async () => (await db.execution.findUniqueOrThrow({ where: { id: executionId } })).status === "succeeded",
        { what: "the second worker has completed the run", timeoutMs: 60_000 },
      );
    } finally {
      rescuer.kill("SIGTERM");
      await rescuer.exited;
    }
    const records = await db.dataRecord.findMany({ where: { agentId }, select: { key: true } });
    // Only the second attempt's write: the first one's never committed.
    expect(records.map((record) => record.key)).toEqual(["k/2"]);
  }, 180_000);
});
