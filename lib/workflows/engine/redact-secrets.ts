// Pure: what a run stores for its log (step inputs, outputs, errors) must not hold a secret's
// value, whatever path carried it there: a header, a server echoing it back, a Transform that
// returned `secrets`. Each value is replaced by a marker naming the secret; values shorter than
// 4 characters are left alone, as replacing them would garble ordinary text.

export const MIN_REDACTED_LENGTH = 4;

export const secretMarker = (name: string) => `[secret:${name}]`;

export type Redactor = {
  text: (text: string) => string;
  /** A copy of a JSON value with every string (and object key) redacted. */
  value: (value: unknown) => unknown;
};

/** The forms a value takes in stored text: as is, escaped inside a JSON string, URL-encoded. */
function formsOf(value: string): string[] {
  return [...new Set([value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)])];
}

export function createRedactor(secrets: Record<string, string>): Redactor {
  const replacements = Object.entries(secrets)
    .filter(([, value]) => value.length >= MIN_REDACTED_LENGTH)
    .flatMap(([name, value]) => formsOf(value).map((form) => ({ form, marker: secretMarker(name) })))
    // Longest first: a secret that contains another is replaced whole.
    .sort((a, b) => b.form.length - a.form.length);

  const text = (input: string) =>
    replacements.reduce((out, { form, marker }) => (out.includes(form) ? out.split(form).join(marker) : out), input);

  const value = (input: unknown): unknown => {
    if (replacements.length === 0) return input;
    if (typeof input === "string") return text(input);
    if (Array.isArray(input)) return input.map(value);
    if (input && typeof input === "object")
      return Object.fromEntries(Object.entries(input).map(([key, item]) => [text(key), value(item)]));
    return input;
  };

  return { text, value };
}
