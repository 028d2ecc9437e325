import jsonata from "jsonata";

/** Checks an expression's syntax without running it (safe in the browser); returns the error message or null. */
export function findExpressionError(expression: string): string | null {
  try {
    jsonata(expression);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
