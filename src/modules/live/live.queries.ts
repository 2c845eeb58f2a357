// What the live streams read (they write nothing): the board's newest post numbers and the
// state of the posts an open page shows. Post numbers are dense per board and taken under the
// board row's lock (boards.queries.ts), so "after number N" never skips a post committed later.
import type { Ctx } from "../../context.ts";
import { dateOrNull, num, type RowOf, type SqlInt } from "../../db/raw.ts";
import { visiblePost } from "../../db/visibility.ts";
import { Prisma } from "../../generated/prisma/client.ts";

/** The board's last post number taken (held posts too): where a list stream starts. */
export async function lastPostNumber(ctx: Ctx, boardId: number): Promise<number> {
  const [row] = await ctx.sql.read<RowOf<"Board", "lastPostNumber">[]>(Prisma.sql`SELECT "lastPostNumber" FROM "Board" WHERE "id" = ${boardId}`);
  return row ? num(row.lastPostNumber) : 0;
}

/** The numbers of the board's posts anyone may read, above `after` (and at most `upTo`), oldest first. */
export async function visibleNumbersAfter(ctx: Ctx, boardId: number, after: number, upTo: number | null, limit: number): Promise<number[]> {
  const rows = await ctx.sql.read<{ number: SqlInt }[]>(Prisma.sql`
    SELECT p."number" FROM "Post" p
    WHERE p."boardId" = ${boardId} AND p."number" > ${after}${upTo === null ? Prisma.empty : Prisma.sql` AND p."number" <= ${upTo}`} AND ${visiblePost()}
    ORDER BY p."number" LIMIT ${limit}`);
  return rows.map((r) => num(r.number));
}

export type Unseen = "deleted" | "blinded" | "hidden" | "held";

export interface LivePost {
  id: number;
  number: number;
  /** Why nobody may read it now, or null when anyone may. */
  unseen: Unseen | null;
  upCount: number;
  downCount: number;
  commentCount: number;
  opinionCount: number;
}

type LivePostSql = RowOf<"Post", "id" | "number" | "deletedAt" | "blindedAt" | "hiddenAt" | "heldAt" | "upCount" | "downCount" | "commentCount" | "opinionCount">;

/** The posts of the board with these numbers, as an open page shows them. */
export async function livePosts(ctx: Ctx, boardId: number, numbers: number[]): Promise<LivePost[]> {
  if (numbers.length === 0) return [];
  const rows = await ctx.sql.read<LivePostSql[]>(Prisma.sql`
    SELECT "id", "number", "deletedAt", "blindedAt", "hiddenAt", "heldAt", "upCount", "downCount", "commentCount", "opinionCount"
    FROM "Post" WHERE "boardId" = ${boardId} AND "number" IN (${Prisma.join(numbers)})`);
  return rows.map((r) => ({
    id: num(r.id),
    number: num(r.number),
    unseen: dateOrNull(r.deletedAt) ? "deleted" : dateOrNull(r.blindedAt) ? "blinded" : dateOrNull(r.hiddenAt) ? "hidden" : dateOrNull(r.heldAt) ? "held" : null,
    upCount: num(r.upCount),
    downCount: num(r.downCount),
    commentCount: num(r.commentCount),
    opinionCount: num(r.opinionCount),
  }));
}
