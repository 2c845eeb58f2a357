// 신고: a member's report on a post or a comment, and the lists that read them (the
// operators' queue, the jurors' flagged posts). Reporters are never shown to anyone.
import type { Ctx, SqlTx } from "../../context.ts";
import { screen } from "../cleanbot/cleanbot.service.ts";
import { date, dateOrNull, num, type SqlDate, type SqlInt, type RowOf } from "../../db/raw.ts";
import { visiblePost } from "../../db/visibility.ts";
import { ConflictError, ForbiddenError, NoSuchComment, NoSuchPost, RateLimitedError } from "../../domain/errors.ts";
import { postRefusal } from "../../domain/post-policy.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { newAccountWait } from "../accounts/new-account.rules.ts";
import { dailyCapMessage, kstDayWindow } from "../../lib/daily-cap.ts";
import { totalPages } from "../../lib/pagination.ts";
import { lockActiveMember } from "../accounts/standing.service.ts";
import type { BoardSummary } from "../boards/boards.service.ts";
import { readerOf } from "../../db/sql.ts";
import {
  FLAGGED_FOR_JURY,
  REPORT_CATEGORY_KEYS,
  REPORTS_PER_DAY,
  targetKey,
  type ReportCategory,
  type TargetKind,
} from "./moderation.rules.ts";

export interface ReportTarget {
  board: BoardSummary;
  number: number; // the post's number on the board
  commentId: number | null; // null: the post itself
}

type TargetStateSql = RowOf<"Post", "authorId" | "deletedAt" | "blindedAt" | "hiddenAt"> & {
  postId: SqlInt;
};

/** The reported post or comment as a report needs it, or 404. */
async function readTarget(t: Pick<SqlTx, "all">, target: ReportTarget) {
  const [post] = await t.all<TargetStateSql[]>(Prisma.sql`
    SELECT "id" AS "postId", "authorId", "deletedAt", "blindedAt", "hiddenAt" FROM "Post"
    WHERE "boardId" = ${target.board.id} AND "number" = ${target.number}`);
  if (!post) throw new NoSuchPost();
  const postId = num(post.postId);
  if (target.commentId === null) {
    return { kind: "post" as TargetKind, id: postId, postId, authorId: num(post.authorId), gone: post.deletedAt, blinded: post.blindedAt, hidden: post.hiddenAt };
  }
  const [comment] = await t.all<Omit<TargetStateSql, "postId" | "blindedAt">[]>(Prisma.sql`
    SELECT "authorId", "deletedAt", "hiddenAt" FROM "Comment" WHERE "id" = ${target.commentId} AND "postId" = ${postId}`);
  if (!comment) throw new NoSuchComment();
  return {
    kind: "comment" as TargetKind,
    id: target.commentId,
    postId,
    authorId: num(comment.authorId),
    gone: comment.deletedAt ?? post.deletedAt,
    blinded: null,
    hidden: comment.hiddenAt ?? post.hiddenAt,
  };
}

/** The report form's target: 404 if the post or comment does not exist. */
export async function findReportTarget(ctx: Ctx, target: ReportTarget): Promise<void> {
  await readTarget(readerOf(ctx.sql), target);
}

export interface ReportInput {
  category: ReportCategory;
  reason: string | null;
}

