// Comments under a post: the list (oldest first), writing with the daily cap in the same
// transaction as the insert, and deleting as a tombstone; the post's count moves with them.
// Writes are short transactions of raw SQL (src/db/sql.ts).
import type { Ctx, SqlTx } from "../../context.ts";
import { date, dateOrNull, num, type SqlInt, type RowOf } from "../../db/raw.ts";
import { ForbiddenError, NoSuchComment, RateLimitedError } from "../../domain/errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { lockActiveMember } from "../accounts/standing.service.ts";
import { dailyCapMessage, kstDayWindow, secondsUntil } from "../../lib/daily-cap.ts";
import { dailyCapFor } from "../accounts/new-account.rules.ts";
import { assertBoardOpen, type BoardSummary } from "../boards/boards.service.ts";
import { notify } from "../notifications/notify.service.ts";
import { findCommentablePost } from "../posts/post-guards.service.ts";
import { COMMENTS_PER_DAY, COMMENTS_PER_PAGE, cursorText, pageHolding, type CommentCursor, type CommentSort } from "./comments.rules.ts";
import { addComments } from "../posts/posts.queries.ts";
import { SAME_SUBMISSION_MS } from "../../domain/post-policy.ts";
import { readerOf } from "../../db/sql.ts";
import type { Category } from "../cleanbot/cleanbot.rules.ts";
import { screen } from "../cleanbot/cleanbot.service.ts";
import { recordCleanbotEvent } from "../cleanbot/rules.queries.ts";

type CommentRowSql = RowOf<"Comment", "id" | "parentId" | "body" | "createdAt" | "deletedAt" | "hiddenAt" | "hiddenReason" | "heldAt" | "cleanbot" | "upCount" | "downCount" | "authorId"> & {
  nickname: string;
  loginId: string;
  role: string;
};

const COMMENT_COLUMNS = Prisma.sql`c."id", c."parentId", c."body", c."createdAt", c."deletedAt", c."hiddenAt", c."hiddenReason", c."heldAt", c."cleanbot", c."upCount", c."downCount",
  u."id" AS "authorId", u."nickname", u."loginId", u."role"`;

function toComment(r: CommentRowSql) {
  return {
    id: num(r.id),
    parentId: r.parentId === null ? null : num(r.parentId),
    body: r.body,
    createdAt: date(r.createdAt),
    deletedAt: dateOrNull(r.deletedAt),
    hiddenAt: dateOrNull(r.hiddenAt),
    hiddenReason: r.hiddenReason,
    heldAt: dateOrNull(r.heldAt),
    cleanbot: r.cleanbot as Category | null,
    upCount: num(r.upCount),
    downCount: num(r.downCount),
    author: { id: num(r.authorId), nickname: r.nickname, loginId: r.loginId, operator: r.role === "operator" },
  };
}

/** A post's comments oldest first after a comment id, keyset-paged on (postId, id) (the API). */
export async function listComments(ctx: Ctx, postId: number, page: { afterId: number; limit: number }) {
  const rows = await ctx.sql.read<CommentRowSql[]>(Prisma.sql`
    SELECT ${COMMENT_COLUMNS}
    FROM "Comment" c JOIN "User" u ON u."id" = c."authorId"
    WHERE c."postId" = ${postId} AND c."id" > ${page.afterId}
    ORDER BY c."id" LIMIT ${page.limit}`);
  return rows.map(toComment);
}

/**
 * Ids grow with time, so "written after `since`" is "after the newest id written by then":
 * found walking the (postId, id) index back from the newest comment, a few rows however many
 * the post has.
 */
function sinceBound(postId: number, since: Date): Prisma.Sql {
  return Prisma.sql`AND c."id" > COALESCE((SELECT o."id" FROM "Comment" o WHERE o."postId" = ${postId} AND o."createdAt" <= ${since} ORDER BY o."id" DESC LIMIT 1), 0)`;
}

/**
 * A post's comments that anyone may read, oldest first: after a comment id, or written after
 * `since` (the live stream's catch-up, src/modules/live). At most `limit`, none past `upTo`.
 */
