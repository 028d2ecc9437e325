// Runs one migrator in its own process, so tests can race real processes against one database.
// Usage: tsx test/migrate-in-child.ts '<DatabaseTarget JSON>'. Prints "ready" once loaded and
// starts when a line arrives on stdin, so that racers start together despite uneven start-up
// times; then prints the applied migration names as JSON.
import { migrateDatabase } from "../lib/db/migrate";

process.stdout.write("ready\n");
process.stdin.once("data", () => {
  process.stdin.pause();
  migrateDatabase({ target: JSON.parse(process.argv[2]) }).then(
    (applied) => process.stdout.write(JSON.stringify(applied)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
