// The checks every action on someone else's post shares (votes, 글 내리기): it exists, is
// neither deleted nor blinded, and is not the actor's own. Each action words the refusals.
// The post's row stays locked to the end of the transaction, so two actions on one post
// (a vote and a 글 내리기, two votes of one user) cannot interleave their reads and writes.
import type { Tx } from "../../context.ts";
import { lockRow } from "../../db/dialect.ts";
import { ForbiddenError, NotFoundError } from "../../http/errors.ts";
import type { BoardSummary } from "./boards.service.ts";


export interface Refusals {
  deleted: string;
  blinded: string;
  own: string;
}

export async function othersOpenPost(tx: Tx, board: BoardSummary, number: number, actorId: number, refusals: Refusals) {
  const found = await tx.post.findUnique({ where: { boardId_number: { boardId: board.id, number } }, select: { id: true } });
  if (!found) throw new NotFoundError("존재하지 않는 게시글입니다.");
  await lockRow(tx, "Post", found.id);
  // Read after the lock: another transaction may have blinded or deleted it meanwhile.
  const post = await tx.post.findUniqueOrThrow({
    where: { id: found.id },
    select: { id: true, authorId: true, deletedAt: true, blindedAt: true },
  });
  if (post.deletedAt) throw new ForbiddenError(refusals.deleted);
  if (post.blindedAt) throw new ForbiddenError(refusals.blinded);
  if (post.authorId === actorId) throw new ForbiddenError(refusals.own);
  return post;
}
