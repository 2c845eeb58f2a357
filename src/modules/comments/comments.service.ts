// Comments under a post: the list (oldest first), writing with the daily cap in the same
// transaction as the insert, and deleting as a tombstone; the post's count moves with them.
import type { Ctx } from "../../context.ts";
import { date, dateOrNull, num, type SqlDate, type SqlInt } from "../../db/raw.ts";
import { transaction } from "../../db/transaction.ts";
import { ForbiddenError, NoSuchComment, RateLimitedError } from "../../domain/errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { dailyCapMessage, kstDayWindow } from "../../lib/daily-cap.ts";
import type { BoardSummary } from "../boards/boards.service.ts";
import { findCommentablePost } from "../posts/post-guards.ts";
import { COMMENTS_PER_DAY } from "./comments.rules.ts";

interface CommentRowSql {
  id: SqlInt;
  body: string;
  createdAt: SqlDate;
  deletedAt: SqlDate | null;
  authorId: SqlInt;
  nickname: string;
  loginId: string;
}

/** The comments of a post, oldest first. Raw SQL: it is on every post page (posts.service.ts). */
export async function listComments(ctx: Ctx, postId: number) {
  const rows = await ctx.read<CommentRowSql[]>(Prisma.sql`
    SELECT c."id", c."body", c."createdAt", c."deletedAt", u."id" AS "authorId", u."nickname", u."loginId"
    FROM "Comment" c JOIN "User" u ON u."id" = c."authorId"
    WHERE c."postId" = ${postId}
    ORDER BY c."id"`);
  return rows.map((r) => ({
    id: num(r.id),
    body: r.body,
    createdAt: date(r.createdAt),
    deletedAt: dateOrNull(r.deletedAt),
    author: { id: num(r.authorId), nickname: r.nickname, loginId: r.loginId },
  }));
}

export async function createComment(ctx: Ctx, board: BoardSummary, number: number, authorId: number, body: string) {
  const now = ctx.clock();
  const day = kstDayWindow(now);
  return transaction(ctx, async (tx) => {
    const post = await findCommentablePost(tx, board, number);
    await ctx.dialect.lockRow(tx, "User", authorId); // the cap's count and the insert, one writer at a time
    const today = await tx.comment.count({ where: { authorId, createdAt: { gte: day.since } } });
    if (today >= COMMENTS_PER_DAY) {
      throw new RateLimitedError(dailyCapMessage("댓글", COMMENTS_PER_DAY, day.reopensAt), day.retryAfterSeconds);
    }
    const comment = await tx.comment.create({
      data: { postId: post.id, authorId, body, createdAt: now },
      select: { id: true, body: true, createdAt: true },
    });
    const { commentCount } = await tx.post.update({
      where: { id: post.id },
      data: { commentCount: { increment: 1 } },
      select: { commentCount: true },
    });
    return { comment, commentCount };
  });
}

export async function deleteComment(ctx: Ctx, board: BoardSummary, number: number, commentId: number, userId: number) {
  return transaction(ctx, async (tx) => {
    const comment = await tx.comment.findUnique({
      where: { id: commentId },
      select: { id: true, authorId: true, deletedAt: true, post: { select: { id: true, boardId: true, number: true } } },
    });
    if (!comment || comment.deletedAt || comment.post.boardId !== board.id || comment.post.number !== number) {
      throw new NoSuchComment();
    }
    if (comment.authorId !== userId) throw new ForbiddenError("내가 쓴 댓글만 지울 수 있습니다.");
    // Conditional, so two racing deletions of one comment count it down once.
    const { count } = await tx.comment.updateMany({ where: { id: comment.id, deletedAt: null }, data: { deletedAt: ctx.clock() } });
    const { commentCount } = await tx.post.update({
      where: { id: comment.post.id },
      data: { commentCount: { decrement: count } },
      select: { commentCount: true },
    });
    return { commentCount };
  });
}
