// Pure: quoting for the generated code examples.

/** Single-quoted for POSIX shells: nothing inside is expanded; a quote is closed, escaped and reopened. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A JSON string literal is also a valid JavaScript and Python string literal. */
export const literal = (value: string) => JSON.stringify(value);
