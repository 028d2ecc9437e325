import { describe, expect, it } from "vitest";

import { createGroupCommit, GroupCommitClosedError, type CommitOutcome } from "./group-commit";

/** A commit that records its batches and answers each one only when the test says so. */
function manualCommit() {
  const batches: number[][] = [];
  const waiting: Array<{ items: number[]; done: (outcomes: CommitOutcome<string>[] | Error) => void }> = [];
  const commit = (items: number[]) => {
    batches.push(items);
    return new Promise<CommitOutcome<string>[]>((resolve, reject) =>
      waiting.push({ items, done: (outcomes) => (outcomes instanceof Error ? reject(outcomes) : resolve(outcomes)) }),
    );
  };
  const answer = (outcomes: (items: number[]) => CommitOutcome<string>[] | Error) => {
    const next = waiting.shift();
    if (!next) throw new Error("no commit is waiting");
    next.done(outcomes(next.items));
  };
  return { batches, commit, answer, inFlight: () => waiting.length };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const echo = async (items: number[]) => items.map((item) => `r${item}`);

describe("createGroupCommit", () => {
  it("commits the items submitted in one turn together, each caller getting its own result", async () => {
    const batches: number[][] = [];
    const writer = createGroupCommit<number, string>({
      commit: async (items) => (batches.push(items), echo(items)),
      maxItems: 100,
    });
    const results = await Promise.all([1, 2, 3].map((item) => writer.submit(item)));
    expect(results).toEqual(["r1", "r2", "r3"]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it("does not wait for a lone item beyond the current turn", async () => {
    const batches: number[][] = [];
    const writer = createGroupCommit<number, string>({
      commit: async (items) => (batches.push(items), echo(items)),
      maxItems: 100,
    });
    const result = writer.submit(7);
    expect(batches).toEqual([]);
    await turn();
    expect(batches).toEqual([[7]]);
    await expect(result).resolves.toBe("r7");
  });

  it("splits a turn's items into batches of at most maxItems", async () => {
    const batches: number[][] = [];
    const writer = createGroupCommit<number, string>({
      commit: async (items) => (batches.push(items), echo(items)),
      maxItems: 2,
    });
    const items = [1, 2, 3, 4, 5];
    expect(await Promise.all(items.map((item) => writer.submit(item)))).toEqual(items.map((item) => `r${item}`));
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it("keeps one commit in flight; items submitted meanwhile form the next batch", async () => {
    const manual = manualCommit();
    const writer = createGroupCommit<number, string>({ commit: manual.commit, maxItems: 100 });
    const first = writer.submit(1);
    await turn();
    expect(manual.batches).toEqual([[1]]);
    const later = [2, 3, 4].map((item) => writer.submit(item));
    await turn();
    await turn();
    expect(manual.inFlight()).toBe(1);
    expect(manual.batches).toEqual([[1]]);

    manual.answer((items) => items.map((item) => `r${item}`));
    await expect(first).resolves.toBe("r1");
    await turn();
    expect(manual.batches).toEqual([[1], [2, 3, 4]]);
    manual.answer((items) => items.map((item) => `r${item}`));
    expect(await Promise.all(later)).toEqual(["r2", "r3", "r4"]);
  });

  it("fails only the items whose outcome is an Error", async () => {
    const writer = createGroupCommit<number, string>({
      commit: async (items) => items.map((item) => (item === 2 ? new Error(`gone ${item}`) : `r${item}`)),
      maxItems: 100,
    });
    const results = await Promise.allSettled([1, 2, 3].map((item) => writer.submit(item)));
    expect(results).toEqual([
      { status: "fulfilled", value: "r1" },
      { status: "rejected", reason: new Error("gone 2") },
      { status: "fulfilled", value: "r3" },
    ]);
  });

  it("rejects every item of a batch whose commit throws, and goes on with the next batch", async () => {
    const manual = manualCommit();
    const writer = createGroupCommit<number, string>({ commit: manual.commit, maxItems: 100 });
    const failing = [1, 2].map((item) => writer.submit(item));
    await turn();
    const next = writer.submit(3);
    const failure = new Error("disk full");
    manual.answer(() => failure);
    const settled = await Promise.allSettled(failing);
    expect(settled).toEqual([
      { status: "rejected", reason: failure },
      { status: "rejected", reason: failure },
    ]);
    await turn();
    manual.answer((items) => items.map((item) => `r${item}`));
    await expect(next).resolves.toBe("r3");
  });

  it("treats a commit that throws synchronously as a failed batch", async () => {
    const writer = createGroupCommit<number, string>({
      commit: () => {
        throw new Error("locked");
      },
      maxItems: 100,
    });
    const settled = await Promise.allSettled([writer.submit(1), writer.submit(2)]);
    expect(settled.map((result) => result.status)).toEqual(["rejected", "rejected"]);
  });

  it("rejects the whole batch when the commit answers for fewer items than it was given", async () => {
    const writer = createGroupCommit<number, string>({ commit: async () => ["only one"], maxItems: 100 });
    const settled = await Promise.allSettled([writer.submit(1), writer.submit(2)]);
    expect(settled).toEqual([
      { status: "rejected", reason: new Error("The commit returned 1 outcomes for 2 items") },
      { status: "rejected", reason: new Error("The commit returned 1 outcomes for 2 items") },
    ]);
  });

  it("on close, settles what was submitted, then refuses new items", async () => {
    const manual = manualCommit();
    const writer = createGroupCommit<number, string>({ commit: manual.commit, maxItems: 1 });
    const submitted = [writer.submit(1), writer.submit(2)];
    let closed = false;
    const closing = writer.close().then(() => (closed = true));
    await expect(writer.submit(3)).rejects.toBeInstanceOf(GroupCommitClosedError);
    await turn();
    manual.answer((items) => items.map((item) => `r${item}`));
    await turn();
    await turn();
    expect(closed).toBe(false);
    manual.answer((items) => items.map((item) => `r${item}`));
    await closing;
    expect(await Promise.all(submitted)).toEqual(["r1", "r2"]);
    await expect(writer.close()).resolves.toBeUndefined();
  });

  it("refuses a maxItems below one", () => {
    expect(() => createGroupCommit({ commit: echo, maxItems: 0 })).toThrow(/maxItems/);
  });
});
