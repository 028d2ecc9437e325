import { renderText } from "../expressions";
import { PermanentStepError, type RunContext } from "./step-handler";

const MAX_KEY_LENGTH = 500;

/** Renders a record key template; an empty or oversized key is the builder's mistake, so permanent. */
export async function renderRecordKey(template: string, context: RunContext): Promise<string> {
  const key = (await renderText(template, context)).trim();
  if (!key)
    throw new PermanentStepError(`The key ${JSON.stringify(template)} rendered empty: check the fields it reads`);
  if (key.length > MAX_KEY_LENGTH)
    throw new PermanentStepError(`The key is ${key.length} characters long; at most ${MAX_KEY_LENGTH} are allowed`);
  return key;
}
