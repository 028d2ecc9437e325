// `npm run db:migrate`: applies pending migrations to the configured database and exits.
// Run with the react-server condition (see package.json) so server-only modules load outside Next.
import { getDatabaseTargetFromEnv } from "../lib/db";
import { migrateDatabase } from "../lib/db/migrate";

async function main() {
  const applied = await migrateDatabase({ target: getDatabaseTargetFromEnv() });
  console.log(
    applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.",
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
