// Guards the "one model source" rule: the derived PostgreSQL schema and the migrations must
// follow prisma/schema.prisma, or the two providers silently diverge.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { derivePostgresSchema } from "@/scripts/derive-postgres-schema.mjs";

const prismaDir = path.join(process.cwd(), "prisma");
const read = (file: string) => readFileSync(path.join(prismaDir, file), "utf8");
const migrationNames = (provider: string) =>
  readdirSync(path.join(prismaDir, "migrations", provider), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

describe("schema drift", () => {
  it("prisma/postgresql/schema.prisma is derived from prisma/schema.prisma (run `npm run db:generate`)", () => {
    expect(read("postgresql/schema.prisma")).toBe(derivePostgresSchema(read("schema.prisma")));
  });

  it("the migrations snapshot matches prisma/schema.prisma (run `npm run db:diff -- <name>`)", () => {
    expect(read("migrations/schema.snapshot.prisma")).toBe(read("schema.prisma"));
  });

  it("both providers have the same migrations, each with a migration.sql", () => {
    const sqlite = migrationNames("sqlite");
    expect(sqlite.length).toBeGreaterThan(0);
    expect(migrationNames("postgresql")).toEqual(sqlite);
    for (const provider of ["sqlite", "postgresql"]) {
      for (const name of sqlite) expect(read(`migrations/${provider}/${name}/migration.sql`).trim()).not.toBe("");
    }
  });
});
