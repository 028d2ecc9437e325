import "server-only";
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
      return await handler(request, await context.params);
    } catch (error) {
      const { status, body } = toErrorResponse(error);
      if (status >= 500) console.error(`${request.method} ${new URL(request.url).pathname} failed`, error);
      return Response.json(body, { status });
    }
  };
}
