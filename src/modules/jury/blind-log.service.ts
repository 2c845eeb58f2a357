// The jury page's public record: the blinding log of a board, newest first.
import type { Ctx } from "../../context.ts";
import { totalPages } from "../../lib/pagination.ts";

export const LOG_PER_PAGE = 20;

export async function blindLog(ctx: Ctx, boardId: number, page: number) {
  const [count, rows] = await Promise.all([
    ctx.db.blindLog.count({ where: { boardId } }),
    ctx.db.blindLog.findMany({
      where: { boardId },
      orderBy: { id: "desc" },
      skip: (page - 1) * LOG_PER_PAGE,
      take: LOG_PER_PAGE,
      select: {
        id: true,
        createdAt: true,
        opinionCount: true,
        upCount: true,
        downCount: true,
        post: { select: { number: true } },
      },
    }),
  ]);
  return { rows, page, totalPages: totalPages(count, LOG_PER_PAGE), count };
}
