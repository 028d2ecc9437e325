// Pure: which agent secrets a step refers to, so a run decrypts only those and a step that names
// a missing one fails before it sends anything. Steps read them as `secrets.NAME`, in `{{ … }}`
// templates and in expression fields alike, so every string of the config is scanned. A path on
// something else (`steps.fetch.body.secrets.count`) is not a reference: it follows a dot.
const reference = /(?<![.\w$])secrets\s*\.\s*`?([A-Za-z_][A-Za-z0-9_]*)`?/g;

function collectStrings(value: unknown, into: string[]): string[] {
  if (typeof value === "string") into.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, into);
  else if (value && typeof value === "object")
    for (const [key, item] of Object.entries(value)) {
      into.push(key);
      collectStrings(item, into);
    }
  return into;
}

/** The distinct secret names a value (a step's config, or a whole definition) references, in order of appearance. */
export function findSecretReferences(value: unknown): string[] {
  const names = new Set<string>();
  for (const text of collectStrings(value, [])) for (const match of text.matchAll(reference)) names.add(match[1]);
  return [...names];
}
