// Boards (one per listed stock) and the board index.
import type { Ctx } from "../../context.ts";
import { date, dateOrNull, num, type SqlDate, type SqlInt } from "../../db/raw.ts";
import { NoSuchBoard } from "../../domain/errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";

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

interface IndexRowSql {
  id: SqlInt;
  stockCode: string;
  stockName: string;
  market: string;
  lastPostNumber: SqlInt;
  number: SqlInt | null; // the newest post's columns: null for a board without posts
  title: string | null;
  createdAt: SqlDate | null;
  deletedAt: SqlDate | null;
  blindedAt: SqlDate | null;
  hiddenAt: SqlDate | null;
  commentCount: SqlInt | null;
}

/** The board index: every board in display order, each with its newest post that is not deleted (one query). */
export async function listBoardsWithNewestPost(ctx: Ctx) {
  const rows = await ctx.sql.read<IndexRowSql[]>(Prisma.sql`
    SELECT b."id", b."stockCode", b."stockName", b."market", b."lastPostNumber",
      p."number", p."title", p."createdAt", p."deletedAt", p."blindedAt", p."hiddenAt", p."commentCount"
    FROM "Board" b LEFT JOIN "Post" p ON p."boardId" = b."id" AND p."number" = (
      SELECT n."number" FROM "Post" n WHERE n."boardId" = b."id" AND n."deletedAt" IS NULL ORDER BY n."number" DESC LIMIT 1)
    ORDER BY b."position", b."id"`);
  return rows.map((r) => ({
    board: { id: num(r.id), stockCode: r.stockCode, stockName: r.stockName, market: r.market, lastPostNumber: num(r.lastPostNumber) },
    newestPost:
      r.number === null
        ? null
        : {
            number: num(r.number),
            title: r.title!,
            createdAt: date(r.createdAt!),
            deletedAt: dateOrNull(r.deletedAt),
            blindedAt: dateOrNull(r.blindedAt),
            hiddenAt: dateOrNull(r.hiddenAt),
            commentCount: num(r.commentCount!),
          },
  }));
}
