import { DomainError } from "@/lib/errors/domain-error";

// Why a bearer token did not authenticate; each is a 401 with its own code, so a script's log says
// whether to fix the header, make a new token, or ask why it was revoked.
export const invalidToken = () =>
  new DomainError({
    code: "invalid_token",
    message: "The bearer token is not a valid API token (unknown, malformed, or its owner was removed)",
  });
export const tokenExpired = () =>
  new DomainError({ code: "token_expired", message: "This API token has expired; create a new one" });
export const tokenRevoked = () => new DomainError({ code: "token_revoked", message: "This API token was revoked" });
