// Pure: a micro-batcher that turns many small writes into few transactions ("group commit").
//
// A durable write costs a commit (an fsync, and on PostgreSQL round trips to the server) whatever
// its size, so under load most of each request's cost is the commit itself. Writing every item
// submitted in the same event-loop turn in one transaction spreads that cost over the batch.
//
// There is no fixed delay: the batch is flushed on `setImmediate`, i.e. as soon as the current
// turn's I/O callbacks (the requests that arrived together) have run, so a lone request waits for
// nothing. Only one commit is in flight at a time; what arrives meanwhile queues and becomes the
// next batch, so batches grow by themselves exactly when the database is the bottleneck (the
// slower a commit, the more items the next one carries) and stay at one item when it is idle.

/** One outcome per item, in order: its result, or an Error that fails that item alone. */
export type CommitOutcome<Result> = Result | Error;

export type GroupCommit<Item, Result> = {
  /** Resolves with the item's result once its batch committed; rejects when its batch or the item failed. */
  submit(item: Item): Promise<Result>;
  /** Refuses new items and resolves once every item submitted before has settled. */
  close(): Promise<void>;
};

type Pending<Item, Result> = { item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void };

export class GroupCommitClosedError extends Error {
  constructor() {
    super("The writer is closed");
  }
}

export function createGroupCommit<Item, Result>(opts: {
  /**
   * Writes the items in one transaction and returns one outcome per item. Throwing means nothing
   * of the batch was stored, so every item of it rejects with that error (each caller can then
   * answer "try again" truthfully).
   */
  commit: (items: Item[]) => Promise<CommitOutcome<Result>[]>;
  maxItems: number;
}): GroupCommit<Item, Result> {
  if (!Number.isInteger(opts.maxItems) || opts.maxItems < 1) throw new Error("maxItems must be a positive integer");
  const queue: Pending<Item, Result>[] = [];
  let scheduled = false;
  let inFlight = false;
  let closed = false;
  let drained: (() => void) | undefined;

  const schedule = () => {
    if (scheduled || inFlight || queue.length === 0) return;
    scheduled = true;
    setImmediate(flush);
  };

  const settle = (batch: Pending<Item, Result>[], outcomes: CommitOutcome<Result>[] | { error: unknown }) => {
    if (!Array.isArray(outcomes)) {
      for (const pending of batch) pending.reject(outcomes.error);
      return;
    }
    if (outcomes.length !== batch.length) {
      const error = new Error(`The commit returned ${outcomes.length} outcomes for ${batch.length} items`);
      for (const pending of batch) pending.reject(error);
      return;
    }
    batch.forEach((pending, i) => {
      const outcome = outcomes[i];
      if (outcome instanceof Error) pending.reject(outcome);
      else pending.resolve(outcome);
    });
  };

  async function flush() {
    scheduled = false;
    const batch = queue.splice(0, opts.maxItems);
    inFlight = true;
    try {
      // A commit that throws synchronously is a failed batch like any other.
      settle(batch, await Promise.resolve().then(() => opts.commit(batch.map((pending) => pending.item))));
    } catch (error) {
      settle(batch, { error });
    } finally {
      inFlight = false;
    }
    if (queue.length > 0) schedule();
    else if (drained) {
      const done = drained;
      drained = undefined;
      done();
    }
  }

  return {
    submit(item) {
      if (closed) return Promise.reject(new GroupCommitClosedError());
      return new Promise<Result>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        schedule();
      });
    },
    close() {
      closed = true;
      if (!inFlight && !scheduled && queue.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const previous = drained;
        drained = () => {
          previous?.();
          resolve();
        };
      });
    },
  };
}
