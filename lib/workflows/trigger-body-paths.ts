// `trigger.body` then field names: plain identifiers or JSONata's `backquoted names`.
const referencePattern = /\btrigger\.body((?:\s*\.\s*(?:[A-Za-z_$][\w$]*|`[^`]+`))+)/g;
const segmentPattern = /[A-Za-z_$][\w$]*|`[^`]+`/g;

/**
 * Pure: the `trigger.body.*` paths a workflow's steps read, in the order they first appear, from
 * every string of every step (expressions and {{ }} templates alike). A path read whole and also
 * through a child (`customer`, `customer.email`) is listed once, as its longest forms.
 */
export function findTriggerBodyPaths(definition: { steps: readonly unknown[] }): string[] {
  const found: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === "string") {
      for (const match of value.matchAll(referencePattern)) {
        const path = (match[1].match(segmentPattern) ?? []).map((segment) => segment.replace(/^`|`$/g, "")).join(".");
        if (!found.includes(path)) found.push(path);
      }
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") Object.values(value).forEach(walk);
  };
  for (const step of definition.steps) walk(step);
  return found.filter((path) => !found.some((other) => other.startsWith(`${path}.`)));
}
