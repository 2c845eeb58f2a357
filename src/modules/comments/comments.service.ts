// The comment list under a post, oldest first. Raw SQL: it is on every post page
// (see posts.service.ts for why).
import type { Ctx } from "../../context.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { date, dateOrNull, num } from "../../db/raw.ts";

export async function listComments(ctx: Ctx, postId: number) {
  const rows = await ctx.db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    SELECT c."id", c."body", c."createdAt", c."deletedAt", u."id" AS "authorId", u."nickname", u."loginId"
    FROM "Comment" c JOIN "User" u ON u."id" = c."authorId"
    WHERE c."postId" = ${postId}
    ORDER BY c."id"`);
  return rows.map((r) => ({
    id: num(r.id),
    body: r.body as string,
    createdAt: date(r.createdAt),
    deletedAt: dateOrNull(r.deletedAt),
    author: { id: num(r.authorId), nickname: r.nickname as string, loginId: r.loginId as string },
  }));
}
