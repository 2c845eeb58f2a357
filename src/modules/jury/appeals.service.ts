// 이의 신청: the author of a jury-blinded post appeals once, within 30 days; the current
// month's jurors of the board who gave no opinion on the post hear it; three 복원 restore the
// post, three 유지 uphold the blinding, decided in the transaction of the deciding vote. Only
// counts are ever shown: no page says which juror voted how.
import type { Ctx, SqlTx } from "../../context.ts";
import { screen } from "../cleanbot/cleanbot.service.ts";
import { date, dateOrNull, num, type SqlInt, type RowOf } from "../../db/raw.ts";
import { ConflictError, ForbiddenError, NotFoundError } from "../../domain/errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { lockActiveMember } from "../accounts/standing.service.ts";
import type { BoardSummary } from "../boards/boards.service.ts";
import { notify } from "../notifications/notify.service.ts";
import { indexPost } from "../search/search.service.ts";
import { APPEAL_RESULT_LABELS, APPEAL_WINDOW_MS, appealDecision, type AppealResult, type AppealVoteValue } from "./appeals.rules.ts";
import type { Panel } from "./panel.service.ts";
import { kstMonthRange } from "../../lib/kst-time.ts";
import { unblindPost } from "../posts/posts.queries.ts";

type BlindedPostSql = RowOf<"Post", "id" | "authorId" | "title" | "body" | "blindedAt"> & {
  logged: SqlInt; // a BlindLog row: the jury blinded it
};

async function readBlindedPost(t: Pick<SqlTx, "all">, board: BoardSummary, number: number, lock: Prisma.Sql = Prisma.empty) {
  const [row] = await t.all<BlindedPostSql[]>(Prisma.sql`
    SELECT "id", "authorId", "title", "body", "blindedAt",
      CASE WHEN EXISTS (SELECT 1 FROM "BlindLog" l WHERE l."postId" = "Post"."id") THEN 1 ELSE 0 END AS "logged"
    FROM "Post" WHERE "boardId" = ${board.id} AND "number" = ${number} ${lock}`);
  if (!row) throw new NotFoundError("존재하지 않는 게시글입니다.");
  return { id: num(row.id), authorId: num(row.authorId), title: row.title, body: row.body, blindedAt: dateOrNull(row.blindedAt), logged: num(row.logged) > 0 };
}

/** Files the author's appeal of a jury blinding. */
export async function fileAppeal(ctx: Ctx, board: BoardSummary, number: number, userId: number, reason: string): Promise<void> {
  await screen(ctx, { target: "reason" }, [{ name: "reason", label: "이의 신청 사유", text: reason }]);
  const now = ctx.clock();
  await ctx.sql.transaction(async (t) => {
    await lockActiveMember(t, ctx, userId);
    const post = await readBlindedPost(t, board, number, ctx.dialect.forUpdate);
    if (post.authorId !== userId) throw new ForbiddenError("글쓴이만 이의 신청을 할 수 있습니다.");
    if (!post.blindedAt || !post.logged) throw new ForbiddenError("운영배심원 의견으로 블라인드 처리된 글만 이의 신청을 할 수 있습니다.");
    if (now.getTime() - post.blindedAt.getTime() > APPEAL_WINDOW_MS) {
      throw new ForbiddenError("블라인드 처리 후 30일이 지나 이의 신청을 할 수 없습니다.");
    }
    const [existing] = await t.all<unknown[]>(Prisma.sql`SELECT 1 FROM "Appeal" WHERE "postId" = ${post.id}`);
    if (existing) throw new ConflictError("이미 이의 신청을 한 글입니다. 한 글에 한 번만 신청할 수 있습니다.");
    await t.run(Prisma.sql`
      INSERT INTO "Appeal" ("postId", "boardId", "authorId", "reason", "createdAt") VALUES (${post.id}, ${board.id}, ${userId}, ${reason}, ${now})`);
  });
  ctx.changes.announce({ kind: "post", boardId: board.id, number }, { kind: "jury", boardId: board.id });
  ctx.events.record("appeal_filed", { boardId: board.id, postNumber: number });
}

type AppealSql = RowOf<"Appeal", "id" | "postId" | "authorId" | "restoreVotes" | "upholdVotes" | "createdAt" | "decidedAt"> & {
  result: AppealResult | null;
};

const toAppeal = (r: AppealSql) => ({
  id: num(r.id),
  postId: num(r.postId),
  authorId: num(r.authorId),
  restoreVotes: num(r.restoreVotes),
  upholdVotes: num(r.upholdVotes),
  result: r.result,
  createdAt: date(r.createdAt),
  decidedAt: dateOrNull(r.decidedAt),
});

/**
 * The jurors of `panel` who may hear an appeal on the post: neither its author (a juror never
 * hears their own appeal) nor anyone who gave it a 글 내리기 opinion.
 */
