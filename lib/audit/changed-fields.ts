// Pure: the names (never the values) of the fields a validated PATCH body set, for audit details.
export function changedFields(input: unknown): string[] {
  if (input === null || typeof input !== "object" || Array.isArray(input)) return [];
  return Object.keys(input).sort();
}