export async function visibleCommentsAfter(ctx: Ctx, postId: number, from: { afterId: number; since?: Date; upTo?: number }, limit: number) {
  const rows = await ctx.sql.read<CommentRowSql[]>(Prisma.sql`
    SELECT ${COMMENT_COLUMNS}
    FROM "Comment" c JOIN "User" u ON u."id" = c."authorId"
    WHERE c."postId" = ${postId} AND c."id" > ${from.afterId}${from.upTo === undefined ? Prisma.empty : Prisma.sql` AND c."id" <= ${from.upTo}`}
      ${from.since ? sinceBound(postId, from.since) : Prisma.empty}
      AND c."deletedAt" IS NULL AND c."hiddenAt" IS NULL AND c."heldAt" IS NULL
    ORDER BY c."id" LIMIT ${limit}`);
  return rows.map(toComment);
}

/** The newest comment id of a post, whatever its state (0 without comments): where a live stream starts. */
export async function lastCommentId(ctx: Ctx, postId: number): Promise<number> {
  const [row] = await ctx.sql.read<{ id: SqlInt | null }[]>(Prisma.sql`SELECT MAX("id") AS "id" FROM "Comment" WHERE "postId" = ${postId}`);
  return row?.id == null ? 0 : num(row.id);
}

const ORDER: Record<CommentSort, Prisma.Sql> = {
  old: Prisma.sql`c."id"`,
  new: Prisma.sql`c."id" DESC`,
  // The index (postId, parentId, upCount, id) read backwards.
  best: Prisma.sql`c."upCount" DESC, c."id" DESC`,
};

function afterCursor(sort: CommentSort, cursor: CommentCursor): Prisma.Sql {
  if (sort === "old") return Prisma.sql`AND c."id" > ${cursor.id}`;
  if (sort === "new") return Prisma.sql`AND c."id" < ${cursor.id}`;
  const up = cursor.upCount ?? 0;
  return Prisma.sql`AND (c."upCount" < ${up} OR (c."upCount" = ${up} AND c."id" < ${cursor.id}))`;
}

/**
 * One page of a post's comments (docs/product.md §3): COMMENTS_PER_PAGE comments in the sort's
 * order, by page number (the page links) or after a cursor (더보기), each followed by all its
 * replies oldest first; `more` says whether another page follows, `total` how many comments
 * (replies aside) the post has, for the page links (null after a cursor: 더보기 needs none). Deleted and held comments keep their
 * places, so a page holds the same comments for every reader.
 *
 * A post whose count (`commentCount`, the caller's hint) says it is small is read whole in one
 * statement and paged here, as most posts are; a hot one, or one the hint misjudged (deleted
 * and held comments are not counted), takes three indexed statements whatever its size: the
 * page's ids from the index, their replies, the count.
 */
export async function commentPage(
  ctx: Ctx,
  postId: number,
  at: { sort: CommentSort; page: number; commentCount: number } | { sort: CommentSort; after: CommentCursor },
) {
  if ("page" in at && at.commentCount <= SMALL_THREAD) {
    const all = await ctx.sql.read<CommentRowSql[]>(Prisma.sql`
      SELECT ${COMMENT_COLUMNS} FROM "Comment" c JOIN "User" u ON u."id" = c."authorId"
      WHERE c."postId" = ${postId} ORDER BY c."id" LIMIT ${SMALL_THREAD + 1}`);
    if (all.length <= SMALL_THREAD) return pageOf(all.map(toComment), at);
  }
  return pageFromIndex(ctx, postId, at);
}

const SMALL_THREAD = 200; // comments and replies read whole in one statement

type ListedComment = ReturnType<typeof toComment>;

const BY: Record<CommentSort, (a: ListedComment, b: ListedComment) => number> = {
  old: (a, b) => a.id - b.id,
  new: (a, b) => b.id - a.id,
  best: (a, b) => b.upCount - a.upCount || b.id - a.id,
};

