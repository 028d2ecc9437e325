// Pure: a stored credential is entered for one server. Sending it to another (a changed base
// URL) is how a builder who never saw the key could collect it, so such a change must bring
// the credential again.

/** The URL's origin (scheme, host, port; default ports normalised), or null for none or an unparsable URL. */
export function originOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * True when a stored credential would go to a server it was not entered for: the new URL's
 * origin differs from the one it was stored with (a credential stored without a URL counts as
 * bound to none). Clearing the URL sends it nowhere, so that needs no new credential.
 */
export function needsCredentialAgain(opts: {
  previousUrl: string | null;
  nextUrl: string | null;
  credentialStored: boolean;
}): boolean {
  if (!opts.credentialStored || opts.nextUrl === null) return false;
  return originOf(opts.nextUrl) !== originOf(opts.previousUrl);
}
