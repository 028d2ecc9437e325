// A scenario's result as a compact table (ours, the bare baseline, ours / baseline, the issue's
// target where it sets one) with its correctness checks, and as one JSON object.

const format = (value) => {
  if (value === null || value === undefined) return "–";
  if (typeof value !== "number") return String(value);
  return Number.isInteger(value) || Math.abs(value) >= 100
    ? Math.round(value).toLocaleString("en-US")
    : value.toFixed(1);
};

const ratioOf = (row) =>
  row.ratio !== false && typeof row.ours === "number" && typeof row.baseline === "number" && row.baseline > 0
    ? Math.round((row.ours / row.baseline) * 100) / 100
    : null;

function targetOf(row) {
  if (!row.target || typeof row.ours !== "number") return null;
  const { min, max } = row.target;
  return {
    bound: min !== undefined ? `≥ ${format(min)}` : `≤ ${format(max)}`,
    met: min !== undefined ? row.ours >= min : row.ours <= max,
  };
}

/** result: { scenario, title, rows: [{ label, ours, baseline?, target? }], checks: [{ label, ok }], details } */
export function printTable(result) {
  const lines = result.rows.map((row) => {
    const target = targetOf(row);
    const ratio = ratioOf(row);
    return [
      row.label,
      format(row.ours),
      format(row.baseline),
      ratio === null ? "" : ratio.toFixed(2),
      target ? `${target.bound} ${target.met ? "✓" : "✗"}` : "",
    ];
  });
  const header = ["", "ours", "baseline", "ours/baseline", "target"];
  const widths = header.map((_, i) => Math.max(...[header, ...lines].map((line) => line[i].length)));
  const pad = (line) =>
    line
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join("  ")
      .trimEnd();
  console.log(`\n${result.title}`);
  for (const line of [header, ...lines]) console.log(`  ${pad(line)}`);
  for (const check of result.checks) console.log(`  ${check.ok ? "✓" : "✗"} ${check.label}`);
}

export function toJson(result) {
  return {
    scenario: result.scenario,
    database: result.database,
    settings: result.settings,
    figures: Object.fromEntries(
      result.rows.map((row) => [
        row.key,
        { ours: row.ours ?? null, baseline: row.baseline ?? null, ratio: ratioOf(row), target: targetOf(row) },
      ]),
    ),
    checks: result.checks.map((check) => ({ check: check.key, ok: check.ok, detail: check.label })),
    ok: result.checks.every((check) => check.ok),
    details: result.details,
  };
}