/** A page of a post read whole (in id order), in the order the statements would give. */
function pageOf(all: ListedComment[], at: { sort: CommentSort; page: number }) {
  const top = all.filter((c) => c.parentId === null).sort(BY[at.sort]);
  const start = (at.page - 1) * COMMENTS_PER_PAGE;
  const shown = top.slice(start, start + COMMENTS_PER_PAGE);
  const ids = new Set(shown.map((c) => c.id));
  const replies = all.filter((c) => c.parentId !== null && ids.has(c.parentId));
  const more = top.length > start + COMMENTS_PER_PAGE;
  const last = shown.at(-1);
  return { comments: shown, replies, more, next: more && last ? cursorText(at.sort, last) : null, total: top.length };
}

async function pageFromIndex(ctx: Ctx, postId: number, at: { sort: CommentSort; page: number } | { sort: CommentSort; after: CommentCursor }) {
  const where = Prisma.sql`c."postId" = ${postId} AND c."parentId" IS NULL`;
  const window = "page" in at ? Prisma.sql`LIMIT ${COMMENTS_PER_PAGE + 1} OFFSET ${(at.page - 1) * COMMENTS_PER_PAGE}` : Prisma.sql`LIMIT ${COMMENTS_PER_PAGE + 1}`;
  // The page's ids from the index alone (an offset skips index entries, not rows), then their rows.
  const [top, count] = await Promise.all([
    ctx.sql.read<CommentRowSql[]>(Prisma.sql`
      SELECT ${COMMENT_COLUMNS} FROM "Comment" c JOIN "User" u ON u."id" = c."authorId"
      WHERE c."id" IN (SELECT c."id" FROM "Comment" c WHERE ${where} ${"after" in at ? afterCursor(at.sort, at.after) : Prisma.empty} ORDER BY ${ORDER[at.sort]} ${window})
      ORDER BY ${ORDER[at.sort]}`),
    // The page links need it; 더보기 does not.
    "page" in at ? ctx.sql.read<{ n: SqlInt }[]>(Prisma.sql`SELECT COUNT(*) AS n FROM "Comment" c WHERE ${where}`) : null,
  ]);
  const more = top.length > COMMENTS_PER_PAGE;
  const shown = top.slice(0, COMMENTS_PER_PAGE).map(toComment);
  const replies = shown.length === 0 ? [] : (await ctx.sql.read<CommentRowSql[]>(Prisma.sql`
      SELECT ${COMMENT_COLUMNS} FROM "Comment" c JOIN "User" u ON u."id" = c."authorId"
      WHERE c."postId" = ${postId} AND c."parentId" IN (${Prisma.join(shown.map((c) => c.id))})
      ORDER BY c."parentId", c."id"`)).map(toComment);
  const last = shown.at(-1);
  return { comments: shown, replies, more, next: more && last ? cursorText(at.sort, last) : null, total: count ? num(count[0]!.n) : null };
}

/**
 * The 등록순 comment page that holds a comment (a reply's: its comment's), from the count of
 * comments before it; null when the comment is not on that board's post.
 */
export async function placeOfComment(ctx: Ctx, board: BoardSummary, number: number, commentId: number): Promise<number | null> {
  const [row] = await ctx.sql.read<{ before: SqlInt }[]>(Prisma.sql`
    SELECT (SELECT COUNT(*) FROM "Comment" x WHERE x."postId" = c."postId" AND x."parentId" IS NULL AND x."id" < COALESCE(c."parentId", c."id")) AS "before"
    FROM "Comment" c JOIN "Post" p ON p."id" = c."postId"
    WHERE c."id" = ${commentId} AND p."boardId" = ${board.id} AND p."number" = ${number}`);
  return row ? pageHolding(num(row.before)) : null;
}

/** A post's newest visible comments, newest first (the comments' Atom feed). */
export async function newestVisibleComments(ctx: Ctx, postId: number, limit: number) {
  const rows = await ctx.sql.read<CommentRowSql[]>(Prisma.sql`
    SELECT ${COMMENT_COLUMNS}
    FROM "Comment" c JOIN "User" u ON u."id" = c."authorId"
    WHERE c."postId" = ${postId} AND c."deletedAt" IS NULL AND c."hiddenAt" IS NULL AND c."heldAt" IS NULL
    ORDER BY c."id" DESC LIMIT ${limit}`);
  return rows.map(toComment);
}

