/** Pure: an audit event's details as short `key: value` pairs, for one table cell. */
export function formatAuditDetails(details: unknown): { key: string; value: string }[] {
  if (details === null || typeof details !== "object" || Array.isArray(details)) return [];
  return Object.entries(details as Record<string, unknown>).map(([key, value]) => ({ key, value: formatValue(value) }));
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return "none";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item !== "object" || item === null))
    return value.map(String).join(", ");
  return JSON.stringify(value);
}
