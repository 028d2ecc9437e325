import { findRecord } from "@/lib/records/find-record";

import { renderRecordKey } from "./record-key";
import { PermanentStepError, type StepHandler } from "./step-handler";

/** Record Read: the record's data at (collection, key), or null when absent and not required. */
export const recordReadStep: StepHandler<"record_read"> = {
  type: "record_read",
  async run({ config, context, services }) {
    const key = await renderRecordKey(config.key, context);
    const record = await findRecord({ db: services.db, agentId: context.agent.id, collection: config.collection, key });
    const input = { collection: config.collection, key };
    if (record) return { output: record.data, input };
    if (config.required)
      throw new PermanentStepError(`No record with key ${JSON.stringify(key)} in collection "${config.collection}"`);
    return { output: null, input };
  },
};