type ParentSql = RowOf<"Comment", "id" | "postId" | "parentId" | "authorId" | "deletedAt" | "hiddenAt" | "heldAt">;

/**
 * The comment a reply answers: on this post, neither deleted nor hidden. A reply to a reply
 * answers its parent comment (replies are one level deep, as on the portal).
 */
async function findParent(t: Pick<SqlTx, "all">, postId: number, replyTo: number) {
  const [row] = await t.all<ParentSql[]>(Prisma.sql`
    SELECT "id", "postId", "parentId", "authorId", "deletedAt", "hiddenAt", "heldAt" FROM "Comment" WHERE "id" = ${replyTo}`);
  // A held comment is not there yet for anyone but its author.
  if (!row || num(row.postId) !== postId || row.heldAt) throw new NoSuchComment();
  if (row.deletedAt) throw new ForbiddenError("삭제된 댓글에는 답글을 쓸 수 없습니다.");
  if (row.hiddenAt) throw new ForbiddenError("숨김 처리된 댓글에는 답글을 쓸 수 없습니다.");
  return { parentId: row.parentId === null ? num(row.id) : num(row.parentId), answeredAuthorId: num(row.authorId) };
}

/** The comment a reply form answers, as the reply page shows it (404 if it is not on this post). */
export async function readReplyTarget(ctx: Ctx, board: BoardSummary, number: number, commentId: number) {
  const [row] = await ctx.sql.read<(CommentRowSql & { postNumber: SqlInt; boardId: SqlInt })[]>(Prisma.sql`
    SELECT c."id", c."parentId", c."body", c."createdAt", c."deletedAt", c."hiddenAt", c."hiddenReason", c."heldAt", c."cleanbot", u."id" AS "authorId",
      u."nickname", u."loginId", u."role", p."number" AS "postNumber", p."boardId"
    FROM "Comment" c JOIN "User" u ON u."id" = c."authorId" JOIN "Post" p ON p."id" = c."postId"
    WHERE c."id" = ${commentId}`);
  if (!row || num(row.boardId) !== board.id || num(row.postNumber) !== number || row.deletedAt || row.hiddenAt || row.heldAt) throw new NoSuchComment();
  return { id: num(row.id), isReply: row.parentId !== null, body: row.body, nickname: row.nickname };
}

/** The viewer's own comment, for the page that asks before deleting it. */
export async function readOwnComment(ctx: Ctx, board: BoardSummary, number: number, commentId: number, userId: number) {
  const comment = await findOwnComment(readerOf(ctx.sql), board, number, commentId, userId);
  return { body: comment.body };
}