async function hearers(t: Pick<SqlTx, "all">, panel: Panel, post: { id: number; authorId: number }): Promise<number[]> {
  const spoke = await t.all<{ jurorId: SqlInt }[]>(Prisma.sql`SELECT DISTINCT "jurorId" FROM "JuryOpinion" WHERE "postId" = ${post.id}`);
  const excluded = new Set([post.authorId, ...spoke.map((s) => num(s.jurorId))]);
  return panel.members.map((m) => m.userId).filter((id) => !excluded.has(id));
}

/**
 * A post's appeal as its page shows it, and whether `viewerId` may vote on it now. A hearer of
 * an open appeal decides on what the author wrote: the reason, and (on the page) the text.
 */
export async function appealOfPost(ctx: Ctx, panel: Panel, postId: number, viewerId: number | undefined) {
  const [row] = await ctx.sql.read<(AppealSql & { reason: string })[]>(Prisma.sql`SELECT * FROM "Appeal" WHERE "postId" = ${postId}`);
  if (!row) return null;
  const appeal = toAppeal(row);
  const read = { all: <R>(q: Prisma.Sql) => ctx.sql.read<R>(q) };
  const eligible = await hearers(read, panel, { id: postId, authorId: appeal.authorId });
  let myVote: AppealVoteValue | null = null;
  if (viewerId !== undefined && eligible.includes(viewerId)) {
    const [vote] = await ctx.sql.read<{ value: AppealVoteValue }[]>(
      Prisma.sql`SELECT "value" FROM "AppealVote" WHERE "appealId" = ${appeal.id} AND "jurorId" = ${viewerId}`,
    );
    myVote = vote?.value ?? null;
  }
  return {
    ...appeal,
    reason: row.reason,
    hearers: eligible.length, // fewer than three: it waits for the next month's panel
    canVote: viewerId !== undefined && eligible.includes(viewerId) && appeal.result === null,
    myVote,
  };
}

/**
 * A juror's 복원/유지 vote (changeable until decided). The appeal row is locked, so parallel
 * deciding votes decide once; the deciding vote restores the post (or upholds the blinding)
 * and tells the author, in the same transaction.
 */
export async function voteOnAppeal(ctx: Ctx, board: BoardSummary, number: number, jurorId: number, panel: Panel, value: AppealVoteValue) {
  const now = ctx.clock();
  const outcome = await ctx.sql.transaction(async (t) => {
    await lockActiveMember(t, ctx, jurorId);
    const post = await readBlindedPost(t, board, number, ctx.dialect.forUpdate);
    const [row] = await t.all<AppealSql[]>(Prisma.sql`SELECT * FROM "Appeal" WHERE "postId" = ${post.id} ${ctx.dialect.forUpdate}`);
    if (!row) throw new NotFoundError("이의 신청이 없는 글입니다.");
    const appeal = toAppeal(row);
    if (appeal.result) throw new ConflictError("이미 결정된 이의 신청입니다.");
    if (jurorId === post.authorId) throw new ForbiddenError("내 글의 이의 신청은 심사할 수 없습니다.");
    if (!(await hearers(t, panel, post)).includes(jurorId)) {
      throw new ForbiddenError("이 글에 글 내리기 의견을 낸 운영배심원은 이의 신청을 심사할 수 없습니다.");
    }
    const [previous] = await t.all<{ value: AppealVoteValue }[]>(
      Prisma.sql`SELECT "value" FROM "AppealVote" WHERE "appealId" = ${appeal.id} AND "jurorId" = ${jurorId}`,
    );
    if (previous?.value === value) return { ...appeal, myVote: value, decided: null };
    if (previous) {
      await t.run(Prisma.sql`UPDATE "AppealVote" SET "value" = ${value}, "updatedAt" = ${now} WHERE "appealId" = ${appeal.id} AND "jurorId" = ${jurorId}`);
    } else {
      await t.run(Prisma.sql`
        INSERT INTO "AppealVote" ("appealId", "jurorId", "panelId", "value", "createdAt", "updatedAt") VALUES (${appeal.id}, ${jurorId}, ${panel.id}, ${value}, ${now}, ${now})`);
    }
    const restore = (value === "restore" ? 1 : 0) - (previous?.value === "restore" ? 1 : 0);
    const uphold = (value === "uphold" ? 1 : 0) - (previous?.value === "uphold" ? 1 : 0);
    const counts = { restoreVotes: appeal.restoreVotes + restore, upholdVotes: appeal.upholdVotes + uphold };
    const decided = appealDecision(counts);
    await t.run(Prisma.sql`
      UPDATE "Appeal" SET "restoreVotes" = ${counts.restoreVotes}, "upholdVotes" = ${counts.upholdVotes},
        "result" = ${decided}, "decidedAt" = ${decided ? now : null} WHERE "id" = ${appeal.id}`);
    if (decided === "restored") {
      // Visible again, searchable, open to votes; the opinions that blinded it no longer count.
      await unblindPost(t, post.id);
      await indexPost(t, ctx, { id: post.id, boardId: board.id, title: post.title, body: post.body });
    }
    if (decided) {
      await notify(t, now, { userId: appeal.authorId, kind: "appeal", boardId: board.id, postId: post.id, detail: APPEAL_RESULT_LABELS[decided] });
    }
    return { ...appeal, ...counts, result: decided, myVote: value, decided };
  });
  ctx.changes.announce({ kind: "post", boardId: board.id, number }, { kind: "jury", boardId: board.id });
  if (outcome.decided) ctx.events.record("appeal_decided", { boardId: board.id, postNumber: number, result: outcome.decided });
  return outcome;
}

