// Liveness and readiness: answers 200 once the database is migrated and reachable, 503 otherwise.
import { getDatabaseTargetFromEnv, getDb } from "@/lib/db";

export async function GET() {
  try {
    const db = await getDb();
    await db.$queryRaw`SELECT 1`;
    return Response.json({ status: "ok", database: getDatabaseTargetFromEnv().provider });
  } catch (error) {
    console.error("health check failed", error);
    return Response.json(
      { status: "unavailable", error: { code: "database_unavailable", message: "The database is not reachable" } },
      { status: 503 },
    );
  }
}
