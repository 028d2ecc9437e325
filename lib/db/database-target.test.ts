import { describe, expect, it } from "vitest";

import { getDatabaseTarget, type DatabaseTarget } from "./database-target";

const base = { dataDir: "./data", cwd: "/srv/app" };

describe("getDatabaseTarget", () => {
  it.each<[string, string | undefined, DatabaseTarget]>([
    [
      "unset -> default SQLite file in the data dir",
      undefined,
      { provider: "sqlite", filePath: "/srv/app/data/workbench.db" },
    ],
    ["empty -> default SQLite file", "", { provider: "sqlite", filePath: "/srv/app/data/workbench.db" }],
    ["blank -> default SQLite file", "   ", { provider: "sqlite", filePath: "/srv/app/data/workbench.db" }],
    [
      "file: relative path, resolved from cwd",
      "file:./db/dev.db",
      { provider: "sqlite", filePath: "/srv/app/db/dev.db" },
    ],
    ["file: absolute path", "file:/var/lib/wb.db", { provider: "sqlite", filePath: "/var/lib/wb.db" }],
    ["file:/// URL form", "file:///var/lib/wb.db", { provider: "sqlite", filePath: "/var/lib/wb.db" }],
    ["postgres://", "postgres://u:p@db:5432/wb", { provider: "postgresql", url: "postgres://u:p@db:5432/wb" }],
    [
      "postgresql://",
      "postgresql://u@db/wb?sslmode=require",
      { provider: "postgresql", url: "postgresql://u@db/wb?sslmode=require" },
    ],
    ["scheme in capitals", "POSTGRESQL://u@db/wb", { provider: "postgresql", url: "POSTGRESQL://u@db/wb" }],
    [
      "surrounding spaces trimmed",
      "  postgresql://u@db/wb \n",
      { provider: "postgresql", url: "postgresql://u@db/wb" },
    ],
  ])("%s", (_name, databaseUrl, expected) => {
    expect(getDatabaseTarget({ ...base, databaseUrl })).toEqual(expected);
  });

  it("uses the configured data dir for the default file", () => {
    expect(getDatabaseTarget({ dataDir: "/state", cwd: "/srv/app" })).toEqual({
      provider: "sqlite",
      filePath: "/state/workbench.db",
    });
  });

  it.each([
    ["file: without a path", "file:", /needs a path/],
    ["mysql", "mysql://u@db/wb", /must start with file:, postgres:\/\/ or postgresql:\/\//],
    ["http", "http://db/wb", /must start with/],
    ["postgres without //", "postgres:u@db/wb", /must start with/],
    ["garbage", "not a url", /must start with/],
    ["bare path", "./data/workbench.db", /must start with/],
  ])("rejects %s", (_name, databaseUrl, message) => {
    expect(() => getDatabaseTarget({ ...base, databaseUrl })).toThrow(message);
  });
});
