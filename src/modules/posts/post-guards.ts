// The checks that actions on a post share, in one place that depends on no module that uses
// them (votes, 글 내리기, comments, editing).
import type { Ctx, Tx } from "../../context.ts";
import { ForbiddenError, NoSuchPost } from "../../domain/errors.ts";
import type { BoardSummary } from "../boards/boards.service.ts";

export interface Refusals {
  deleted: string;
  blinded: string;
  own: string;
}

/**
 * Someone else's visible post that an actor reacts to (a vote, a 글 내리기): it exists, is
 * neither deleted nor blinded, and is not the actor's own; each action words the refusals.
 * The post's row stays locked to the end of the transaction, so two actions on one post
 * cannot interleave their reads and writes.
 */
export async function lockPostForReaction(tx: Tx, ctx: Pick<Ctx, "dialect">, board: BoardSummary, number: number, actorId: number, refusals: Refusals) {
  const found = await tx.post.findUnique({ where: { boardId_number: { boardId: board.id, number } }, select: { id: true } });
  if (!found) throw new NoSuchPost();
  await ctx.dialect.lockRow(tx, "Post", found.id);
  // Read after the lock: another transaction may have blinded or deleted it meanwhile.
  const post = await tx.post.findUniqueOrThrow({
    where: { id: found.id },
    select: { id: true, authorId: true, deletedAt: true, blindedAt: true, upCount: true, downCount: true, opinionCount: true, boardId: true },
  });
  if (post.deletedAt) throw new ForbiddenError(refusals.deleted);
  if (post.blindedAt) throw new ForbiddenError(refusals.blinded);
  if (post.authorId === actorId) throw new ForbiddenError(refusals.own);
  return post;
}

/** The post, if `userId` may change it: its author, and neither deleted nor blinded. */
export async function findOwnPost(tx: Tx, board: BoardSummary, number: number, userId: number) {
  const post = await tx.post.findUnique({
    where: { boardId_number: { boardId: board.id, number } },
    select: { id: true, authorId: true, deletedAt: true, blindedAt: true },
  });
  if (!post || post.deletedAt) throw new NoSuchPost();
  if (post.authorId !== userId) throw new ForbiddenError("내가 쓴 글만 고치거나 지울 수 있습니다.");
  if (post.blindedAt) throw new ForbiddenError("블라인드 처리된 글은 고치거나 지울 수 없습니다.");
  return post;
}

/** A post that may take a comment: it exists and is not deleted. */
export async function findCommentablePost(tx: Tx, board: BoardSummary, number: number) {
  const post = await tx.post.findUnique({
    where: { boardId_number: { boardId: board.id, number } },
    select: { id: true, authorId: true, deletedAt: true },
  });
  if (!post) throw new NoSuchPost();
  if (post.deletedAt) throw new ForbiddenError("삭제된 글에는 댓글을 쓸 수 없습니다.");
  return post;
}
