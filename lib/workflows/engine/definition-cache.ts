import "server-only";

import type { RawSql } from "@/lib/db/sql-script";
import { parseStoredDefinition, type WorkflowDefinition } from "@/lib/workflows/workflow-definition";

import { createLruCache, type LruCache } from "./lru-cache";

// A workflow version never changes once saved (an edit makes the next version), so its parsed
// definition is kept: runs of a busy workflow neither read nor validate it again. Bounded, since
// a long-lived worker may run many workflows. One cache per database (a process normally has one).

const MAX_DEFINITIONS = 500;

const globalForCache = globalThis as typeof globalThis & {
  __workflowDefinitions?: WeakMap<RawSql, LruCache<string, WorkflowDefinition>>;
};
const caches = (globalForCache.__workflowDefinitions ??= new WeakMap());

function cacheOf(sql: RawSql): LruCache<string, WorkflowDefinition> {
  let cache = caches.get(sql);
  if (!cache) {
    cache = createLruCache({ max: MAX_DEFINITIONS });
    caches.set(sql, cache);
  }
  return cache;
}

export type LoadedDefinition =
  | { kind: "found"; definition: WorkflowDefinition }
  | { kind: "missing" }
  /** E.g. a definition saved before step types existed. */
  | { kind: "invalid" };

export async function loadWorkflowDefinition(opts: {
  sql: RawSql;
  workflowId: string;
  version: number;
}): Promise<LoadedDefinition> {
  const cache = cacheOf(opts.sql);
  const key = `${opts.workflowId}:${opts.version}`;
  const cached = cache.get(key);
  if (cached) return { kind: "found", definition: cached };
  const [row] = await opts.sql.rows<{ definition: string }>(
    `SELECT "definition" FROM "WorkflowVersion" WHERE "workflowId" = ? AND "version" = ?`,
    [opts.workflowId, opts.version],
  );
  if (!row) return { kind: "missing" };
  let definition: WorkflowDefinition;
  try {
    definition = parseStoredDefinition(row.definition);
  } catch {
    return { kind: "invalid" };
  }
  cache.set(key, definition);
  return { kind: "found", definition };
}
