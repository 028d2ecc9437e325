import { describe, expect, it } from "vitest";

import { parsePostgresTimestamp, postgresTimestamp } from "./postgres-date";

describe("PostgreSQL timestamps in UTC", () => {
  it.each<[string, string]>([
    ["2026-12-01T10:00:00.123Z", "2026-12-01T10:00:00.123"],
    ["2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000"],
    ["1999-12-31T23:59:59.999Z", "1999-12-31T23:59:59.999"],
  ])("writes %s as %s", (iso, text) => {
    expect(postgresTimestamp(new Date(iso))).toBe(text);
  });

  it.each<[string, string]>([
    ["2026-12-01 10:00:00.123", "2026-12-01T10:00:00.123Z"],
    // The server drops trailing zeros of the fraction, and the fraction itself when it is zero.
    ["2026-12-01 10:00:00.1", "2026-12-01T10:00:00.100Z"],
    ["2026-12-01 10:00:00", "2026-12-01T10:00:00.000Z"],
  ])("reads %s as %s", (text, iso) => {
    expect(parsePostgresTimestamp(text).toISOString()).toBe(iso);
  });
});
