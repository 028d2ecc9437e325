// The instance heartbeat on real SQLite and PostgreSQL: instances on one database count each
// other, a stopped one deletes its row and stops counting at the others' next beat, a row whose
// heartbeat is older than the live window neither counts nor stays.
import { afterEach, describe, expect, it } from "vitest";

import { providers, useMigratedDatabase } from "@/test/databases";

import { LIVE_WINDOW_INTERVALS, startInstanceHeartbeat, type InstanceHeartbeat } from "./instance-heartbeat";
import { getLiveInstanceCount, setLiveInstanceCount } from "./instance-share";

const intervalMs = 50;
const windowMs = intervalMs * LIVE_WINDOW_INTERVALS;

// Heartbeats are written and compared on this clock, which moves only when a test moves it: on a
// loaded machine a slow beat could otherwise age a live row out. The timers run in real time.
let clock = Date.now();
const now = () => new Date(clock);

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let waited = 0; waited < 10_000; waited += 20) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

describe.each(providers)("instance heartbeat on %s", (provider) => {
  const database = useMigratedDatabase(provider);
  const started: InstanceHeartbeat[] = [];
  const changes: Array<[string, number]> = [];

  async function start(): Promise<InstanceHeartbeat> {
    const heartbeat = await startInstanceHeartbeat({
      db: database.db,
      intervalMs,
      now,
      onCountChange: (count, id) => changes.push([id, count]),
    });
    started.push(heartbeat);
    return heartbeat;
  }

  afterEach(async () => {
    await Promise.all(started.splice(0).map((heartbeat) => heartbeat.stop()));
    await database.db.instance.deleteMany();
    changes.length = 0;
    setLiveInstanceCount(1);
  });

  it("registers before it resolves, and instances on one database count each other", async () => {
    const first = await start();
    expect(first.liveInstances()).toBe(1);
    expect(await database.db.instance.findMany({ select: { id: true } })).toEqual([{ id: first.id }]);

    const second = await start();
    expect(second.liveInstances()).toBe(2);
    await until(() => first.liveInstances() === 2, "the first instance to see the second");
    // The process-wide count the hot path reads follows the last beat.
    expect(getLiveInstanceCount()).toBe(2);
    expect(changes).toEqual(
      expect.arrayContaining([
        [first.id, 1],
        [second.id, 2],
        [first.id, 2],
      ]),
    );
  });

  it("deletes its row on stop; the others count one fewer at their next beat", async () => {
    const staying = await start();
    const leaving = await start();
    await until(() => staying.liveInstances() === 2, "both instances to count each other");

    await leaving.stop();
    expect(await database.db.instance.findMany({ select: { id: true } })).toEqual([{ id: staying.id }]);
    await until(() => staying.liveInstances() === 1, "the staying instance to count only itself");
    // Stopping again is harmless.
    await leaving.stop();
  });

  it("does not count, and deletes, a row whose heartbeat is older than the live window (a killed instance)", async () => {
    const old = new Date(clock - windowMs - 1);
    await database.db.instance.create({ data: { id: "ins_killed", startedAt: old, heartbeatAt: old } });
    const heartbeat = await start();
    expect(heartbeat.liveInstances()).toBe(1);
    expect(await database.db.instance.count({ where: { id: "ins_killed" } })).toBe(0);
  });

  it("counts a killed instance until its last heartbeat ages out", async () => {
    const heartbeat = await start();
    // A row like the one an instance that was killed a moment ago left behind.
    await database.db.instance.create({ data: { id: "ins_killed", startedAt: now(), heartbeatAt: now() } });
    await until(() => heartbeat.liveInstances() === 2, "the recently killed instance to count");
    clock += windowMs;
    // Exactly the window old: still live.
    await until(
      async () => (await database.db.instance.count({ where: { heartbeatAt: { gte: now() } } })) === 1,
      "a beat at the new time",
    );
    expect(heartbeat.liveInstances()).toBe(2);
    clock += 1;
    await until(() => heartbeat.liveInstances() === 1, "its heartbeat to age out");
    expect(await database.db.instance.count({ where: { id: "ins_killed" } })).toBe(0);
  });

  it("writes its row again if another instance deleted it while it was late", async () => {
    const heartbeat = await start();
    await database.db.instance.deleteMany({ where: { id: heartbeat.id } });
    await until(
      async () => (await database.db.instance.count({ where: { id: heartbeat.id } })) === 1,
      "the row to be written again",
    );
  });
});
