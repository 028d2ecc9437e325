import "server-only";

import type { Db } from "@/lib/db";
import { createId } from "@/lib/ids";

import { setLiveInstanceCount } from "./instance-share";

// Web instances find out how many of them share the database: each one writes its Instance row
// every interval and counts the rows written within the live window, then enforces its share of
// every webhook's rate limit (instance-share.ts). The count is read from memory on the hot path;
// only this timer touches the table. A stopped instance deletes its row, so the others take over
// its share at their next beat; a killed one's row stops counting once it is older than the window
// (and the next instance to beat deletes it). Heartbeats carry each instance's own clock: the
// hosts' clocks must agree to well within the window (NTP), as they must for run leases.

/**
 * A row counts while its heartbeat is at most this many intervals old: an instance that beats a
 * little late (a busy event loop, a slow query) is still counted, so the others do not briefly
 * take its share as well.
 */
export const LIVE_WINDOW_INTERVALS = 3;

export type InstanceHeartbeat = {
  /** This instance's row id. */
  id: string;
  /** Live instances at the last beat, this one included. */
  liveInstances(): number;
  /** Stops beating and deletes this instance's row (idempotent). */
  stop(): Promise<void>;
};

type Options = {
  db: Db;
  intervalMs: number;
  /** Injectable for tests. */
  now?: () => Date;
  /** Told the live count whenever it changes (the first beat included); by default it is logged. */
  onCountChange?: (count: number, id: string) => void;
};

function logCount(count: number, id: string): void {
  const share = count === 1 ? "the whole of" : `1/${count} of`;
  console.log(
    `[workbench] instance ${id}: ${count} live instance(s); this one enforces ${share} each webhook's rate limit`,
  );
}

/**
 * Registers this instance (the first beat is written before this resolves, so the count is known
 * before the first request) and keeps beating every `intervalMs`. A failed beat is logged and the
 * last count kept; the timer never keeps the process alive.
 */
export async function startInstanceHeartbeat(opts: Options): Promise<InstanceHeartbeat> {
  const { db, intervalMs } = opts;
  const now = opts.now ?? (() => new Date());
  const onCountChange = opts.onCountChange ?? logCount;
  const id = createId("ins");
  const startedAt = now();
  const windowMs = intervalMs * LIVE_WINDOW_INTERVALS;
  let count = 0;
  let failing = false;
  let stopped: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;
  let beating: Promise<void> = Promise.resolve();

  const beat = async () => {
    const at = now();
    const liveSince = new Date(at.getTime() - windowMs);
    // Upsert: a row deleted while this instance was too slow to beat is written again.
    await db.instance.upsert({
      where: { id },
      create: { id, startedAt, heartbeatAt: at },
      update: { heartbeatAt: at },
    });
    await db.instance.deleteMany({ where: { heartbeatAt: { lt: liveSince } } });
    const live = Math.max(1, await db.instance.count({ where: { heartbeatAt: { gte: liveSince } } }));
    if (live !== count) {
      count = live;
      setLiveInstanceCount(live);
      onCountChange(live, id);
    }
  };

  const tick = () => {
    beating = beat().then(
      () => {
        if (failing) console.log(`[workbench] instance ${id}: heartbeat recovered`);
        failing = false;
      },
      (error: unknown) => {
        if (!failing)
          console.warn(
            `[workbench] instance ${id}: heartbeat failed, keeping the last count (${count}): ${error instanceof Error ? error.message : String(error)}`,
          );
        failing = true;
      },
    );
    void beating.then(() => {
      if (stopped) return;
      timer = setTimeout(tick, intervalMs);
      timer.unref();
    });
  };

  await beat();
  timer = setTimeout(tick, intervalMs);
  timer.unref();

  return {
    id,
    liveInstances: () => count,
    stop() {
      stopped ??= (async () => {
        clearTimeout(timer);
        await beating;
        try {
          await db.instance.deleteMany({ where: { id } });
        } catch (error) {
          console.warn(
            `[workbench] instance ${id}: could not deregister (its row ages out): ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      })();
      return stopped;
    },
  };
}
