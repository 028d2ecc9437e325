import { ApiClientError } from "./api-client";
import { isAuthPage, loginPath } from "./auth-paths";

let redirecting = false;

/**
 * A 401 from any query or mutation means the session ended (signed out elsewhere, expired, user
 * removed): go to the sign-in page once, coming back here afterwards. The sign-in pages answer
 * their own 401s (a wrong password) themselves.
 */
export function redirectWhenSignedOut(error: unknown): void {
  if (redirecting || !(error instanceof ApiClientError) || error.status !== 401) return;
  const { pathname, search } = window.location;
  if (isAuthPage(pathname)) return;
  redirecting = true;
  window.location.assign(loginPath(pathname + search));
}
