// What an operator does about reports and accounts: 기각, 숨김 and 복원, 이용 제한 and its
// lifting. Each action is one transaction that closes every open report on its target (where
// it has one) and writes its row of the public moderation log; an action that finds nothing
// left to do is refused with a message, and writes nothing.
import type { Ctx, SqlTx } from "../../context.ts";
import { date, dateOrNull, num, type SqlDate, type SqlInt, type RowOf } from "../../db/raw.ts";
import { ConflictError, ForbiddenError, NotFoundError } from "../../domain/errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { deleteSessionsOf } from "../accounts/sessions.queries.ts";
import { suspensionPeriod } from "../accounts/suspension.rules.ts";
import { setSuspension } from "../accounts/users.queries.ts";
import { setCommentHidden } from "../comments/comments.queries.ts";
import { notify } from "../notifications/notify.service.ts";
import { releaseHeldPost, setPostHidden } from "../posts/posts.queries.ts";
import { releaseHeldComment } from "../comments/comments.service.ts";
import { indexPost, unindexPost } from "../search/search.service.ts";
import { logAction } from "./moderation-log.service.ts";
import { closeOpenReports } from "../moderation/reports.queries.ts";
import { categoryLabel, suspensionEnd, targetKey, type ReportCategory, type SuspensionTerm, type TargetKind } from "../moderation/moderation.rules.ts";

export interface Target {
  kind: TargetKind;
  id: number; // the post's or the comment's id
}

type TargetRowSql = RowOf<"Post", "boardId" | "number" | "authorId" | "hiddenAt" | "heldAt" | "deletedAt" | "title" | "body"> & {
  postId: SqlInt;
  stockCode: string;
};

/** The target with its post (locked: an action and a vote on one post take turns), or 404. */
async function readTarget(t: SqlTx, ctx: Pick<Ctx, "dialect">, target: Target) {
  const [row] =
    target.kind === "post"
      ? await t.all<TargetRowSql[]>(Prisma.sql`
          SELECT "id" AS "postId", "boardId", "number", "authorId", "hiddenAt", "heldAt", "deletedAt", "title", "body",
            (SELECT b."stockCode" FROM "Board" b WHERE b."id" = "Post"."boardId") AS "stockCode"
          FROM "Post" WHERE "id" = ${target.id} ${ctx.dialect.forUpdate}`)
      : await t.all<TargetRowSql[]>(Prisma.sql`
          SELECT p."id" AS "postId", p."boardId", p."number", c."authorId", c."hiddenAt", c."heldAt", c."deletedAt", p."title", p."body",
            (SELECT b."stockCode" FROM "Board" b WHERE b."id" = p."boardId") AS "stockCode"
          FROM "Comment" c JOIN "Post" p ON p."id" = c."postId" WHERE c."id" = ${target.id}`);
  if (!row) throw new NotFoundError(target.kind === "post" ? "존재하지 않는 게시글입니다." : "존재하지 않는 댓글입니다.");
  return {
    postId: num(row.postId),
    boardId: num(row.boardId),
    number: num(row.number),
    authorId: num(row.authorId),
    hidden: dateOrNull(row.hiddenAt) !== null,
    held: dateOrNull(row.heldAt) !== null,
    deleted: dateOrNull(row.deletedAt) !== null,
    title: row.title,
    body: row.body,
    stockCode: row.stockCode,
  };
}

const OUTCOMES = {
  dismissed: "운영정책 위반이 확인되지 않아 기각되었습니다",
  hidden: "숨김 처리되었습니다",
  suspended: "작성자의 이용이 제한되었습니다",
} as const;

/**
 * Closes the target's open reports with an outcome, telling each reporter (알림); returns how
 * many it closed.
 */
async function closeReports(t: SqlTx, now: Date, target: Target, outcome: keyof typeof OUTCOMES, where: { boardId: number; postId: number }): Promise<number> {
  const { reporters, closed } = await closeOpenReports(t, targetKey(target.kind, target.id), outcome, now);
  for (const reporterId of reporters) {
    await notify(t, now, { userId: reporterId, kind: "report", boardId: where.boardId, postId: where.postId, commentId: commentOf(target), detail: OUTCOMES[outcome] });
  }
  return closed;
}

