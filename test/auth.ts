// Signed-in callers for route tests: a user and a session (or API token) written straight into the
// test database, and route modules wrapped so every request carries that session's cookie.
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";
import { SESSION_COOKIE_NAME } from "@/lib/auth/session-cookie";
import { createSession } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/create-client";
import { createId } from "@/lib/ids";
import { generateApiToken } from "@/lib/tokens/api-token-format";

export type TestUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  sessionId: string;
  token: string;
  cookie: string;
};

// Users made only to call routes never sign in: their stored hash matches no password (and costs no scrypt).
const NO_PASSWORD = "none";

let created = 0;

/** A user with `role` and a live session; `password` makes a real hash so the user can also sign in. */
export async function createTestUser(opts: {
  db: Db;
  role: Role;
  email?: string;
  name?: string;
  password?: string;
}): Promise<TestUser> {
  created += 1;
  const email = (opts.email ?? `${opts.role}-${created}-${process.pid}@example.com`).toLowerCase();
  const name = opts.name ?? `Test ${opts.role}`;
  const passwordHash = opts.password ? await hashPassword(opts.password) : NO_PASSWORD;
  const user = await opts.db.user.create({ data: { id: createId("usr"), email, name, role: opts.role, passwordHash } });
  const { token, sessionId } = await createSession({ db: opts.db, userId: user.id });
  return { id: user.id, email, name, role: opts.role, sessionId, token, cookie: `${SESSION_COOKIE_NAME}=${token}` };
}

/** A live API token of `user` with `role` (no higher than theirs, as the API would insist), written straight into the database. */
export async function createTestApiToken(opts: { db: Db; user: { id: string }; role: Role }): Promise<string> {
  const { token, prefix, tokenHash } = generateApiToken();
  await opts.db.apiToken.create({
    data: {
      id: createId("tok"),
      userId: opts.user.id,
      name: `Test ${opts.role} token`,
      role: opts.role,
      tokenHash,
      prefix,
      createdAt: new Date(),
    },
  });
  return token;
}

/** The request with `cookie` added to whatever Cookie header it already has. */
export function withCookie(request: Request, cookie: string): Request {
  const headers = new Headers(request.headers);
  const existing = headers.get("cookie");
  headers.set("cookie", existing ? `${existing}; ${cookie}` : cookie);
  return new Request(request, { headers });
}

const httpMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

type RouteFunction = (request: Request, context: { params: Promise<unknown> }) => Promise<Response>;

/** The route module with each HTTP method sending the cookie `getCookie()` returns at call time. */
export function signedIn<M extends object>(module: M, getCookie: () => string): M {
  const wrapped: Record<string, unknown> = { ...(module as Record<string, unknown>) };
  for (const method of httpMethods) {
    const handler = (module as Record<string, unknown>)[method];
    if (typeof handler === "function") {
      wrapped[method] = (request: Request, context: { params: Promise<unknown> }) =>
        (handler as RouteFunction)(withCookie(request, getCookie()), context);
    }
  }
  return wrapped as M;
}
