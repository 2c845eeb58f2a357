// Writing: posts and comments, with the daily caps checked in the same transaction as the
// insert (so parallel requests cannot slip past the cap), and counters kept with their rows.
import type { Ctx, Tx } from "../../context.ts";
import { lockRow } from "../../db/dialect.ts";
import { ForbiddenError, NotFoundError, RateLimitedError } from "../../http/errors.ts";
import { indexPost, unindexPost } from "../search/search.service.ts";
import type { BoardSummary } from "./boards.service.ts";
import { COMMENTS_PER_DAY, dailyCapMessage, kstDayWindow, POSTS_PER_DAY } from "./limits.rules.ts";
import { transaction } from "../../db/transaction.ts";


export interface PostInput {
  title: string;
  body: string;
}

export async function createPost(ctx: Ctx, board: BoardSummary, authorId: number, input: PostInput) {
  const now = ctx.clock();
  const day = kstDayWindow(now);
  return transaction(ctx, async (tx) => {
    await lockRow(tx, "User", authorId); // the cap's count and the insert, one writer at a time
    const today = await tx.post.count({ where: { authorId, createdAt: { gte: day.since } } });
    if (today >= POSTS_PER_DAY) {
      throw new RateLimitedError(dailyCapMessage("글", POSTS_PER_DAY, day.reopensAt), day.retryAfterSeconds);
    }
    const { lastPostNumber } = await tx.board.update({
      where: { id: board.id },
      data: { lastPostNumber: { increment: 1 } },
      select: { lastPostNumber: true },
    });
    const post = await tx.post.create({
      data: { boardId: board.id, number: lastPostNumber, authorId, ...input, createdAt: now },
      select: { id: true, number: true },
    });
    await indexPost(tx, { id: post.id, boardId: board.id, ...input });
    return post;
  });
}

/** The post, if `userId` may change it: its author, and neither deleted nor blinded. */
async function ownPost(tx: Tx, board: BoardSummary, number: number, userId: number) {
  const post = await tx.post.findUnique({
    where: { boardId_number: { boardId: board.id, number } },
    select: { id: true, authorId: true, deletedAt: true, blindedAt: true },
  });
  if (!post || post.deletedAt) throw new NotFoundError("존재하지 않는 게시글입니다.");
  if (post.authorId !== userId) throw new ForbiddenError("내가 쓴 글만 고치거나 지울 수 있습니다.");
  if (post.blindedAt) throw new ForbiddenError("블라인드 처리된 글은 고치거나 지울 수 없습니다.");
  return post;
}

export async function getEditablePost(ctx: Ctx, board: BoardSummary, number: number, userId: number) {
  const { id } = await ownPost(ctx.db, board, number, userId);
  return ctx.db.post.findUniqueOrThrow({ where: { id }, select: { number: true, title: true, body: true } });
}

export async function updatePost(ctx: Ctx, board: BoardSummary, number: number, userId: number, input: PostInput) {
  await transaction(ctx, async (tx) => {
    const post = await ownPost(tx, board, number, userId);
    await tx.post.update({ where: { id: post.id }, data: { ...input, editedAt: ctx.clock() } });
    await indexPost(tx, { id: post.id, boardId: board.id, ...input });
  });
}

export async function deletePost(ctx: Ctx, board: BoardSummary, number: number, userId: number) {
  await transaction(ctx, async (tx) => {
    const post = await ownPost(tx, board, number, userId);
    await tx.post.update({ where: { id: post.id }, data: { deletedAt: ctx.clock() } });
    await unindexPost(tx, post.id);
  });
}

export async function createComment(ctx: Ctx, board: BoardSummary, number: number, authorId: number, body: string) {
  const now = ctx.clock();
  const day = kstDayWindow(now);
  return transaction(ctx, async (tx) => {
    const post = await tx.post.findUnique({
      where: { boardId_number: { boardId: board.id, number } },
      select: { id: true, deletedAt: true },
    });
    if (!post) throw new NotFoundError("존재하지 않는 게시글입니다.");
    if (post.deletedAt) throw new ForbiddenError("삭제된 글에는 댓글을 쓸 수 없습니다.");
    await lockRow(tx, "User", authorId); // the cap's count and the insert, one writer at a time
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
      throw new NotFoundError("존재하지 않는 댓글입니다.");
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
