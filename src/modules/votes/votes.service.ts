// 추천/반대: the vote row and the post's counters change in one transaction, so the counters
// always equal the rows; the unique key (postId, userId) keeps one vote per user.
import type { Ctx } from "../../context.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { lockActiveMember } from "../accounts/standing.service.ts";
import { assertBoardOpen, type BoardSummary } from "../boards/boards.service.ts";
import { announcePostChange, applyBlindRule } from "../jury/blinding.service.ts";
import { countingOpinions } from "../jury/opinions.service.ts";
import { ensureCurrentPanel } from "../jury/panel.service.ts";
import { lockPostForReaction } from "../posts/post-guards.service.ts";
import { voteTransition, type VoteValue } from "./votes.rules.ts";
import { addVotes } from "../posts/posts.queries.ts";


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
  assertBoardOpen(board);
  const now = ctx.clock();
  const panel = await ensureCurrentPanel(ctx, board.id); // whose opinions count (cached per instance)
  const result = await ctx.sql.transaction(async (t) => {
    await lockActiveMember(t, ctx, userId); // a suspended account cannot react (the User before the Post)
    const post = await lockPostForReaction(t, ctx, board, number, userId, "vote");
    const [existing] = await t.all<{ value: VoteValue }[]>(
      Prisma.sql`SELECT "value" FROM "Vote" WHERE "postId" = ${post.id} AND "userId" = ${userId}`,
    );
    const change = voteTransition(existing?.value ?? null, pressed);
    const mine = Prisma.sql`"postId" = ${post.id} AND "userId" = ${userId}`;
    if (change.next === null) {
      await t.run(Prisma.sql`DELETE FROM "Vote" WHERE ${mine}`);
    } else if (existing) {
      await t.run(Prisma.sql`UPDATE "Vote" SET "value" = ${change.next}, "updatedAt" = ${now} WHERE ${mine}`);
    } else {
      await t.run(Prisma.sql`INSERT INTO "Vote" ("postId", "userId", "value", "createdAt", "updatedAt")
        VALUES (${post.id}, ${userId}, ${change.next}, ${now}, ${now})`);
    }
    const { upCount, downCount } = await addVotes(t, post.id, change.up, change.down);
    // A 반대 that arrives after the fourth opinion can make the blind rule true.
    const blinded = await applyBlindRule(t, ctx, { ...post, upCount, downCount, opinionCount: countingOpinions(post, panel) }, now);
    return { upCount, downCount, myVote: change.next, blinded };
  });
  announcePostChange(ctx, board, number, result.blinded);
  return result;
}

/** The signed-in reader's vote on a post page (raw SQL: on every signed-in page view). */
export async function myVote(ctx: Ctx, postId: number, userId: number): Promise<VoteValue | null> {
  const [vote] = await ctx.sql.read<{ value: VoteValue }[]>(
    Prisma.sql`SELECT "value" FROM "Vote" WHERE "postId" = ${postId} AND "userId" = ${userId}`,
  );
  return vote?.value ?? null;
}