const ALREADY_HANDLED = "이미 처리된 신고입니다. 목록을 새로 고쳐 주세요.";

/** No operator judges their own writing: reports about it, its hiding and its restoring are another operator's. */
function refuseOwn(found: { authorId: number }, operatorId: number, target: Target): void {
  if (found.authorId !== operatorId) return;
  throw new ForbiddenError(`내가 쓴 ${target.kind === "post" ? "글" : "댓글"}에 대한 운영 조치는 다른 운영자가 해야 합니다.`);
}

/** A deleted post or comment is the author's tombstone: there is nothing left to hide or restore. */
function refuseDeleted(found: { deleted: boolean }, target: Target): void {
  if (found.deleted) throw new ConflictError(target.kind === "post" ? "삭제된 글입니다." : "삭제된 댓글입니다.");
}

/** 기각: the reports were unfounded. */
export async function dismissReports(ctx: Ctx, operatorId: number, target: Target): Promise<void> {
  const now = ctx.clock();
  await ctx.sql.transaction(async (t) => {
    const found = await readTarget(t, ctx, target);
    refuseOwn(found, operatorId, target);
    if ((await closeReports(t, now, target, "dismissed", found)) === 0) throw new ConflictError(ALREADY_HANDLED);
    await logAction(t, now, { action: "dismiss", operatorId, boardId: found.boardId, postId: found.postId, commentId: commentOf(target) });
  });
  recordAction(ctx, "dismiss", operatorId, target);
}

/** An operator's action, for the operations log stream and the metrics (the public record is ModerationLog). */
function recordAction(ctx: Ctx, action: string, operatorId: number, target: Target | { kind: "user"; id: number }) {
  ctx.events.record("operator_action", { action, operatorId, targetKind: target.kind, targetId: target.id });
}

// The post's page shows the change (and the list pages and neighbours that name the post).
const announce = (ctx: Ctx, found: { boardId: number; number: number }) => ctx.changes.announce({ kind: "post", boardId: found.boardId, number: found.number });

const commentOf = (target: Target) => (target.kind === "comment" ? target.id : null);

async function setHidden(t: SqlTx, ctx: Pick<Ctx, "dialect">, target: Target, found: Awaited<ReturnType<typeof readTarget>>, hiddenAt: Date | null, category: string | null) {
  if (target.kind !== "post") return setCommentHidden(t, target.id, hiddenAt, category);
  await setPostHidden(t, target.id, hiddenAt, category);
  // A hidden post is not searchable, like a deleted or blinded one; restored, it is again.
  if (hiddenAt) await unindexPost(t, ctx, found.postId);
  else await indexPost(t, ctx, { id: found.postId, boardId: found.boardId, title: found.title, body: found.body });
}

/**
 * 숨김: the post or comment is hidden from everyone but its author (and operators), with a
 * public reason category. From the queue it closes the target's reports; an operator may also
 * hide what nobody reported (`fromQueue: false`).
 */
export async function hideTarget(ctx: Ctx, operatorId: number, target: Target, category: ReportCategory, fromQueue = true) {
  const now = ctx.clock();
  const found = await ctx.sql.transaction(async (t) => {
    const found = await readTarget(t, ctx, target);
    refuseOwn(found, operatorId, target);
    refuseDeleted(found, target);
    const closed = await closeReports(t, now, target, "hidden", found);
    if (found.hidden) throw new ConflictError(target.kind === "post" ? "이미 숨김 처리된 글입니다." : "이미 숨김 처리된 댓글입니다.");
    if (fromQueue && closed === 0) throw new ConflictError(ALREADY_HANDLED);
    await setHidden(t, ctx, target, found, now, category);
    await notify(t, now, { userId: found.authorId, kind: "hidden", boardId: found.boardId, postId: found.postId, commentId: commentOf(target), detail: categoryLabel(category) });
    await logAction(t, now, { action: "hide", operatorId, boardId: found.boardId, postId: found.postId, commentId: commentOf(target), category });
    return found;
  });
  announce(ctx, found);
  recordAction(ctx, "hide", operatorId, target);
  return { stockCode: found.stockCode, number: found.number };
}