/** The board's appeal log for the jury page, newest first. */
export async function appealLog(ctx: Ctx, boardId: number) {
  const rows = await ctx.sql.read<(AppealSql & { number: SqlInt })[]>(Prisma.sql`
    SELECT a.*, p."number" FROM "Appeal" a JOIN "Post" p ON p."id" = a."postId"
    WHERE a."boardId" = ${boardId} ORDER BY a."id" DESC LIMIT 50`);
  return rows.map((r) => ({ ...toAppeal(r), number: num(r.number) }));
}

/**
 * Appeals this juror may hear on the board now (undecided, not theirs, no opinion of theirs on
 * the post), with what they decide on: the post's text and the author's reason.
 */
export async function appealsToHear(ctx: Ctx, boardId: number, panel: Panel, jurorId: number) {
  const open = await ctx.sql.read<{ postId: SqlInt; authorId: SqlInt; number: SqlInt; title: string; body: string; reason: string }[]>(Prisma.sql`
    SELECT a."postId", a."authorId", p."number", p."title", p."body", a."reason" FROM "Appeal" a JOIN "Post" p ON p."id" = a."postId"
    WHERE a."boardId" = ${boardId} AND a."result" IS NULL AND a."authorId" <> ${jurorId} ORDER BY a."id"`);
  const read = { all: <R>(q: Prisma.Sql) => ctx.sql.read<R>(q) };
  const mine = [];
  for (const a of open) {
    if ((await hearers(read, panel, { id: num(a.postId), authorId: num(a.authorId) })).includes(jurorId)) {
      mine.push({ number: num(a.number), title: a.title, body: a.body, reason: a.reason });
    }
  }
  return mine;
}

/**
 * A past panel's record as panel totals: opinions given, posts blinded, blindings restored on
 * appeal, appeal votes cast. Never per juror: joined with the public blind log and who wrote
 * what, a juror's own count would tell who spoke on which post (docs/product.md §4).
 */
export async function panelRecord(ctx: Ctx, panel: Pick<Panel, "id" | "boardId" | "month">) {
  const { start, end } = kstMonthRange(panel.month);
  const blindings = Prisma.sql`FROM "BlindLog" l WHERE l."boardId" = ${panel.boardId} AND l."createdAt" >= ${start} AND l."createdAt" < ${end}`;
  const [row] = await ctx.sql.read<{ opinions: SqlInt; blinded: SqlInt; restored: SqlInt; appealVotes: SqlInt }[]>(Prisma.sql`
    SELECT (SELECT COUNT(*) FROM "JuryOpinion" o WHERE o."panelId" = ${panel.id}) AS "opinions",
      (SELECT COUNT(*) ${blindings}) AS "blinded",
      (SELECT COUNT(*) ${blindings} AND EXISTS (
        SELECT 1 FROM "Appeal" a WHERE a."postId" = l."postId" AND a."result" = 'restored' AND a."decidedAt" >= l."createdAt")) AS "restored",
      (SELECT COUNT(*) FROM "AppealVote" v WHERE v."panelId" = ${panel.id}) AS "appealVotes"`);
  return { opinions: num(row?.opinions ?? 0), blinded: num(row?.blinded ?? 0), restored: num(row?.restored ?? 0), appealVotes: num(row?.appealVotes ?? 0) };
}

/** Whether `panel` restored the post on appeal (decided in the panel's month): that panel may not blind it again. */
export async function restoredByPanel(t: Pick<SqlTx, "all">, postId: number, panel: Pick<Panel, "month">): Promise<boolean> {
  const { start, end } = kstMonthRange(panel.month);
  const rows = await t.all<unknown[]>(Prisma.sql`
    SELECT 1 FROM "Appeal" WHERE "postId" = ${postId} AND "result" = 'restored' AND "decidedAt" >= ${start} AND "decidedAt" < ${end}`);
  return rows.length > 0;
}
