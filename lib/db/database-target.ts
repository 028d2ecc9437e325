import path from "node:path";

// Pure: turns DATABASE_URL into the provider and connection details the app uses.
export type DatabaseTarget = { provider: "sqlite"; filePath: string } | { provider: "postgresql"; url: string };

export function getDatabaseTarget(opts: { databaseUrl?: string; dataDir: string; cwd: string }): DatabaseTarget {
  const url = opts.databaseUrl?.trim();
  if (!url) return { provider: "sqlite", filePath: path.resolve(opts.cwd, opts.dataDir, "workbench.db") };
  if (/^postgres(ql)?:\/\//i.test(url)) return { provider: "postgresql", url };
  if (url.startsWith("file:")) {
    const filePath = url.slice("file:".length).replace(/^\/\/(?=\/)/, "");
    if (!filePath) throw new Error("DATABASE_URL: file: needs a path, e.g. file:./data/workbench.db");
    return { provider: "sqlite", filePath: path.resolve(opts.cwd, filePath) };
  }
  throw new Error("DATABASE_URL must start with file:, postgres:// or postgresql://");
}
