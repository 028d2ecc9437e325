import { renderText } from "../expressions";
import { PermanentStepError, type RunContext } from "./step-handler";

const MAX_KEY_LENGTH = 500;

/** A rendered record key, trimmed; an empty or oversized key is the builder's mistake, so permanent. */
export function checkRecordKey(template: string, rendered: string): string {
  const key = rendered.trim();
  if (!key)
    throw new PermanentStepError(`The key ${JSON.stringify(template)} rendered empty: check the fields it reads`);
  if (key.length > MAX_KEY_LENGTH)
    throw new PermanentStepError(`The key is ${key.length} characters long; at most ${MAX_KEY_LENGTH} are allowed`);
  return key;
}

/** Renders a record key template (see checkRecordKey). */
export async function renderRecordKey(template: string, context: RunContext): Promise<string> {
  return checkRecordKey(template, await renderText(template, context));
}
