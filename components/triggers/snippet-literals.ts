// Pure: quoting for the generated code examples.

/** Single-quoted for POSIX shells: nothing inside is expanded; a quote is closed, escaped and reopened. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A JSON string literal is also a valid JavaScript and Python string literal. */
export const literal = (value: string) => JSON.stringify(value);

/** What the examples send when the workflow has no sample body of its own. */
export const defaultSnippetBody = { event: "example", data: { message: "Hello from my system" } };

/** The body as each language writes it: compact JSON text, so every snippet sends the same JSON. */
export function snippetBody(body: unknown): { json: string; shell: string; python: string } {
  const json = JSON.stringify(body ?? defaultSnippetBody);
  return { json, shell: shellQuote(json), python: literal(json) };
}
