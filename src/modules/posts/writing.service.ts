// Writing posts: the daily cap is checked in the same transaction as the insert (so parallel
// requests cannot slip past it), and the search index changes with the post.
import type { Ctx } from "../../context.ts";
import { transaction } from "../../db/transaction.ts";
import { RateLimitedError } from "../../domain/errors.ts";
import { dailyCapMessage, kstDayWindow } from "../../lib/daily-cap.ts";
import type { BoardSummary } from "../boards/boards.service.ts";
import { indexPost, unindexPost } from "../search/search.service.ts";
import { findOwnPost } from "./post-guards.ts";
import { POSTS_PER_DAY } from "./posts.rules.ts";

export interface PostInput {
  title: string;
  body: string;
}

export async function createPost(ctx: Ctx, board: BoardSummary, authorId: number, input: PostInput) {
  const now = ctx.clock();
  const day = kstDayWindow(now);
  return transaction(ctx, async (tx) => {
    await ctx.dialect.lockRow(tx, "User", authorId); // the cap's count and the insert, one writer at a time
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
    await indexPost(tx, ctx, { id: post.id, boardId: board.id, ...input });
    return post;
  });
}

export async function getEditablePost(ctx: Ctx, board: BoardSummary, number: number, userId: number) {
  const { id } = await findOwnPost(ctx.db, board, number, userId);
  return ctx.db.post.findUniqueOrThrow({ where: { id }, select: { number: true, title: true, body: true } });
}

export async function updatePost(ctx: Ctx, board: BoardSummary, number: number, userId: number, input: PostInput) {
  await transaction(ctx, async (tx) => {
    const post = await findOwnPost(tx, board, number, userId);
    await tx.post.update({ where: { id: post.id }, data: { ...input, editedAt: ctx.clock() } });
    await indexPost(tx, ctx, { id: post.id, boardId: board.id, ...input });
  });
}

export async function deletePost(ctx: Ctx, board: BoardSummary, number: number, userId: number) {
  await transaction(ctx, async (tx) => {
    const post = await findOwnPost(tx, board, number, userId);
    await tx.post.update({ where: { id: post.id }, data: { deletedAt: ctx.clock() } });
    await unindexPost(tx, ctx, post.id);
  });
}
