// The blind rule applied inside the transaction of the opinion or vote that may make it true.
import type { Ctx, Tx } from "../../context.ts";
import { unindexPost } from "../search/search.service.ts";
import { shouldBlind } from "./jury.rules.ts";


/**
 * Blinds the post if the rule now holds, writing its public log row in the same
 * transaction. Returns whether the post is blinded after the call.
 */
export async function applyBlindRule(tx: Tx, ctx: Pick<Ctx, "dialect">, postId: number, now: Date): Promise<boolean> {
  const post = await tx.post.findUniqueOrThrow({
    where: { id: postId },
    select: { id: true, boardId: true, opinionCount: true, upCount: true, downCount: true, blindedAt: true },
  });
  if (post.blindedAt) return true;
  if (!shouldBlind({ ...post, blinded: false })) return false;
  // Conditional on still being visible, so a second path to the same moment blinds once.
  const { count } = await tx.post.updateMany({ where: { id: post.id, blindedAt: null }, data: { blindedAt: now } });
  if (count === 1) {
    await unindexPost(tx, ctx, post.id); // a blinded post's text is no longer public
    await tx.blindLog.create({
      data: {
        boardId: post.boardId,
        postId: post.id,
        opinionCount: post.opinionCount,
        upCount: post.upCount,
        downCount: post.downCount,
        createdAt: now,
      },
    });
  }
  return true;
}
