// What "a post anyone may read" means in SQL, written once: neither deleted by its author,
// blinded by the jury, hidden by an operator nor held by 클린봇 for an operator. Every module that reads "Post" (lists,
// search, feeds, the moderation log, notifications, the jury's queues) sits above src/db, so
// they all take the condition from here.
import { Prisma } from "../generated/prisma/client.ts";

// Built once per alias: the list pages ask for it on every read.
const byAlias = new Map<string, Prisma.Sql>();

/** The condition on the post aliased `alias` (default `p`). */
export function visiblePost(alias = "p"): Prisma.Sql {
  let condition = byAlias.get(alias);
  if (!condition) {
    const a = `"${alias.replace(/"/g, '""')}"`;
    byAlias.set(alias, (condition = Prisma.raw(`${a}."deletedAt" IS NULL AND ${a}."blindedAt" IS NULL AND ${a}."hiddenAt" IS NULL AND ${a}."heldAt" IS NULL`)));
  }
  return condition;
}
