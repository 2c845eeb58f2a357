// Boards (one per listed stock) and the board index.
import type { Ctx } from "../../context.ts";
import { NoSuchBoard } from "../../domain/errors.ts";

/** What identifies a board; it never changes once seeded. */
export interface BoardSummary {
  id: number;
  stockCode: string;
  stockName: string;
  market: string;
}

const boardSelect = { id: true, stockCode: true, stockName: true, market: true } as const;

// Boards are seeded, never edited, so each process keeps them after the first lookup and a
// page costs no query to find its board. (Their post count lives in the list query.)
const knownBoards = new WeakMap<object, Map<string, BoardSummary>>();

export async function getBoard(ctx: Ctx, stockCode: string): Promise<BoardSummary> {
  let cache = knownBoards.get(ctx.db);
  if (!cache) knownBoards.set(ctx.db, (cache = new Map()));
  const known = cache.get(stockCode);
  if (known) return known;
  const board = await ctx.db.board.findUnique({ where: { stockCode }, select: boardSelect });
  if (!board) throw new NoSuchBoard();
  cache.set(stockCode, board);
  return board;
}

/** The board index: every board in display order, each with its newest post. */
export async function listBoardsWithNewestPost(ctx: Ctx) {
  const boards = await ctx.db.board.findMany({
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: { ...boardSelect, lastPostNumber: true },
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
