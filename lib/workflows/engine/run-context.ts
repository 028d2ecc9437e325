import { parseStoredJson } from "@/lib/json/parse-untrusted-json";
import type { RunContext } from "@/lib/workflows/steps/step-handler";

type ExecutionForContext = {
  id: string;
  attempt: number;
  input: string | null;
  delivery: { body: string; headers: string; receivedAt: Date; webhookId: string } | null;
  agent: { id: string; name: string };
};

/**
 * Pure: the context every step reads, from the delivery that queued the run or the run's own input
 * (test runs, replays). Stored bodies are parsed the endpoint's safe way (hostile keys dropped,
 * nesting bounded), since steps and expressions walk them; an unreadable one throws.
 */
export function buildRunContext(execution: ExecutionForContext): RunContext {
  const trigger = execution.delivery
    ? {
        body: parseStoredJson(execution.delivery.body, "webhook body"),
        headers: parseStoredJson(execution.delivery.headers, "stored headers") as Record<string, string>,
        receivedAt: execution.delivery.receivedAt.toISOString(),
        webhookId: execution.delivery.webhookId,
      }
    : ((parseStoredJson(execution.input ?? "null", "run input") as RunContext["trigger"] | null) ?? {
        body: null,
        headers: {},
        receivedAt: new Date(0).toISOString(),
        webhookId: null,
      });
  return {
    trigger,
    steps: {},
    agent: execution.agent,
    execution: { id: execution.id, attempt: execution.attempt },
    // Filled by the runner from loadRunSecrets (run-secrets.ts): decryption is not pure.
    secrets: {},
  };
}

const MAX_STORED_JSON = 256 * 1024;

/** JSON for a StepRun column, cut down (with a marker) when a step returns something huge. */
export function toStoredJson(value: unknown): string {
  const text = JSON.stringify(value ?? null);
  if (text.length <= MAX_STORED_JSON) return text;
  return JSON.stringify({ truncated: true, bytes: text.length, preview: text.slice(0, 4096) });
}
