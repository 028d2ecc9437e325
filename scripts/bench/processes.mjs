// The processes the bench starts, and the cleanup that must run however it ends. Each child is
// the leader of its own process group (detached), so stopping it also stops anything it started,
// and a Ctrl-C in the terminal reaches only the bench, which then stops them in order.
import { fork, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

const cleanups = [];
const groups = new Set();

/** Registers an async step for the end of the run (last registered runs first). */
export function onCleanup(step) {
  cleanups.push(step);
}

export async function runCleanup() {
  while (cleanups.length > 0) {
    const step = cleanups.pop();
    await step().catch((error) => console.error("[bench] cleanup step failed:", error.message));
  }
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if (error.code !== "ESRCH") throw error;
  }
}

// Whatever happens to the bench (an exception, process.exit), no child outlives it.
process.on("exit", () => {
  for (const pid of groups) killGroup(pid, "SIGKILL");
});

let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"])
  process.on(signal, () => {
    // A second Ctrl-C does not wait for the cleanup: the exit handler still kills every group.
    if (interrupted) process.exit(130);
    interrupted = true;
    console.error(`\n[bench] ${signal}: stopping the processes it started…`);
    runCleanup().finally(() => process.exit(130));
  });

function track(child, name) {
  groups.add(child.pid);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const stop = async () => {
    if (!groups.has(child.pid)) return;
    if (child.exitCode === null && child.signalCode === null) {
      killGroup(child.pid, "SIGTERM");
      const done = await Promise.race([exited.then(() => true), sleep(30_000).then(() => false)]);
      if (!done) console.error(`[bench] ${name} did not stop within 30 s of SIGTERM; killing it`);
    }
    // Anything it started and left behind in its group goes too.
    killGroup(child.pid, "SIGKILL");
    await exited;
    groups.delete(child.pid);
  };
  onCleanup(stop);
  return { pid: child.pid, exited, stop };
}

/** Starts a command in its own process group; stop() ends the group (SIGTERM, then SIGKILL after 30 s). */
export function startProcess({ name, command, args, cwd, env }) {
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", "ignore", "inherit"] });
  return track(child, name);
}

/** Forks a Node module in its own process group, with an IPC channel for its "ready" message. */
export function forkModule({ name, modulePath, args }) {
  const child = fork(modulePath, args, { detached: true, stdio: ["ignore", "ignore", "inherit", "ipc"] });
  const ready = new Promise((resolve, reject) => {
    child.once("message", resolve);
    child.once("exit", (code) => reject(new Error(`${name} exited (${code}) before it was ready`)));
  });
  return { ...track(child, name), ready };
}

function isFree(port) {
  return new Promise((resolve) => {
    const probe = createServer()
      .once("error", () => resolve(false))
      .listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

/** The first free port from `from` on (127.0.0.1), skipping the ones in `taken`. */
export async function findFreePort({ from, taken = [] }) {
  for (let port = from; port < from + 100; port++) if (!taken.includes(port) && (await isFree(port))) return port;
  throw new Error(`no free port in ${from}-${from + 99}`);
}

function descendants(pid) {
  const found = [pid];
  let tasks = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  // A child can be started from any thread (a worker thread too): each task lists its own children.
  for (const task of tasks) {
    let children = "";
    try {
      children = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8");
    } catch {
      continue;
    }
    for (const child of children.split(" ").filter(Boolean)) found.push(...descendants(Number(child)));
  }
  return found;
}

function rssKiB(pid) {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Resident memory of a process and all its descendants (threads share their process's RSS), in MB (10^6 bytes). */
export function treeRssMB(pid) {
  return Math.round((descendants(pid).reduce((sum, each) => sum + rssKiB(each), 0) * 1024) / 1e6);
}

/** Samples treeRssMB every 100 ms until stop(), which returns the peak seen. */
export function sampleRss(pid) {
  let peak = treeRssMB(pid);
  const timer = setInterval(() => (peak = Math.max(peak, treeRssMB(pid))), 100);
  return () => {
    clearInterval(timer);
    return Math.max(peak, treeRssMB(pid));
  };
}
