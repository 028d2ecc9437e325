import { z } from "zod";

// Pure: newest-first pages over time-ordered ids (createId), where the last id of a page is the
// cursor for the next. One row more than the page is read to know whether another page follows.

export const cursorQuery = {
  cursor: z
    .string()
    .regex(/^[\w-]{1,64}$/, "cursor is not one this API returned")
    .optional(),
  limit: (opts: { max: number; default: number }) => z.coerce.number().int().min(1).max(opts.max).default(opts.default),
};

/** The parts of a findMany that select the page after `cursor` (merge `id` into its where). */
export function cursorPageArgs(opts: { cursor?: string; limit: number }) {
  return {
    id: opts.cursor ? { lt: opts.cursor } : undefined,
    orderBy: { id: "desc" as const },
    take: opts.limit + 1,
  };
}

/** The page among the rows read with cursorPageArgs, and the cursor of the next page (null on the last one). */
export function toCursorPage<Row extends { id: string }>(opts: {
  rows: Row[];
  limit: number;
}): { page: Row[]; nextCursor: string | null } {
  const page = opts.rows.slice(0, opts.limit);
  return { page, nextCursor: opts.rows.length > opts.limit ? page[page.length - 1].id : null };
}
