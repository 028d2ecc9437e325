import { afterEach, describe, expect, it, vi } from "vitest";

import { createId } from "./ids";

const crockford = "0123456789abcdefghjkmnpqrstvwxyz";
const timeOf = (id: string) =>
  [...id.split("_")[1].slice(0, 10)].reduce((time, char) => time * 32 + crockford.indexOf(char), 0);

afterEach(() => {
  vi.restoreAllMocks();
});

describe("createId", () => {
  it("is the prefix, an underscore and 26 lower-case Crockford base32 characters", () => {
    for (const prefix of ["dlv", "run", "wh"]) {
      expect(createId(prefix)).toMatch(new RegExp(`^${prefix}_[${crockford}]{26}$`));
    }
  });

  it("encodes the creation time in its first 10 characters", () => {
    vi.spyOn(Date, "now").mockReturnValue(Date.UTC(2026, 0, 2, 3, 4, 5, 678));
    expect(timeOf(createId("dlv"))).toBe(Date.UTC(2026, 0, 2, 3, 4, 5, 678));
  });

  it("sorts ids created later after earlier ones, as strings, whatever their random part", () => {
    const now = vi.spyOn(Date, "now");
    const times = [
      0,
      1,
      31,
      32,
      33,
      1023,
      1024,
      1_700_000_000_000,
      1_700_000_000_001,
      1_700_000_001_000,
      2 ** 45,
      2 ** 50 - 1,
    ];
    const ids = times.flatMap((time) => {
      now.mockReturnValue(time);
      return Array.from({ length: 20 }, () => createId("dlv"));
    });
    for (let i = 20; i < ids.length; i++) {
      const previousGroup = ids.slice(Math.floor(i / 20) * 20 - 20, Math.floor(i / 20) * 20);
      for (const earlier of previousGroup) expect(earlier < ids[i]).toBe(true);
    }
    expect([...ids].sort()).toEqual(ids.slice().sort((a, b) => timeOf(a) - timeOf(b) || (a < b ? -1 : 1)));
  });

  it("is unique, even within one millisecond", () => {
    vi.spyOn(Date, "now").mockReturnValue(1_700_000_000_000);
    const ids = new Set(Array.from({ length: 20_000 }, () => createId("dlv")));
    expect(ids.size).toBe(20_000);
  });

  it("uses every random character (no bias towards part of the alphabet)", () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++)
      for (const char of createId("x").slice(12)) counts.set(char, (counts.get(char) ?? 0) + 1);
    expect(counts.size).toBe(32);
    // 32,000 characters: about 1,000 each; any fixed bias would show far outside this range.
    for (const count of counts.values()) expect(count).toBeGreaterThan(700);
  });
});
