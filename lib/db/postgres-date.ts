// Pure. Prisma's PostgreSQL schema keeps DateTime as `timestamp(3)` without time zone, holding UTC:
// its adapter writes a Date's UTC fields and reads the column back as UTC. Raw SQL does the same,
// whatever the server's or this process's time zone (pg's own default reads it as local time).

/** A Date as `timestamp` input in UTC, to the millisecond (`2026-12-01T10:00:00.123`). */
export const postgresTimestamp = (date: Date): string => date.toISOString().slice(0, -1);

/** A `timestamp` column's text (`2026-12-01 10:00:00.123`) read as UTC. */
export const parsePostgresTimestamp = (text: string): Date => new Date(`${text.replace(" ", "T")}Z`);