/** A comment, or with `replyTo` a reply (답글); the post's author and the answered author are told. */
export async function createComment(ctx: Ctx, board: BoardSummary, number: number, authorId: number, body: string, replyTo?: number) {
  assertBoardOpen(board);
  const verdict = await screen(ctx, { target: "comment" }, [{ name: "body", label: replyTo === undefined ? "댓글" : "답글", text: body }]);
  const held = verdict.outcome === "hold";
  const now = ctx.clock();
  const day = kstDayWindow(now);
  const created = await ctx.sql.transaction(async (t) => {
    // Not suspended; the cap's count and the insert, one writer at a time.
    const { joinedAt } = await lockActiveMember(t, ctx, authorId);
    const post = await findCommentablePost(t, ctx, board, number);
    const parent = replyTo === undefined ? null : await findParent(t, post.id, replyTo);
    const earlier = await sameSubmission(t, now, { authorId, postId: post.id, parentId: parent?.parentId ?? null, body });
    if (earlier) return { comment: earlier, commentCount: await countComments(t, post.id), repeated: true };
    const [today] = await t.all<{ n: SqlInt }[]>(
      Prisma.sql`SELECT COUNT(*) AS n FROM "Comment" WHERE "authorId" = ${authorId} AND "createdAt" >= ${day.since}`,
    );
    const limit = dailyCapFor("comments", COMMENTS_PER_DAY, joinedAt, now, ctx.trust.minAccountAgeHours);
    if (num(today!.n) >= limit.cap) {
      throw new RateLimitedError(dailyCapMessage("댓글", limit.cap, limit.reopensAt, limit.firstDay), secondsUntil(limit.reopensAt, now));
    }
    const [row] = await t.all<{ id: SqlInt }[]>(Prisma.sql`
      INSERT INTO "Comment" ("postId", "authorId", "parentId", "body", "createdAt", "heldAt", "cleanbot")
      VALUES (${post.id}, ${authorId}, ${parent?.parentId ?? null}, ${body}, ${now}, ${held ? now : null}, ${verdict.category}) RETURNING "id"`);
    const id = num(row!.id);
    if (verdict.outcome) await recordCleanbotEvent(t, now, { category: verdict.category!, action: verdict.outcome, target: "comment" });
    // A held comment is counted and told of when an operator approves it (publishComment).
    const commentCount = held
      ? await countComments(t, post.id)
      : await publishComment(t, now, { id, authorId, postId: post.id, postAuthorId: post.authorId, boardId: board.id, answeredAuthorId: parent?.answeredAuthorId ?? null });
    return { comment: { id, parentId: parent?.parentId ?? null, body, createdAt: now, heldAt: held ? now : null, cleanbot: verdict.category }, commentCount, repeated: false };
  });
  if (!created.repeated) ctx.changes.announce({ kind: "post", boardId: board.id, number });
  return created;
}

/**
 * The writer's own comment with this very text, in the same place, written moments ago: the
 * same 등록 pressed twice (SAME_SUBMISSION_MS). Inside the writer's lock, so a racing second
 * press sees the first.
 */
async function sameSubmission(t: Pick<SqlTx, "all">, now: Date, c: { authorId: number; postId: number; parentId: number | null; body: string }) {
  const [row] = await t.all<RowOf<"Comment", "id" | "parentId" | "body" | "createdAt" | "heldAt" | "cleanbot">[]>(Prisma.sql`
    SELECT "id", "parentId", "body", "createdAt", "heldAt", "cleanbot" FROM "Comment"
    WHERE "authorId" = ${c.authorId} AND "createdAt" >= ${new Date(now.getTime() - SAME_SUBMISSION_MS)}
      AND "postId" = ${c.postId} AND ${c.parentId === null ? Prisma.sql`"parentId" IS NULL` : Prisma.sql`"parentId" = ${c.parentId}`}
      AND "body" = ${c.body} AND "deletedAt" IS NULL AND "hiddenAt" IS NULL
    ORDER BY "id" DESC LIMIT 1`);
  if (!row) return null;
  return { id: num(row.id), parentId: row.parentId === null ? null : num(row.parentId), body: row.body, createdAt: date(row.createdAt), heldAt: dateOrNull(row.heldAt), cleanbot: row.cleanbot as Category | null };
}

/**
 * A comment joins its post: counted, and its post's author (or the author it answers) told.
 * Called when it is written, or for a held one when an operator approves it.
 */
export async function publishComment(
  t: SqlTx,
  now: Date,
  c: { id: number; authorId: number; postId: number; postAuthorId: number; boardId: number; answeredAuthorId: number | null },
): Promise<number> {
  const where = { actorId: c.authorId, boardId: c.boardId, postId: c.postId, commentId: c.id };
  // One 알림 per person: an author whose comment was answered hears of the reply only.
  if (c.answeredAuthorId !== null) await notify(t, now, { userId: c.answeredAuthorId, kind: "reply", ...where });
  if (c.answeredAuthorId !== c.postAuthorId) await notify(t, now, { userId: c.postAuthorId, kind: "comment", ...where });
  return addComments(t, c.postId, 1);
}

async function countComments(t: Pick<SqlTx, "all">, postId: number): Promise<number> {
  const [row] = await t.all<{ commentCount: SqlInt }[]>(Prisma.sql`SELECT "commentCount" FROM "Post" WHERE "id" = ${postId}`);
  return num(row!.commentCount);
}

