import "server-only";

import { SecretUnreadableError } from "@/lib/agents/agent-secrets";
import type { Db } from "@/lib/db";
import { openAgentSecret } from "@/lib/secrets/seal-agent-secret";
import { PermanentStepError } from "@/lib/workflows/steps/step-handler";

import { findSecretReferences } from "../secret-references";
import type { WorkflowDefinition } from "../workflow-definition";
import { createRedactor, type Redactor } from "./redact-secrets";

export type RunSecrets = {
  /** `secrets` in the run's context: only the names the definition references, decrypted. */
  values: Record<string, string>;
  /** For everything the run stores: step inputs, outputs and errors. */
  redact: Redactor;
  /** Throws a permanent step error naming the first secret `config` references that this run cannot use. */
  assertAvailable: (config: unknown) => void;
};

// Definitions are cached (definition-cache.ts) and never change, so what they reference is found once.
const references = new WeakMap<object, string[]>();

function referencesOf(key: object, value: () => unknown): string[] {
  let names = references.get(key);
  if (!names) {
    names = findSecretReferences(value());
    references.set(key, names);
  }
  return names;
}

/** Decrypts the agent's secrets that the definition references, once per run attempt. */
export async function loadRunSecrets(opts: {
  db: Db;
  agentId: string;
  definition: WorkflowDefinition;
}): Promise<RunSecrets> {
  const names = referencesOf(opts.definition, () => opts.definition.steps.map((step) => step.config));
  const rows =
    names.length === 0
      ? []
      : await opts.db.agentSecret.findMany({
          where: { agentId: opts.agentId, name: { in: names } },
          select: { name: true, valueCiphertext: true },
        });
  const values: Record<string, string> = {};
  const unreadable = new Map<string, string>();
  for (const row of rows) {
    try {
      values[row.name] = openAgentSecret({ agentId: opts.agentId, name: row.name, sealed: row.valueCiphertext });
    } catch (error) {
      if (!(error instanceof SecretUnreadableError)) throw error;
      unreadable.set(row.name, error.message);
    }
  }
  return {
    values,
    redact: createRedactor(values),
    assertAvailable(config) {
      const names =
        typeof config === "object" && config !== null
          ? referencesOf(config, () => config)
          : findSecretReferences(config);
      for (const name of names) {
        const problem = unreadable.get(name);
        if (problem) throw new PermanentStepError(problem);
        if (!Object.hasOwn(values, name))
          throw new PermanentStepError(
            `The secret ${name} does not exist for this agent: add it in the agent's Settings tab, or correct the name (UPPER_SNAKE_CASE)`,
          );
      }
    },
  };
}
