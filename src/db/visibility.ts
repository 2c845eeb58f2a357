// What "a post anyone may read" means in SQL, written once: neither deleted by its author,
// blinded by the jury nor hidden by an operator. Every module that reads "Post" (lists,
// search, feeds, the moderation log, notifications, the jury's queues) sits above src/db, so
// they all take the condition from here.
import { Prisma } from "../generated/prisma/client.ts";

/** The condition on the post aliased `alias` (default `p`). */
export function visiblePost(alias = "p"): Prisma.Sql {
  const a = `"${alias.replace(/"/g, '""')}"`;
  return Prisma.raw(`${a}."deletedAt" IS NULL AND ${a}."blindedAt" IS NULL AND ${a}."hiddenAt" IS NULL`);
}
