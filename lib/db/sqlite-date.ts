// Pure. Prisma's SQLite adapter stores DateTime as ISO-8601 text with an explicit offset; raw SQL
// writes and compares the same form, so both sides read and order the rows alike (textually).
export const sqliteDate = (date: Date) => date.toISOString().replace("Z", "+00:00");
