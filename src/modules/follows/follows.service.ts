// 관심종목: following and unfollowing boards, their order, and what a follower sees. Nothing
// is written per follower when someone posts: the home page reads each followed board's newest
// posts by their dense numbers (the last numbers the board handed out), so a post on a board
// with 100,000 followers costs what it costs on a board with one.
import type { Ctx, SqlTx } from "../../context.ts";
import { date, num, type RowOf, type SqlDate, type SqlInt } from "../../db/raw.ts";
import { visiblePost } from "../../db/visibility.ts";
import { ConflictError } from "../../domain/errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { lockActiveMember } from "../accounts/standing.service.ts";
import { assertBoardOpen, type BoardSummary } from "../boards/boards.service.ts";
import { boardDirectory } from "../boards/directory.service.ts";
import type { AlertKind } from "../boards/alerts.rules.ts";
import { FOLLOWS_MAX, moved, NEWEST_NUMBERS_READ, NEWEST_PER_BOARD, newSince, TOO_MANY_FOLLOWS } from "./follows.rules.ts";

/** Follows the board (again: nothing changes); a delisted board and a 51st are refused. */
export async function followBoard(ctx: Ctx, userId: number, board: BoardSummary): Promise<{ added: boolean }> {
  assertBoardOpen(board);
  return ctx.sql.transaction(async (t) => {
    // The member's row locked: two racing follows count one after the other.
    await lockActiveMember(t, ctx, userId);
    const [state] = await t.all<{ n: SqlInt; last: SqlInt | null; mine: SqlInt }[]>(Prisma.sql`
      SELECT COUNT(*) AS n, MAX("position") AS "last", SUM(CASE WHEN "boardId" = ${board.id} THEN 1 ELSE 0 END) AS "mine"
      FROM "Follow" WHERE "userId" = ${userId}`);
    if (num(state!.mine ?? 0) > 0) return { added: false };
    if (num(state!.n) >= FOLLOWS_MAX) throw new ConflictError(TOO_MANY_FOLLOWS);
    await t.run(Prisma.sql`
      INSERT INTO "Follow" ("userId", "boardId", "position", "seenNumber", "createdAt")
      SELECT ${userId}, b."id", ${num(state!.last ?? 0) + 1}, b."lastPostNumber", ${ctx.clock()} FROM "Board" b WHERE b."id" = ${board.id}`);
    return { added: true };
  });
}

/** Stops following the board (not followed: nothing changes). */
export async function unfollowBoard(ctx: Ctx, userId: number, board: BoardSummary): Promise<{ removed: boolean }> {
  const removed = await ctx.sql.transaction((t) => t.run(Prisma.sql`DELETE FROM "Follow" WHERE "userId" = ${userId} AND "boardId" = ${board.id}`));
  return { removed: removed > 0 };
}

/** Moves a followed board one place up or down in the member's order. */
export async function moveFollow(ctx: Ctx, userId: number, board: BoardSummary, direction: "up" | "down"): Promise<void> {
  await ctx.sql.transaction(async (t) => {
    await lockActiveMember(t, ctx, userId);
    const rows = await t.all<RowOf<"Follow", "boardId" | "position">[]>(Prisma.sql`
      SELECT "boardId", "position" FROM "Follow" WHERE "userId" = ${userId} ORDER BY "position", "boardId"`);
    const order = moved(rows.map((r) => ({ boardId: num(r.boardId) })), board.id, direction);
    await renumber(t, userId, order);
  });
}

async function renumber(t: SqlTx, userId: number, order: { boardId: number }[]): Promise<void> {
  for (const [i, f] of order.entries()) {
    await t.run(Prisma.sql`UPDATE "Follow" SET "position" = ${i + 1} WHERE "userId" = ${userId} AND "boardId" = ${f.boardId}`);
  }
}

/**
 * Whether the member follows the board, for its header's button; on the board's list it also
 * marks the board read up to its newest post (the home page's count starts again from there).
 */
export async function followState(ctx: Ctx, userId: number, board: BoardSummary, visit: boolean): Promise<boolean> {
  const [row] = await ctx.sql.read<{ seenNumber: SqlInt; lastPostNumber: SqlInt }[]>(Prisma.sql`
    SELECT f."seenNumber", b."lastPostNumber" FROM "Follow" f JOIN "Board" b ON b."id" = f."boardId"
    WHERE f."userId" = ${userId} AND f."boardId" = ${board.id}`);
  if (!row) return false;
  // A write only when posts arrived since the last visit: a reader paging the list writes once.
  if (visit && num(row.seenNumber) < num(row.lastPostNumber)) {
    await ctx.sql.transaction((t) => t.run(Prisma.sql`
      UPDATE "Follow" SET "seenNumber" = ${num(row.lastPostNumber)}
      WHERE "userId" = ${userId} AND "boardId" = ${board.id} AND "seenNumber" < ${num(row.lastPostNumber)}`));
  }
  return true;
}

type FollowRowSql = {
  boardId: SqlInt;
  stockCode: string;
  stockName: string;
  market: string;
  delistedAt: SqlDate | null;
  lastPostNumber: SqlInt;
  seenNumber: SqlInt;
  number: SqlInt | null;
  title: string | null;
  commentCount: SqlInt | null;
  createdAt: SqlDate | null;
};

export interface FollowedBoard {
  board: { id: number; stockCode: string; stockName: string; market: string; delisted: boolean; alerts: AlertKind[] };
  newSince: string | null;
  newest: { number: number; title: string; commentCount: number; createdAt: Date }[];
}

/**
 * The member's 관심종목 in their order, each with its newest public posts and the posts since
 * the member last opened its list: one statement, the follows by (userId, position) and each
 * board's last numbers by (boardId, number).
 */
export async function myFollows(ctx: Ctx, userId: number): Promise<FollowedBoard[]> {
  const rows = await ctx.sql.read<FollowRowSql[]>(Prisma.sql`
    SELECT b."id" AS "boardId", b."stockCode", b."stockName", b."market", b."delistedAt", b."lastPostNumber", f."seenNumber",
      p."number", p."title", p."commentCount", p."createdAt"
    FROM "Follow" f JOIN "Board" b ON b."id" = f."boardId"
    LEFT JOIN "Post" p ON p."boardId" = f."boardId" AND p."number" > b."lastPostNumber" - ${NEWEST_NUMBERS_READ} AND ${visiblePost("p")}
    WHERE f."userId" = ${userId}
    ORDER BY f."position", b."id", p."number" DESC`);
  const { byId } = await boardDirectory(ctx); // 시장경보 in force, as every board list shows them
  const boards = new Map<number, FollowedBoard>();
  for (const r of rows) {
    const id = num(r.boardId);
    let followed = boards.get(id);
    if (!followed) {
      followed = {
        board: { id, stockCode: r.stockCode, stockName: r.stockName, market: r.market, delisted: r.delistedAt !== null, alerts: byId.get(id)?.alerts ?? [] },
        newSince: newSince(num(r.lastPostNumber), num(r.seenNumber)),
        newest: [],
      };
      boards.set(id, followed);
    }
    if (r.number !== null && followed.newest.length < NEWEST_PER_BOARD) {
      followed.newest.push({ number: num(r.number), title: r.title!, commentCount: num(r.commentCount!), createdAt: date(r.createdAt!) });
    }
  }
  return [...boards.values()];
}

/** 회원탈퇴: the member's 관심종목 go with the account. */
export async function deleteFollowsOf(t: SqlTx, userId: number): Promise<void> {
  await t.run(Prisma.sql`DELETE FROM "Follow" WHERE "userId" = ${userId}`);
}
