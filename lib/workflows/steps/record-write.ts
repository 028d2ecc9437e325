import { upsertRecord } from "@/lib/records/upsert-record";

import { evaluateExpression } from "../expressions";
import { renderRecordKey } from "./record-key";
import { PermanentStepError, type StepHandler } from "./step-handler";

// Record Write: stores the value of the data expression at (collection, key) in the agent's
// data store. Merge (the default) keeps fields other runs wrote; replace overwrites the record.

const MAX_DATA_BYTES = 1024 * 1024;

export const recordWriteStep: StepHandler<"record_write"> = {
  type: "record_write",
  async run({ config, context, services }) {
    const key = await renderRecordKey(config.key, context);
    const data = await evaluateExpression(config.data, context);
    // Almost always a misspelt path; storing null would silently wipe the record.
    if (data === null)
      throw new PermanentStepError(`The data expression ${JSON.stringify(config.data)} produced nothing to store`);
    const size = Buffer.byteLength(JSON.stringify(data));
    if (size > MAX_DATA_BYTES)
      throw new PermanentStepError(`The record data is ${size} bytes; at most ${MAX_DATA_BYTES} bytes can be stored`);
    const stored = await upsertRecord({
      db: services.db,
      agentId: context.agent.id,
      collection: config.collection,
      key,
      data,
      mode: config.mode,
    });
    return {
      output: { collection: config.collection, key, data: stored.data },
      input: { collection: config.collection, key, mode: config.mode, data },
    };
  },
};
