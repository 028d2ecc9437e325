import { describe, expect, it } from "vitest";

import { findUnapplied } from "./find-unapplied";
import type { MigrationFile } from "./migration-files";

const migration = (name: string, checksum = `sum-${name}`): MigrationFile => ({ name, sql: `-- ${name}`, checksum });
const migrations = [
  migration("20260101000000_init"),
  migration("20260201000000_add_runs"),
  migration("20260301000000_add_keys"),
];
const names = (list: MigrationFile[]) => list.map((m) => m.name);

describe("findUnapplied", () => {
  it("returns every migration, in order, for an empty database", () => {
    expect(names(findUnapplied({ migrations, applied: [] }))).toEqual(names(migrations));
  });

  it("skips applied migrations and keeps the rest in order", () => {
    const applied = [{ name: "20260201000000_add_runs", checksum: "sum-20260201000000_add_runs" }];
    expect(names(findUnapplied({ migrations, applied }))).toEqual(["20260101000000_init", "20260301000000_add_keys"]);
  });

  it("returns nothing when everything is applied", () => {
    const applied = migrations.map(({ name, checksum }) => ({ name, checksum }));
    expect(findUnapplied({ migrations, applied })).toEqual([]);
  });

  it("refuses a migration edited after it was applied, naming it", () => {
    const applied = [{ name: "20260101000000_init", checksum: "sum-of-the-old-file" }];
    expect(() => findUnapplied({ migrations, applied })).toThrow(
      /20260101000000_init was changed after it was applied \(checksum mismatch\)/,
    );
  });

  it("checks checksums even when nothing would be applied", () => {
    const applied = migrations.map(({ name }) => ({ name, checksum: "stale" }));
    expect(() => findUnapplied({ migrations, applied })).toThrow(/checksum mismatch/);
  });
});
