// Boards (one per listed stock): finding one, the home page's busiest boards and newest posts,
// the 종목 search and the A–Z / ㄱ–ㅎ directory.
import type { Ctx } from "../../context.ts";
import { date, num, type SqlInt, type RowOf } from "../../db/raw.ts";
import { visiblePost } from "../../db/visibility.ts";
import { BoardDelisted, NoSuchBoard } from "../../domain/errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { startOfKstDay } from "../../lib/kst-time.ts";
import { searchBoards } from "./board-search.rules.ts";
import { boardDirectory, findBoard, type BoardSummary, type DirectoryBoard } from "./directory.service.ts";

export type { BoardSummary, DirectoryBoard };

export const HOME_POPULAR = 10;
export const HOME_RECENT = 20;
export const DIRECTORY_PAGE = 50;

export async function getBoard(ctx: Ctx, stockCode: string): Promise<BoardSummary> {
  const board = await findBoard(ctx, stockCode);
  if (!board) throw new NoSuchBoard();
  return board;
}

/** Writing on a board (posts, comments, votes) needs a listed company. */
export function assertBoardOpen(board: BoardSummary): void {
  if (board.delistedAt) throw new BoardDelisted();
}

/** The boards with the most posts since the start of today (KST), most first. */
export async function busiestBoardsToday(ctx: Ctx, limit = HOME_POPULAR): Promise<{ board: DirectoryBoard; postsToday: number }[]> {
  const since = startOfKstDay(ctx.clock());
  const rows = await ctx.sql.read<{ boardId: SqlInt; n: SqlInt }[]>(Prisma.sql`
    SELECT p."boardId", COUNT(*) AS n FROM "Post" p
    WHERE p."createdAt" >= ${since} AND p."deletedAt" IS NULL AND p."heldAt" IS NULL
    GROUP BY p."boardId" ORDER BY n DESC, p."boardId" LIMIT ${limit}`);
  const { byId } = await boardDirectory(ctx);
  return rows.flatMap((r) => {
    const board = byId.get(num(r.boardId));
    return board ? [{ board, postsToday: num(r.n) }] : [];
  });
}

type RecentRowSql = RowOf<"Post", "boardId" | "number" | "title" | "createdAt" | "commentCount">;

/** The newest visible posts of every board, newest first (walks the primary key backwards). */
export async function recentPosts(ctx: Ctx, limit = HOME_RECENT) {
  const rows = await ctx.sql.read<RecentRowSql[]>(Prisma.sql`
    SELECT p."boardId", p."number", p."title", p."createdAt", p."commentCount" FROM "Post" p
    WHERE ${visiblePost()}
    ORDER BY p."id" DESC LIMIT ${limit}`);
  const { byId } = await boardDirectory(ctx);
  return rows.flatMap((r) => {
    const board = byId.get(num(r.boardId));
    return board
      ? [{ board, number: num(r.number), title: r.title, createdAt: date(r.createdAt), commentCount: num(r.commentCount), blindedAt: null, hiddenAt: null }]
      : [];
  });
}

/** The 종목 search: boards matching what was typed, best first, a page at a time. */
export async function findBoards(ctx: Ctx, typed: string, limit: number, offset = 0) {
  const { byName } = await boardDirectory(ctx);
  return searchBoards(byName, typed, limit, offset);
}

/** One page of the directory: the boards of a group (ㄱ, A, 0-9 …) or of all, in 가나다 order. */
export async function directoryPage(ctx: Ctx, group: string | null, page: number) {
  const { byName } = await boardDirectory(ctx);
  const boards = group ? byName.filter((b) => b.group === group) : byName;
  return { rows: boards.slice((page - 1) * DIRECTORY_PAGE, page * DIRECTORY_PAGE), total: boards.length };
}
