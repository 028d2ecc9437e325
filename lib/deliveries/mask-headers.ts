// Pure: the request headers a delivery keeps, with secrets masked so the log can be shown to
// builders (and dumped) without handing out credentials.
import type { HeaderReader } from "@/lib/incoming/header-reader";

// By name pattern, so vendor headers (stripe-signature, x-hub-signature-256, x-auth-token…) are covered too.
const secretHeader = /signature|secret|token|auth|api-?key|password|cookie/i;
const MAX_VALUE_LENGTH = 512;
const MAX_HEADERS = 50;

export function maskHeaderValue(name: string, value: string): string {
  if (!secretHeader.test(name)) return value.length > MAX_VALUE_LENGTH ? `${value.slice(0, MAX_VALUE_LENGTH)}…` : value;
  // Enough of a signature to tell two apart in the log, never enough to reuse.
  return value.length <= 12 ? "••••" : `${value.slice(0, 8)}…(${value.length} chars)`;
}

export function maskHeaders(headers: Pick<HeaderReader, "forEach">): Record<string, string> {
  const kept: Record<string, string> = {};
  let count = 0;
  headers.forEach((value, name) => {
    if (count++ < MAX_HEADERS) kept[name] = maskHeaderValue(name, value);
  });
  return kept;
}