/** 복원: a hidden post or comment is shown again. */
export async function restoreTarget(ctx: Ctx, operatorId: number, target: Target) {
  const now = ctx.clock();
  const found = await ctx.sql.transaction(async (t) => {
    const found = await readTarget(t, ctx, target);
    refuseOwn(found, operatorId, target);
    refuseDeleted(found, target);
    if (!found.hidden) throw new ConflictError(target.kind === "post" ? "숨김 처리된 글이 아닙니다." : "숨김 처리된 댓글이 아닙니다.");
    await setHidden(t, ctx, target, found, null, null);
    await logAction(t, now, { action: "restore", operatorId, boardId: found.boardId, postId: found.postId, commentId: commentOf(target) });
    return found;
  });
  announce(ctx, found);
  recordAction(ctx, "restore", operatorId, target);
  return { stockCode: found.stockCode, number: found.number };
}

type AccountSql = RowOf<"User", "id" | "role" | "suspendedUntil">;

export async function lockAccount(t: SqlTx, ctx: Pick<Ctx, "dialect">, userId: number) {
  const [row] = await t.all<AccountSql[]>(Prisma.sql`SELECT "id", "role", "suspendedUntil" FROM "User" WHERE "id" = ${userId} ${ctx.dialect.forUpdate}`);
  if (!row) throw new NotFoundError("존재하지 않는 회원입니다.");
  return { id: num(row.id), role: row.role, suspendedUntil: dateOrNull(row.suspendedUntil) };
}

/**
 * 이용 제한 of the target's author: no sign-in, no writing, no jury seat until the end; every
 * session of the account ends in the same transaction, so its next request is anonymous.
 * From the queue it needs open reports on the target (and closes them); from a post page
 * (`fromQueue: false`) it does not.
 */
export async function suspendAuthor(ctx: Ctx, operatorId: number, target: Target, term: SuspensionTerm, category: ReportCategory, fromQueue = true) {
  const now = ctx.clock();
  const until = suspensionEnd(term, now);
  const result = await ctx.sql.transaction(async (t) => {
    const found = await readTarget(t, ctx, target);
    const account = await lockAccount(t, ctx, found.authorId);
    if (account.role === "operator") throw new ForbiddenError("운영자 계정은 이용 제한할 수 없습니다. 먼저 운영자 권한을 거두어 주세요.");
    if ((await closeReports(t, now, target, "suspended", found)) === 0 && fromQueue) throw new ConflictError(ALREADY_HANDLED);
    const ended = await limitAccount(t, now, operatorId, account.id, until, category, { boardId: found.boardId, postId: found.postId, commentId: commentOf(target) });
    return { userId: account.id, until, sessionsEnded: ended };
  });
  recordAction(ctx, "suspend", operatorId, { kind: "user", id: result.userId });
  return result;
}

/**
 * 이용 제한 of a locked account until `until`: every session of it ends, and the public log gets
 * its row (with what it was about, where there is a post). Returns the sessions ended.
 */
export async function limitAccount(
  t: SqlTx,
  now: Date,
  operatorId: number,
  userId: number,
  until: Date,
  category: ReportCategory,
  about: { boardId?: number; postId?: number; commentId?: number | null } = {},
): Promise<number> {
  await setSuspension(t, userId, until, categoryLabel(category));
  const ended = await deleteSessionsOf(t, userId);
  await logAction(t, now, { action: "suspend", operatorId, userId, category, until, ...about });
  return ended;
}

