// Loads Prisma's WebAssembly schema engine (a dev-only, pinned package) and diffs two datamodels
// into the exact DDL Prisma would write, with no native engine download.
// Node 20 cannot `import` a .wasm file, so the module is instantiated by hand.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

const require = createRequire(import.meta.url);

let schemaEngineClass;

// The module keeps the wasm instance in module state, so it is instantiated once per process.
async function loadSchemaEngine() {
  if (schemaEngineClass) return schemaEngineClass;
  // The engine reports Rust panics through this global before throwing.
  globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message: (message) => console.error(`schema engine panic: ${message}`),
  };
  const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bg = await import(pathToFileURL(bgPath).href);
  const wasmBytes = await readFile(bgPath.replace(/\.js$/, ".wasm"));
  const { instance } = await WebAssembly.instantiate(wasmBytes, { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  schemaEngineClass = bg.SchemaEngine;
  return schemaEngineClass;
}

async function createAdapterFactory(provider) {
  if (provider === "sqlite") {
    const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
    return new PrismaBetterSqlite3({ url: ":memory:" });
  }
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const url = process.env.SCHEMA_ENGINE_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  return new PrismaPg({ connectionString: url });
}

/** Returns the SQL that takes a database from `fromSchema` (null = empty) to `toSchema`. */
export async function diffSchemas({ provider, fromSchema, toSchema }) {
  const SchemaEngine = await loadSchemaEngine();
  const factory = bindMigrationAwareSqlAdapterFactory(await createAdapterFactory(provider));
  const side = (content) =>
    content === null ? { tag: "empty" } : { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content }] };
  const engine = await SchemaEngine.new({ datamodels: undefined }, () => {}, factory);
  try {
    const result = await engine.diff({
      from: side(fromSchema),
      to: side(toSchema),
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.stdout ?? "";
  } finally {
    engine.free();
  }
}