/** Files a report: signed-in members on others' visible posts and comments, once each, 20 a day. */
export async function createReport(ctx: Ctx, target: ReportTarget, reporterId: number, input: ReportInput): Promise<void> {
  // A reason may quote the abuse it reports; a phone number or a chat link in it is refused.
  if (input.reason) await screen(ctx, { target: "reason" }, [{ name: "reason", label: "신고 내용", text: input.reason }]);
  const now = ctx.clock();
  const day = kstDayWindow(now);
  await ctx.sql.transaction(async (t) => {
    const { joinedAt } = await lockActiveMember(t, ctx, reporterId); // not suspended; the cap counts one report at a time
    const found = await readTarget(t, target);
    const wait = newAccountWait("report", joinedAt, now, ctx.trust.minAccountAgeHours);
    if (wait) throw new ForbiddenError(wait);
    const what = found.kind === "post" ? "글" : "댓글";
    if (found.kind === "post") {
      // A post: the post policy's answer (src/domain/post-policy.ts).
      const refusal = postRefusal("report", { authorId: found.authorId, deletedAt: dateOrNull(found.gone), blindedAt: dateOrNull(found.blinded), hiddenAt: dateOrNull(found.hidden) }, { id: reporterId });
      if (refusal) throw new ForbiddenError(refusal.message);
    } else {
      // A comment: one's own, deleted (or on a deleted post), or hidden (or on a hidden post).
      if (found.authorId === reporterId) throw new ForbiddenError("내가 쓴 댓글은 신고할 수 없습니다.");
      if (found.gone) throw new ForbiddenError("삭제된 댓글은 신고할 수 없습니다.");
      if (found.hidden) throw new ForbiddenError("이미 숨김 처리된 댓글입니다.");
    }
    const key = targetKey(found.kind, found.id);
    const reporterKey = `u:${reporterId}`;
    const [already] = await t.all<unknown[]>(
      Prisma.sql`SELECT 1 FROM "Report" WHERE "reporterKey" = ${reporterKey} AND "targetKey" = ${key}`,
    );
    if (already) throw new ConflictError(`이미 신고한 ${what}입니다. 같은 ${what}은 한 번만 신고할 수 있습니다.`);
    const [today] = await t.all<{ n: SqlInt }[]>(
      Prisma.sql`SELECT COUNT(*) AS n FROM "Report" WHERE "reporterId" = ${reporterId} AND "createdAt" >= ${day.since}`,
    );
    if (num(today!.n) >= REPORTS_PER_DAY) {
      throw new RateLimitedError(dailyCapMessage("신고", REPORTS_PER_DAY, day.reopensAt), day.retryAfterSeconds);
    }
    await t.run(Prisma.sql`
      INSERT INTO "Report" ("boardId", "postId", "commentId", "targetKey", "reporterId", "reporterKey", "category", "reason", "createdAt")
      VALUES (${target.board.id}, ${found.postId}, ${target.commentId}, ${key}, ${reporterId}, ${reporterKey}, ${input.category}, ${input.reason}, ${now})`);
  });
}

/** The flood check's report (자동 감지) on posts, at most one per post; inside the posting transaction. */
export async function autoReportPosts(t: SqlTx, now: Date, posts: { id: number; boardId: number }[], reason: string): Promise<void> {
  for (const post of posts) {
    await t.run(Prisma.sql`
      INSERT INTO "Report" ("boardId", "postId", "commentId", "targetKey", "reporterId", "reporterKey", "category", "reason", "createdAt")
      VALUES (${post.boardId}, ${post.id}, NULL, ${targetKey("post", post.id)}, NULL, 'auto', 'spam', ${reason}, ${now})
      ON CONFLICT ("reporterKey", "targetKey") DO NOTHING`);
  }
}

export const QUEUE_PER_PAGE = 20;

interface QueueRowSql {
  targetKey: string;
  boardId: SqlInt;
  postId: SqlInt;
  commentId: SqlInt | null;
  n: SqlInt;
  automatic: SqlInt;
  firstAt: SqlDate;
  newestReason: string | null;
  stockCode: string;
  stockName: string;
  postNumber: SqlInt;
  postTitle: string;
  postHiddenAt: SqlDate | null;
  commentBody: string | null;
  authorId: SqlInt;
  authorNickname: string;
  authorSuspendedUntil: SqlDate | null;
  [category: string]: unknown; // one count column per category
}

// One count column per category: SUM(CASE …) AS "c_spam", …
const CATEGORY_COUNTS = Prisma.join(
  REPORT_CATEGORY_KEYS.map((c) => Prisma.sql`SUM(CASE WHEN r."category" = ${c} THEN 1 ELSE 0 END) AS ${Prisma.raw(`"c_${c}"`)}`),
);

/**
 * The operators' queue: open reports grouped by target, the most reported first, then the
 * oldest; with the counts per category, the newest reason, and what the target is.
 */
