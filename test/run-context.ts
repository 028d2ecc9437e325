// A run's context and services for step handler tests.
import type { Db } from "@/lib/db/create-client";
import type { RunContext, StepServices } from "@/lib/workflows/steps/step-handler";

export function runContext(
  opts: {
    body?: unknown;
    steps?: Record<string, unknown>;
    agentId?: string;
    executionId?: string;
    attempt?: number;
    secrets?: Record<string, string>;
  } = {},
): RunContext {
  return {
    trigger: {
      body: opts.body ?? {},
      headers: { "content-type": "application/json" },
      receivedAt: "2026-11-29T08:00:00.000Z",
      webhookId: "wh_test",
    },
    steps: opts.steps ?? {},
    agent: { id: opts.agentId ?? "agt_test", name: "Test agent" },
    execution: { id: opts.executionId ?? "run_test", attempt: opts.attempt ?? 1 },
    secrets: opts.secrets ?? {},
  };
}

/** Services for steps that never touch the database: using it fails the test loudly. */
export function servicesWithoutDb(signal: AbortSignal = new AbortController().signal): StepServices {
  const db = new Proxy(
    {},
    {
      get: (_target, name) => {
        throw new Error(`This step should not use the database (db.${String(name)})`);
      },
    },
  ) as Db;
  return { db, signal };
}