type CommentStateSql = RowOf<"Post", "id" | "body" | "authorId" | "deletedAt" | "hiddenAt" | "heldAt" | "boardId" | "number"> & {
  postId: SqlInt;
};

/**
 * The member's own live comment on this post, or the refusal: what the deletion's confirmation
 * page shows and what the deletion itself checks again inside its transaction.
 */
async function findOwnComment(t: Pick<SqlTx, "all">, board: BoardSummary, number: number, commentId: number, userId: number) {
  const [comment] = await t.all<CommentStateSql[]>(Prisma.sql`
    SELECT c."id", c."body", c."authorId", c."deletedAt", c."hiddenAt", c."heldAt", p."id" AS "postId", p."boardId", p."number"
    FROM "Comment" c JOIN "Post" p ON p."id" = c."postId" WHERE c."id" = ${commentId}`);
  if (!comment || comment.deletedAt !== null || num(comment.boardId) !== board.id || num(comment.number) !== number) {
    throw new NoSuchComment();
  }
  if (num(comment.authorId) !== userId) throw new ForbiddenError("내가 쓴 댓글만 삭제할 수 있습니다.");
  // As with posts: what an operator hid stays as it is (and an operator may restore it).
  if (comment.hiddenAt !== null) throw new ForbiddenError("숨김 처리된 댓글은 삭제할 수 없습니다.");
  return { id: num(comment.id), body: comment.body, postId: num(comment.postId), held: comment.heldAt !== null };
}

export async function deleteComment(ctx: Ctx, board: BoardSummary, number: number, commentId: number, userId: number) {
  const result = await ctx.sql.transaction(async (t) => {
    await lockActiveMember(t, ctx, userId);
    const comment = await findOwnComment(t, board, number, commentId, userId);
    // Conditional, so two racing deletions of one comment count it down once.
    const deleted = await t.run(Prisma.sql`UPDATE "Comment" SET "deletedAt" = ${ctx.clock()} WHERE "id" = ${commentId} AND "deletedAt" IS NULL`);
    // A held comment was never counted.
    return { commentCount: comment.held ? await countComments(t, comment.postId) : await addComments(t, comment.postId, -deleted) };
  });
  ctx.changes.announce({ kind: "post", boardId: board.id, number });
  return result;
}

/**
 * An operator's decision on a comment 클린봇 held: approved, it joins its post (counted, its
 * post's author told) with nothing folded; removed, it stays out of the count (an operator's
 * 숨김 follows, by the operators' module). False when it was not held (another operator decided
 * first): the condition on the update, not the read before it, decides, so two racing decisions
 * cannot both count it.
 */
export async function releaseHeldComment(t: SqlTx, now: Date, commentId: number, approved: boolean): Promise<boolean> {
  const [c] = await t.all<(RowOf<"Comment", "id" | "authorId" | "postId" | "parentId"> & { postAuthorId: SqlInt; boardId: SqlInt; parentAuthorId: SqlInt | null })[]>(Prisma.sql`
    SELECT c."id", c."authorId", c."postId", c."parentId", p."authorId" AS "postAuthorId", p."boardId",
      (SELECT x."authorId" FROM "Comment" x WHERE x."id" = c."parentId") AS "parentAuthorId"
    FROM "Comment" c JOIN "Post" p ON p."id" = c."postId" WHERE c."id" = ${commentId}`);
  const released = await t.run(Prisma.sql`UPDATE "Comment" SET "heldAt" = NULL, "cleanbot" = NULL WHERE "id" = ${commentId} AND "heldAt" IS NOT NULL`);
  if (released === 0 || !c) return false;
  if (!approved) return true;
  await publishComment(t, now, {
    id: num(c.id),
    authorId: num(c.authorId),
    postId: num(c.postId),
    postAuthorId: num(c.postAuthorId),
    boardId: num(c.boardId),
    answeredAuthorId: c.parentAuthorId === null ? null : num(c.parentAuthorId),
  });
  return true;
}
