// Boards (one per listed stock) and the board index.
import type { Ctx } from "../../context.ts";
import { NotFoundError } from "../../http/errors.ts";

export interface BoardSummary {
  id: number;
  stockCode: string;
  stockName: string;
  market: string;
  lastPostNumber: number;
}

const boardSelect = {
  id: true,
  stockCode: true,
  stockName: true,
  market: true,
  lastPostNumber: true,
} as const;

export async function getBoard(ctx: Ctx, stockCode: string): Promise<BoardSummary> {
  const board = await ctx.db.board.findUnique({ where: { stockCode }, select: boardSelect });
  if (!board) throw new NotFoundError("존재하지 않는 종목 게시판입니다.");
  return board;
}

/** The board index: every board in display order, each with its newest post. */
export async function listBoardsWithNewestPost(ctx: Ctx) {
  const boards = await ctx.db.board.findMany({
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: boardSelect,
  });
  const newest = await ctx.db.post.findMany({
    where: {
      OR: boards
        .filter((b) => b.lastPostNumber > 0)
        .map((b) => ({ boardId: b.id, number: b.lastPostNumber })),
    },
    select: {
      boardId: true,
      number: true,
      title: true,
      createdAt: true,
      deletedAt: true,
      blindedAt: true,
      commentCount: true,
      author: { select: { nickname: true } },
    },
  });
  const byBoard = new Map(newest.map((p) => [p.boardId, p]));
  return boards.map((board) => ({ board, newestPost: byBoard.get(board.id) ?? null }));
}
