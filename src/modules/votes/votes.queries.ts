// The SQL of "Vote" that another module causes: voiding a confirmed ring's votes (operators).
// votes owns the table; casting and switching are votes.service.ts.
import type { SqlTx } from "../../context.ts";
import { num, type SqlInt } from "../../db/raw.ts";
import { Prisma } from "../../generated/prisma/client.ts";

/** Deletes the votes of `userIds` on the post; returns whose were deleted (one id per vote). */
export async function voidVotes(t: SqlTx, postId: number, userIds: number[]): Promise<number[]> {
  if (userIds.length === 0) return [];
  const rows = await t.all<{ userId: SqlInt }[]>(Prisma.sql`
    DELETE FROM "Vote" WHERE "postId" = ${postId} AND "userId" IN (${Prisma.join(userIds)}) RETURNING "userId"`);
  return rows.map((r) => num(r.userId));
}