/** Lifts a suspension before its end. */
export async function liftSuspension(ctx: Ctx, operatorId: number, userId: number): Promise<void> {
  const now = ctx.clock();
  await ctx.sql.transaction(async (t) => {
    const account = await lockAccount(t, ctx, userId);
    if (!account.suspendedUntil || account.suspendedUntil <= now) throw new ConflictError("이용 제한 중인 회원이 아닙니다.");
    await setSuspension(t, userId, null, null);
    await logAction(t, now, { action: "lift", operatorId, userId });
  });
  recordAction(ctx, "lift", operatorId, { kind: "user", id: userId });
}

/** Accounts suspended now, the latest end first, for the operators' page. */
export async function currentSuspensions(ctx: Ctx) {
  const rows = await ctx.sql.read<{ id: SqlInt; nickname: string; suspendedUntil: SqlDate; suspensionReason: string | null }[]>(Prisma.sql`
    SELECT "id", "nickname", "suspendedUntil", "suspensionReason" FROM "User"
    WHERE "suspendedUntil" > ${ctx.clock()} ORDER BY "suspendedUntil" DESC LIMIT 200`);
  return rows.map((r) => ({ id: num(r.id), nickname: r.nickname, period: suspensionPeriod(date(r.suspendedUntil)), reason: r.suspensionReason }));
}

const NOT_HELD = "클린봇이 보류한 상태가 아닙니다. 목록을 새로 고쳐 주세요.";

/** The first decision on a held target: locked, another's, still there and still held; then released. */
async function releaseHeld(t: SqlTx, ctx: Pick<Ctx, "dialect">, now: Date, operatorId: number, target: Target, approved: boolean) {
  const found = await readTarget(t, ctx, target);
  refuseOwn(found, operatorId, target);
  refuseDeleted(found, target);
  const released = target.kind === "post" ? await releaseHeldPost(t, target.id) : await releaseHeldComment(t, now, target.id, approved);
  if (!found.held || !released) throw new ConflictError(NOT_HELD);
  return found;
}

/**
 * 공개 (approve) of what 클린봇 held: the post joins the lists (the comment its post), with
 * nothing folded, and its author is told. Held text was never public, so there is no public
 * log row: the operations log records who approved it.
 */
export async function approveHeld(ctx: Ctx, operatorId: number, target: Target) {
  const now = ctx.clock();
  const found = await ctx.sql.transaction(async (t) => {
    const found = await releaseHeld(t, ctx, now, operatorId, target, true);
    await notify(t, now, { userId: found.authorId, kind: "held_approved", boardId: found.boardId, postId: found.postId, commentId: commentOf(target) });
    return found;
  });
  // A post released joins the board's lists; a comment, its post's page.
  ctx.changes.announce({ kind: "post", boardId: found.boardId, number: found.number }, { kind: "board", boardId: found.boardId });
  recordAction(ctx, "approve_held", operatorId, target);
  return { stockCode: found.stockCode, number: found.number };
}

/** 삭제 (remove) of what 클린봇 held: an operator's 숨김 with a reason, as from the report queue. */
export async function removeHeld(ctx: Ctx, operatorId: number, target: Target, category: ReportCategory) {
  const now = ctx.clock();
  const found = await ctx.sql.transaction(async (t) => {
    const found = await releaseHeld(t, ctx, now, operatorId, target, false);
    await closeReports(t, now, target, "hidden", found);
    await setHidden(t, ctx, target, found, now, category);
    await notify(t, now, { userId: found.authorId, kind: "hidden", boardId: found.boardId, postId: found.postId, commentId: commentOf(target), detail: categoryLabel(category) });
    await logAction(t, now, { action: "hide", operatorId, boardId: found.boardId, postId: found.postId, commentId: commentOf(target), category });
    return found;
  });
  // A removed post shows in its list as hidden; a comment's post shows it so.
  ctx.changes.announce({ kind: "post", boardId: found.boardId, number: found.number }, { kind: "board", boardId: found.boardId });
  recordAction(ctx, "remove_held", operatorId, target);
  return { stockCode: found.stockCode, number: found.number };
}