export async function reportQueue(ctx: Ctx, page: number) {
  const rows = await ctx.sql.read<QueueRowSql[]>(Prisma.sql`
    SELECT g.*, b."stockCode", b."stockName", p."number" AS "postNumber", p."title" AS "postTitle", p."hiddenAt" AS "postHiddenAt",
      c."body" AS "commentBody", a."id" AS "authorId", a."nickname" AS "authorNickname", a."suspendedUntil" AS "authorSuspendedUntil"
    FROM (
      SELECT r."targetKey", MIN(r."boardId") AS "boardId", MIN(r."postId") AS "postId", MIN(r."commentId") AS "commentId",
        COUNT(*) AS n, SUM(CASE WHEN r."reporterId" IS NULL THEN 1 ELSE 0 END) AS "automatic", MIN(r."createdAt") AS "firstAt",
        (SELECT x."reason" FROM "Report" x WHERE x."targetKey" = r."targetKey" AND x."closedAt" IS NULL AND x."reason" IS NOT NULL
          ORDER BY x."id" DESC LIMIT 1) AS "newestReason",
        ${CATEGORY_COUNTS}
      FROM "Report" r WHERE r."closedAt" IS NULL
      GROUP BY r."targetKey"
      ORDER BY COUNT(*) DESC, MIN(r."createdAt") ASC
      LIMIT ${QUEUE_PER_PAGE} OFFSET ${(page - 1) * QUEUE_PER_PAGE}
    ) g
    JOIN "Board" b ON b."id" = g."boardId"
    JOIN "Post" p ON p."id" = g."postId"
    LEFT JOIN "Comment" c ON c."id" = g."commentId"
    JOIN "User" a ON a."id" = COALESCE(c."authorId", p."authorId")
    ORDER BY g.n DESC, g."firstAt" ASC`);
  const [counted] = await ctx.sql.read<{ n: SqlInt }[]>(
    Prisma.sql`SELECT COUNT(DISTINCT "targetKey") AS n FROM "Report" WHERE "closedAt" IS NULL`,
  );
  const now = ctx.clock();
  return {
    rows: rows.map((r) => {
      const suspendedUntil = dateOrNull(r.authorSuspendedUntil);
      return {
        kind: (r.commentId === null ? "post" : "comment") as TargetKind,
        id: r.commentId === null ? num(r.postId) : num(r.commentId),
        count: num(r.n),
        automatic: num(r.automatic),
        firstAt: date(r.firstAt),
        newestReason: r.newestReason,
        categories: REPORT_CATEGORY_KEYS.map((c) => ({ category: c, count: num(r[`c_${c}`] as SqlInt) })).filter((c) => c.count > 0),
        board: { stockCode: r.stockCode, stockName: r.stockName },
        post: { number: num(r.postNumber), title: r.postTitle, hidden: r.postHiddenAt !== null },
        comment: r.commentBody === null ? null : { body: r.commentBody },
        author: { id: num(r.authorId), nickname: r.authorNickname, suspended: suspendedUntil !== null && suspendedUntil > now },
      };
    }),
    page,
    totalPages: totalPages(num(counted?.n ?? 0), QUEUE_PER_PAGE),
    count: num(counted?.n ?? 0),
  };
}

/** A board's visible posts with at least FLAGGED_FOR_JURY open reports, for its jurors. */
export async function flaggedPosts(ctx: Ctx, boardId: number) {
  const rows = await ctx.sql.read<{ number: SqlInt; title: string; n: SqlInt }[]>(Prisma.sql`
    SELECT p."number", p."title", COUNT(*) AS n
    FROM "Report" r JOIN "Post" p ON p."id" = r."postId"
    WHERE r."boardId" = ${boardId} AND r."closedAt" IS NULL AND r."commentId" IS NULL
      AND ${visiblePost()}
    GROUP BY p."id", p."number", p."title"
    HAVING COUNT(*) >= ${FLAGGED_FOR_JURY}
    ORDER BY COUNT(*) DESC, p."number" DESC
    LIMIT 50`);
  return rows.map((r) => ({ number: num(r.number), title: r.title, reports: num(r.n) }));
}
