// Calling route handlers directly in tests: their context argument, and a response read as JSON.

/** The parsed body is loosely typed: the tests assert on its shape. */
export type Reply = { status: number; body: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A route handler's second argument, as Next.js passes it. */
export const withParams = <P>(params: P) => ({ params: Promise.resolve(params) });

/** The status and JSON body of a handler's response (a 204 has none). */
export async function reply(response: Promise<Response>): Promise<Reply> {
  const res = await response;
  return { status: res.status, body: res.status === 204 ? {} : await res.json() };
}
