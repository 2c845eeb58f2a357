// 추천/반대: the vote row and the post's counters change in one transaction, so the counters
// always equal the rows; the unique key (postId, userId) keeps one vote per user.
import type { Ctx } from "../../context.ts";
import { transaction } from "../../db/transaction.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { BoardSummary } from "../boards/boards.service.ts";
import { applyBlindRule } from "../jury/blinding.service.ts";
import { lockPostForReaction } from "../posts/post-guards.ts";
import { voteTransition, type VoteValue } from "./votes.rules.ts";

const REFUSALS = {
  deleted: "삭제된 글에는 추천/반대할 수 없습니다.",
  blinded: "블라인드 처리된 글에는 추천/반대할 수 없습니다.",
  own: "내가 쓴 글에는 추천/반대할 수 없습니다.",
};

export interface VoteResult {
  upCount: number;
  downCount: number;
  myVote: VoteValue | null;
  blinded: boolean; // this vote tipped the balance after the jury's fourth opinion
}

export async function castVote(
  ctx: Ctx,
  board: BoardSummary,
  number: number,
  userId: number,
  pressed: VoteValue,
): Promise<VoteResult> {
  return transaction(ctx, async (tx) => {
    const post = await lockPostForReaction(tx, ctx, board, number, userId, REFUSALS);

    const where = { postId_userId: { postId: post.id, userId } };
    const existing = await tx.vote.findUnique({ where, select: { value: true } });
    const change = voteTransition((existing?.value as VoteValue | undefined) ?? null, pressed);
    if (change.next === null) {
      await tx.vote.delete({ where });
    } else if (existing) {
      await tx.vote.update({ where, data: { value: change.next, updatedAt: ctx.clock() } });
    } else {
      await tx.vote.create({ data: { postId: post.id, userId, value: change.next, createdAt: ctx.clock() } });
    }
    const counts = await tx.post.update({
      where: { id: post.id },
      data: { upCount: { increment: change.up }, downCount: { increment: change.down } },
      select: { upCount: true, downCount: true },
    });
    // A 반대 that arrives after the fourth opinion can make the blind rule true.
    const blinded = await applyBlindRule(tx, ctx, post.id, ctx.clock());
    return { ...counts, myVote: change.next, blinded };
  });
}

/** The signed-in reader's vote on a post page (raw SQL: on every signed-in page view). */
export async function myVote(ctx: Ctx, postId: number, userId: number): Promise<VoteValue | null> {
  const [vote] = await ctx.read<{ value: VoteValue }[]>(
    Prisma.sql`SELECT "value" FROM "Vote" WHERE "postId" = ${postId} AND "userId" = ${userId}`,
  );
  return vote?.value ?? null;
}
