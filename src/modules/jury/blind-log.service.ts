// The jury page's public record: the blinding log of a board, newest first, each row marked
// when an appeal restored the post afterwards.
import type { Ctx } from "../../context.ts";
import { date, dateOrNull, num, type SqlDate, type SqlInt, type RowOf } from "../../db/raw.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { totalPages } from "../../lib/pagination.ts";

export const LOG_PER_PAGE = 20;

type BlindRowSql = RowOf<"Post", "id" | "createdAt" | "opinionCount" | "upCount" | "downCount" | "number"> & {
  restoredAt: SqlDate | null;
};

export async function blindLog(ctx: Ctx, boardId: number, page: number) {
  const [[counted], rows] = await Promise.all([
    ctx.sql.read<{ n: SqlInt }[]>(Prisma.sql`SELECT COUNT(*) AS n FROM "BlindLog" WHERE "boardId" = ${boardId}`),
    ctx.sql.read<BlindRowSql[]>(Prisma.sql`
      SELECT l."id", l."createdAt", l."opinionCount", l."upCount", l."downCount", p."number",
        (SELECT a."decidedAt" FROM "Appeal" a WHERE a."postId" = l."postId" AND a."result" = 'restored' AND a."decidedAt" >= l."createdAt") AS "restoredAt"
      FROM "BlindLog" l JOIN "Post" p ON p."id" = l."postId"
      WHERE l."boardId" = ${boardId} ORDER BY l."id" DESC LIMIT ${LOG_PER_PAGE} OFFSET ${(page - 1) * LOG_PER_PAGE}`),
  ]);
  const count = num(counted?.n ?? 0);
  return {
    rows: rows.map((r) => ({
      id: num(r.id),
      createdAt: date(r.createdAt),
      opinionCount: num(r.opinionCount),
      upCount: num(r.upCount),
      downCount: num(r.downCount),
      restoredAt: dateOrNull(r.restoredAt),
      post: { number: num(r.number) },
    })),
    page,
    totalPages: totalPages(count, LOG_PER_PAGE),
    count,
  };
}
