// Pure: does an HTTP header in a workflow definition look like a credential written in as text?
// Definitions are readable by viewers and copied around, so the editor suggests a secret instead.
// Heuristic by design: it warns, never blocks, and stays quiet for anything a template supplies.

const template = /\{\{[\s\S]*?\}\}/g;
const authScheme = /^(bearer|basic|token|digest|apikey|api-key|sso-key)\s+(.*)$/i;
const sensitiveName =
  /^(proxy-)?authorization$|api-?key|apikey|token|secret|password|passwd|credential|session|cookie/i;
// Shapes of well-known credentials, wherever they appear.
const knownToken = [
  /\b(sk|rk|pk)[-_](live|test|proj)[-_][A-Za-z0-9_-]{8,}/, // Stripe, OpenAI project keys
  /\bsk-[A-Za-z0-9_-]{16,}/, // OpenAI-style keys
  /\bgh[pousr]_[A-Za-z0-9]{20,}/, // GitHub
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/, // Slack
  /\bAKIA[0-9A-Z]{16}\b/, // AWS access key id
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\./, // a JWT
];
// After a scheme word a short literal is still likely a placeholder; under a credential's header name any is not.
const MIN_AFTER_SCHEME = 8;
const MIN_UNDER_SENSITIVE_NAME = 4;

/** The text a header value holds outside its `{{ … }}` templates, trimmed. */
function literalPart(value: string): string {
  return value.replace(template, "").trim();
}

/**
 * A warning for a header whose value looks like a literal credential (e.g. `Authorization:
 * Bearer 9f8e…`, `X-Api-Key: abcd…`), or null. Values whose credential part is a template
 * (`Bearer {{ secrets.CRM_TOKEN }}`, `{{ steps.login.token }}`) are fine.
 */
export function findLiteralCredential(header: { name: string; value: string }): string | null {
  const value = header.value.trim();
  if (!value) return null;
  const scheme = authScheme.exec(value);
  const credential = literalPart(scheme ? scheme[2] : value);
  const looksLikeOne =
    knownToken.some((pattern) => pattern.test(literalPart(value))) ||
    (scheme !== null && credential.length >= MIN_AFTER_SCHEME) ||
    (sensitiveName.test(header.name.trim()) && credential.length >= MIN_UNDER_SENSITIVE_NAME);
  if (!looksLikeOne) return null;
  return `This looks like a credential written into the workflow, where anyone who can read it sees it. Add it as a secret in the agent's Settings and write {{ secrets.${suggestSecretName(header.name)} }} here instead.`;
}

/** An UPPER_SNAKE secret name from a header name: X-Api-Key -> X_API_KEY; Authorization -> API_TOKEN. */
export function suggestSecretName(headerName: string): string {
  const name = headerName
    .trim()
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^[^A-Za-z]+|_+$/g, "")
    .toUpperCase();
  return !name || /^(PROXY_)?AUTHORIZATION$/.test(name) ? "API_TOKEN" : name;
}
