import "server-only";

import { authenticateRequest, type RequestUser } from "@/lib/auth/authenticate";
import { isCrossSiteRequest } from "@/lib/auth/cross-site";
import { hasRole, type Role } from "@/lib/auth/roles";
import { buildClearedSessionCookie, hasSessionCookie } from "@/lib/auth/session-cookie";
import { getEnv } from "@/lib/env";
import { DomainError } from "@/lib/errors/domain-error";

import { toErrorResponse } from "./error-response";

type RouteContext<P> = { params: Promise<P> };
type NextRouteHandler<P> = (request: Request, context: RouteContext<P>) => Promise<Response>;

/** Who may call a route: signed-in users with at least `role`, or anyone (`public`: sign-in, setup). */
export type RouteAccess = { role: Role } | { public: true };

const crossSite = () =>
  new DomainError({
    code: "cross_site_request",
    message: "This request came from another site and was refused",
  });
const unauthenticated = () => new DomainError({ code: "unauthenticated", message: "Sign in to continue" });
const forbidden = (role: Role) =>
  new DomainError({ code: "forbidden", message: `This needs the ${role} role or higher` });

/**
 * Wraps a route handler: refuses cross-site state changes (CSRF), requires a session with the
 * route's role (checked here, in every handler, not only in proxy.ts), and turns every failure into
 * a JSON error with the right status; unexpected ones are logged and answered 500 without leaking
 * internals. Only the public webhook endpoint does not use it.
 */
export function routeHandler<P = Record<string, never>>(
  access: { public: true },
  handler: (request: Request, params: P) => Promise<Response>,
): NextRouteHandler<P>;
export function routeHandler<P = Record<string, never>>(
  access: { role: Role },
  handler: (request: Request, params: P, user: RequestUser) => Promise<Response>,
): NextRouteHandler<P>;
export function routeHandler<P>(
  access: RouteAccess,
  handler: (request: Request, params: P, user: RequestUser) => Promise<Response>,
): NextRouteHandler<P> {
  return async (request, context) => {
    try {
      if (isCrossSiteRequest({ request, publicUrl: getEnv().WORKBENCH_PUBLIC_URL })) throw crossSite();
      let user: RequestUser | undefined;
      let renewedCookie: string | null = null;
      if ("role" in access) {
        const authentication = await authenticateRequest(request);
        if (!authentication) throw unauthenticated();
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
