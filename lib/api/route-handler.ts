import "server-only";
import { ApiError } from "./api-error";
import { toErrorResponse } from "./error-response";

type RouteContext<P> = { params: Promise<P> };

/**
 * Wraps a route handler so that every failure becomes a JSON error with the right status;
 * unexpected ones are logged and answered 500 without leaking internals.
 */
export function routeHandler<P = Record<string, never>>(
  handler: (request: Request, params: P) => Promise<Response>,
): (request: Request, context: RouteContext<P>) => Promise<Response> {
  return async (request, context) => {
    try {
      const params = await context.params;
      // No id contains NUL, and PostgreSQL refuses it in a query (a 500): answer "not found" up front.
      if (Object.values((params ?? {}) as object).some((value) => typeof value === "string" && value.includes("\u0000"))) {
        throw new ApiError({ status: 404, code: "not_found", message: "Nothing exists at this path" });
      }
      return await handler(request, params);
    } catch (error) {
      const { status, body } = toErrorResponse(error);
      if (status >= 500) console.error(`${request.method} ${new URL(request.url).pathname} failed`, error);
      return Response.json(body, { status });
    }
  };
}
