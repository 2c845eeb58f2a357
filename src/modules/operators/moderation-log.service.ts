// The public moderation log (/moderation): operator actions, written in the same transaction
// as the action and never changed afterwards, read together with the jury's blindings
// (BlindLog). Dismissals are shown as a count per KST day: each is a row, the page sums them.
import type { Ctx, SqlTx } from "../../context.ts";
import { date, num, type SqlInt, type RowOf } from "../../db/raw.ts";
import { visiblePost } from "../../db/visibility.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { kstDay } from "../../lib/kst-time.ts";
import { totalPages } from "../../lib/pagination.ts";
import { suspensionPeriod } from "../accounts/suspension.rules.ts";
import { categoryLabel } from "../moderation/moderation.rules.ts";

export const MODERATION_LOG_PER_PAGE = 30;

export type LoggedAction = "hide" | "restore" | "suspend" | "lift" | "dismiss" | "void_votes";
/** The jury's entries, read from its own tables: a blinding, and a blinding restored on appeal. */
export type JuryAction = "blind" | "appeal_restore";

export interface LogEntry {
  action: LoggedAction;
  operatorId: number;
  boardId?: number | null;
  postId?: number | null;
  commentId?: number | null;
  userId?: number | null;
  category?: string | null;
  until?: Date | null;
  votes?: number | null; // void_votes: how many, on how many posts (never whose, never how found)
  posts?: number | null;
}

export async function logAction(t: SqlTx, now: Date, e: LogEntry): Promise<void> {
  await t.run(Prisma.sql`
    INSERT INTO "ModerationLog" ("action", "operatorId", "boardId", "postId", "commentId", "userId", "category", "until", "votes", "posts", "day", "createdAt")
    VALUES (${e.action}, ${e.operatorId}, ${e.boardId ?? null}, ${e.postId ?? null}, ${e.commentId ?? null}, ${e.userId ?? null},
      ${e.category ?? null}, ${e.until ?? null}, ${e.votes ?? null}, ${e.posts ?? null}, ${kstDay(now)}, ${now})`);
}

type LogRowSql = RowOf<"ModerationLog", "id" | "createdAt" | "category" | "until" | "commentId" | "votes" | "posts"> & {
  action: JuryAction | LoggedAction;
  count: SqlInt;
  operatorNickname: string | null;
  stockCode: string | null;
  stockName: string | null;
  postNumber: SqlInt | null;
  postTitle: string | null; // only while the post is visible to everyone
  userNickname: string | null;
};

export interface LogRow {
  id: string;
  action: JuryAction | LoggedAction;
  createdAt: Date;
  count: number; // dismissals of that day; 1 otherwise
  category: string | null; // the label, not the key
  period: string | null; // a suspension's end ("…까지" or 영구)
  operator: string | null; // null: the jury
  board: { stockCode: string; stockName: string } | null;
  post: { number: number; title: string | null } | null;
  commentId: number | null;
  user: string | null;
  voided: { votes: number; posts: number } | null; // void_votes
}

/** A page of the log, newest first: operator actions, dismissals per day, and jury blindings. */
export async function moderationLog(ctx: Ctx, page: number) {
  const rows = await ctx.sql.read<LogRowSql[]>(Prisma.sql`
    SELECT x."id", x."action", x."createdAt", x."count", x."category", x."until", x."commentId", x."votes", x."posts",
      (SELECT u."nickname" FROM "User" u WHERE u."id" = x."operatorId") AS "operatorNickname",
      b."stockCode", b."stockName", p."number" AS "postNumber",
      CASE WHEN ${visiblePost()} THEN p."title" END AS "postTitle",
      (SELECT u."nickname" FROM "User" u WHERE u."id" = x."userId") AS "userNickname"
    FROM (
      SELECT l."id", l."action", l."createdAt", 1 AS "count", l."category", l."until", l."operatorId", l."boardId", l."postId", l."commentId", l."userId", l."votes", l."posts"
      FROM "ModerationLog" l WHERE l."action" <> 'dismiss'
      UNION ALL
      SELECT MAX(l."id"), 'dismiss', MAX(l."createdAt"), COUNT(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
      FROM "ModerationLog" l WHERE l."action" = 'dismiss' GROUP BY l."day"
      UNION ALL
      SELECT -j."id", 'blind', j."createdAt", 1, NULL, NULL, NULL, j."boardId", j."postId", NULL, NULL, NULL, NULL
      FROM "BlindLog" j
      UNION ALL
      SELECT a."id", 'appeal_restore', a."decidedAt", 1, NULL, NULL, NULL, a."boardId", a."postId", NULL, NULL, NULL, NULL
      FROM "Appeal" a WHERE a."result" = 'restored'
    ) x
    LEFT JOIN "Board" b ON b."id" = x."boardId"
    LEFT JOIN "Post" p ON p."id" = x."postId"
    ORDER BY x."createdAt" DESC, x."id" DESC
    LIMIT ${MODERATION_LOG_PER_PAGE} OFFSET ${(page - 1) * MODERATION_LOG_PER_PAGE}`);
  const [counted] = await ctx.sql.read<{ n: SqlInt }[]>(Prisma.sql`
    SELECT (SELECT COUNT(*) FROM "ModerationLog" WHERE "action" <> 'dismiss')
      + (SELECT COUNT(DISTINCT "day") FROM "ModerationLog" WHERE "action" = 'dismiss')
      + (SELECT COUNT(*) FROM "BlindLog")
      + (SELECT COUNT(*) FROM "Appeal" WHERE "result" = 'restored') AS n`);
  return {
    rows: rows.map(
      (r): LogRow => ({
        id: `${r.action}-${num(r.id)}`,
        action: r.action,
        createdAt: date(r.createdAt),
        count: num(r.count),
        category: r.category ? categoryLabel(r.category) : null,
        period: r.until === null ? null : suspensionPeriod(date(r.until)),
        operator: r.operatorNickname,
        board: r.stockCode ? { stockCode: r.stockCode, stockName: r.stockName ?? "" } : null,
        post: r.postNumber === null ? null : { number: num(r.postNumber), title: r.postTitle },
        commentId: r.commentId === null ? null : num(r.commentId),
        user: r.userNickname,
        voided: r.action === "void_votes" ? { votes: num(r.votes ?? 0), posts: num(r.posts ?? 0) } : null,
      }),
    ),
    page,
    totalPages: totalPages(num(counted?.n ?? 0), MODERATION_LOG_PER_PAGE),
  };
}
