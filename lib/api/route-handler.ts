import "server-only";

import { authenticateRequest, hasBearerCredential, type RequestUser } from "@/lib/auth/authenticate";
import { isCrossSiteRequest } from "@/lib/auth/cross-site";
import { hasRole, type Role } from "@/lib/auth/roles";
import { buildClearedSessionCookie, hasSessionCookie } from "@/lib/auth/session-cookie";
import { getEnv } from "@/lib/env";
import { DomainError } from "@/lib/errors/domain-error";

import { toErrorResponse } from "./error-response";

type RouteContext<P> = { params: Promise<P> };
type NextRouteHandler<P> = (request: Request, context: RouteContext<P>) => Promise<Response>;

/**
 * Who may call a route: callers with at least `role` (by session or API token; `sessionOnly`: by
 * session alone, for managing tokens and one's own password), or anyone (`public`: sign-in, setup).
 */
export type RoleAccess = { role: Role; sessionOnly?: true };
export type RouteAccess = RoleAccess | { public: true };

const crossSite = () =>
  new DomainError({
    code: "cross_site_request",
    message: "This request came from another site and was refused",
  });
const unauthenticated = () => new DomainError({ code: "unauthenticated", message: "Sign in to continue" });
const forbidden = (role: Role) =>
  new DomainError({ code: "forbidden", message: `This needs the ${role} role or higher` });
const sessionRequired = () =>
  new DomainError({
    code: "session_required",
    message: "API tokens cannot do this; sign in to the Workbench and do it there",
  });

/**
 * Wraps a route handler: refuses cross-site state changes (CSRF), requires a session or API token
 * with the route's role (checked here, in every handler, not only in proxy.ts), and turns every
 * failure into a JSON error with the right status; unexpected ones are logged and answered 500
 * without leaking internals. Only the public webhook endpoint does not use it.
 *
 * A request with `Authorization: Bearer …` to a role route skips the cross-site check: it is
 * authenticated by that header alone (the cookie is ignored, see authenticateRequest), and a
 * browser cannot add such a header to a cross-site request without a CORS preflight we never grant.
 */
export function routeHandler<P = Record<string, never>>(
  access: { public: true },
  handler: (request: Request, params: P) => Promise<Response>,
): NextRouteHandler<P>;
export function routeHandler<P = Record<string, never>>(
  access: RoleAccess,
  handler: (request: Request, params: P, user: RequestUser) => Promise<Response>,
): NextRouteHandler<P>;
export function routeHandler<P>(
  access: RouteAccess,
  handler: (request: Request, params: P, user: RequestUser) => Promise<Response>,
): NextRouteHandler<P> {
  return async (request, context) => {
    try {
      const bearer = "role" in access && hasBearerCredential(request);
      if (!bearer && isCrossSiteRequest({ request, publicUrl: getEnv().WORKBENCH_PUBLIC_URL })) throw crossSite();
      let user: RequestUser | undefined;
      let renewedCookie: string | null = null;
      if ("role" in access) {
        const authentication = await authenticateRequest(request);
        if (!authentication) throw unauthenticated();
        if (access.sessionOnly && authentication.user.tokenId) throw sessionRequired();
        if (!hasRole(authentication.user.role, access.role)) throw forbidden(access.role);
        user = authentication.user;
        renewedCookie = authentication.renewedCookie;
      }
      const params = await context.params;
      // No id contains NUL, and PostgreSQL refuses it in a query (a 500): answer "not found" up front.
      if (
        Object.values((params ?? {}) as object).some((value) => typeof value === "string" && value.includes("\u0000"))
      ) {
        throw new DomainError({ code: "not_found", message: "Nothing exists at this path" });
      }
      const response = await handler(request, params, user as RequestUser);
      if (!renewedCookie || response.headers.has("set-cookie")) return response;
      // Copied rather than changed in place: some Responses have immutable headers.
      const renewed = new Response(response.body, response);
      renewed.headers.append("set-cookie", renewedCookie);
      return renewed;
    } catch (error) {
      const { status, body, headers: errorHeaders } = toErrorResponse(error);
      if (status >= 500) console.error(`${request.method} ${new URL(request.url).pathname} failed`, error);
      const headers = new Headers(errorHeaders);
      // A cookie that no longer opens a session is removed, so the browser (and proxy.ts) stop relying on it.
      if (body.error.code === "unauthenticated" && hasSessionCookie(request))
        headers.append("set-cookie", buildClearedSessionCookie(request));
      return Response.json(body, { status, headers });
    }
  };
}
