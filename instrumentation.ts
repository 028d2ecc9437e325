// Runs once when the server starts: applies pending migrations before the first request,
// so a broken database or migration stops start-up with a clear error instead of failing requests.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDb } = await import("@/lib/db");
  await getDb();
}
