// The figures issue 10 asks for, shown next to what a run measured (they never fail the run:
// only a correctness check does).
const perDatabase = {
  sqlite: { ingestPerSecond: 4_000, runsPerSecond: 1_000 },
  postgresql: { ingestPerSecond: 2_000, runsPerSecond: 500 },
};

export function targetsFor(kind) {
  return {
    ...perDatabase[kind],
    ingestP99Ms: kind === "sqlite" ? 50 : undefined,
    e2eIngestP99Ms: 100,
    drainSeconds: 5,
    overloadP99Ms: 250,
    rssMB: 350,
  };
}
