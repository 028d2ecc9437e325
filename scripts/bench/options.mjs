// Command-line options of `npm run bench` (documented in scripts/bench-webhooks.mjs), checked
// strictly: a misspelt option stops the run instead of silently measuring something else.

const scenarios = ["ingest", "e2e", "overload"];
const defaultDuration = { ingest: 10, e2e: 60, overload: 30 };
const known = new Set([
  "scenario",
  "postgres",
  "skip-build",
  "duration",
  "warmup",
  "connections",
  "no-worker",
  "rate",
  "steps",
  "capacity",
  "drain-timeout",
  "port",
  "json",
]);

function positive(name, value) {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new Error(`--${name} wants a positive number, not "${value}"`);
  return number;
}

const integer = (name, value) => Math.round(positive(name, value));

/** Returns { scenarios, postgres, build, json, port, forScenario(name) → that scenario's settings }. */
export function parseOptions(argv) {
  const given = {};
  for (const arg of argv) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match || !known.has(match[1]))
      throw new Error(`unknown option ${arg} (see the header of scripts/bench-webhooks.mjs)`);
    given[match[1]] = match[2] ?? true;
  }
  const chosen = String(given.scenario ?? "ingest").split(",");
  for (const name of chosen)
    if (!scenarios.includes(name)) throw new Error(`unknown scenario "${name}" (one of ${scenarios.join(", ")})`);
  const postgres = given.postgres === true;

  return {
    scenarios: chosen,
    postgres,
    build: !given["skip-build"],
    json: given.json === true,
    port: given.port ? integer("port", given.port) : 3900,
    forScenario: (name) => ({
      warmup: given.warmup ? positive("warmup", given.warmup) : 10,
      duration: given.duration ? positive("duration", given.duration) : defaultDuration[name],
      // ingest's closed loop keeps 50; the paced scenarios size theirs from the rate when not given.
      connections: given.connections ? integer("connections", given.connections) : name === "ingest" ? 50 : undefined,
      worker: !given["no-worker"],
      rate: given.rate ? integer("rate", given.rate) : postgres ? 500 : 1_000,
      steps: given.steps === undefined ? ["transform", "record"] : String(given.steps).split(",").filter(Boolean),
      capacity: given.capacity ? integer("capacity", given.capacity) : undefined,
      drainTimeout: given["drain-timeout"] ? positive("drain-timeout", given["drain-timeout"]) : 120,
    }),
  };
}
