import { getRawSql } from "@/lib/db/raw-sql";
import { willWait, type SqlScript } from "@/lib/db/sql-script";
import { updateRecord } from "@/lib/records/update-record";
import { writeRecord } from "@/lib/records/upsert-record";

import { evaluateExpression, evaluateJobs } from "../expressions";
import { runInStepScope, startStepScope } from "../sandbox/step-limits";
import { checkRecordKey, renderRecordKey } from "./record-key";
import {
  PermanentStepError,
  type RunContext,
  type StepHandler,
  type StepResult,
  type StepServices,
} from "./step-handler";
import type { StepConfig } from "./step-schemas";

// Record Write: stores the value of the data expression at (collection, key) in the agent's
// data store. Merge (the default) keeps fields other runs wrote; replace overwrites the record;
// update computes the new record from the stored one ($current) inside the write's transaction,
// so concurrent runs of one record (a balance) apply one after the other and none is lost. The
// write commits with the step's log row (services.commit), so a resumed run never writes twice.

const MAX_DATA_BYTES = 1024 * 1024;
/**
 * An update expression runs while its record is locked (on SQLite: while the one writer lock is
 * held, so webhook intake waits behind it), so it gets this much time, not the whole step timeout.
 */
export const UPDATE_EXPRESSION_SECONDS = 2;

/** Evaluates the update expression under the lock budget, still stopped by the step's own signal. */
async function evaluateUnderLock(opts: {
  expression: string;
  context: RunContext;
  current: unknown;
  signal: AbortSignal;
}) {
  const scope = startStepScope({ timeoutSeconds: UPDATE_EXPRESSION_SECONDS, stopSignals: [opts.signal] });
  try {
    return await runInStepScope(scope, () =>
      evaluateExpression(opts.expression, opts.context, { current: opts.current }),
    );
  } catch (error) {
    if (!scope.timedOutInSandbox()) throw error;
    throw new PermanentStepError(
      `The update expression ran longer than ${UPDATE_EXPRESSION_SECONDS} s; it runs while the record is locked, so it must finish within ${UPDATE_EXPRESSION_SECONDS} s`,
    );
  } finally {
    scope.end();
  }
}

/** What may be stored: null is almost always a misspelt path, and storing it would silently wipe the record. */
function checkStorable(expression: string, data: unknown): void {
  if (data === null)
    throw new PermanentStepError(`The data expression ${JSON.stringify(expression)} produced nothing to store`);
  const size = Buffer.byteLength(JSON.stringify(data));
  if (size > MAX_DATA_BYTES)
    throw new PermanentStepError(`The record data is ${size} bytes; at most ${MAX_DATA_BYTES} bytes can be stored`);
}

function commitOf(services: StepServices) {
  return services.commit ?? (<T>(script: () => SqlScript<T>) => getRawSql(services.db).transaction(script));
}

function runUpdate(opts: {
  config: StepConfig<"record_write">;
  context: RunContext;
  services: StepServices;
  key: string;
}): Promise<StepResult> {
  const { config, context, services, key } = opts;
  return commitOf(services)(function* () {
    // The expression is evaluated while the record is locked: this transaction waits for it.
    yield* willWait();
    const stored = yield* updateRecord({
      provider: getRawSql(services.db).provider,
      agentId: context.agent.id,
      collection: config.collection,
      key,
      update: async (current) => {
        const next = await evaluateUnderLock({ expression: config.data, context, current, signal: services.signal });
        // A run that timed out or lost its lease while waiting for the record must not write it.
        services.signal.throwIfAborted();
        // Null for a record that does not exist is "no change", not a wipe.
        if (current !== null || next !== null) checkStorable(config.data, next);
        return next;
      },
    });
    return {
      output: { collection: config.collection, key, data: stored.data, changed: stored.changed },
      input: { collection: config.collection, key, mode: config.mode },
    };
  });
}

export const recordWriteStep: StepHandler<"record_write"> = {
  type: "record_write",
  async run({ config, context, services }) {
    if (config.mode === "update") {
      const key = await renderRecordKey(config.key, context);
      return runUpdate({ config, context, services, key });
    }
    // The key and the data in one sandbox task.
    const [rendered, data] = await evaluateJobs(context, [
      { kind: "text", template: config.key },
      { kind: "expression", expression: config.data },
    ]);
    const key = checkRecordKey(config.key, rendered as string);
    checkStorable(config.data, data);
    const { collection, mode } = config;
    const { provider } = getRawSql(services.db);
    return commitOf(services)(function* () {
      const stored = yield* writeRecord({ provider, agentId: context.agent.id, collection, key, data, mode });
      return { output: { collection, key, data: stored.data }, input: { collection, key, mode, data } };
    });
  },
};
