// 추천/반대: the vote row and the post's counters change in one transaction, so the counters
// always equal the rows; the unique key (postId, userId) keeps one vote per user.
import type { Ctx } from "../../context.ts";
import { checkVoice } from "./voice.service.ts";
import { date, type SqlDate } from "../../db/raw.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { ClientSignals } from "../../lib/client-signals.ts";
import { newAccountWait } from "../accounts/new-account.rules.ts";
import { lockActiveMember } from "../accounts/standing.service.ts";
import { assertBoardOpen, type BoardSummary } from "../boards/boards.service.ts";
import { announcePostChange, applyBlindRule } from "../jury/blinding.service.ts";
import { countingOpinions } from "../jury/opinions.service.ts";
import { ensureCurrentPanel } from "../jury/panel.service.ts";
import { lockPostForReaction } from "../posts/post-guards.service.ts";
import { voteTransition, type VoteValue } from "./votes.rules.ts";
import { addVotes } from "../posts/posts.queries.ts";
import { recordSignals } from "../integrity/signals.queries.ts";

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
  signals: ClientSignals,
): Promise<VoteResult> {
  assertBoardOpen(board);
  const now = ctx.clock();
  const panel = await ensureCurrentPanel(ctx, board.id); // whose opinions count (cached per instance)
  const result = await ctx.sql.transaction(async (t) => {
    // A suspended account cannot react (the User before the Post); the caps count one vote at a time.
    const { joinedAt } = await lockActiveMember(t, ctx, userId);
    const post = await lockPostForReaction(t, ctx, board, number, userId, "vote");
    const [existing] = await t.all<{ value: VoteValue }[]>(
      Prisma.sql`SELECT "value" FROM "Vote" WHERE "postId" = ${post.id} AND "userId" = ${userId}`,
    );
    const change = voteTransition(existing?.value ?? null, pressed);
    // Withdrawing is always allowed; casting or switching is a voice, and is checked.
    if (change.next !== null) await checkVoice(t, ctx, "post", { userId, joinedAt, authorId: post.authorId, targetId: post.id, value: change.next, now });
    await recordSignals(t, userId, signals, now);
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

/**
 * The signed-in reader's vote on a post page, and the new-account wait that keeps its buttons
 * off (raw SQL, one statement: on every signed-in page view).
 */
export async function myVote(ctx: Ctx, postId: number, userId: number): Promise<{ value: VoteValue | null; wait: string | null }> {
  const [row] = await ctx.sql.read<{ value: VoteValue | null; createdAt: SqlDate }[]>(Prisma.sql`
    SELECT v."value", u."createdAt" FROM "User" u LEFT JOIN "Vote" v ON v."postId" = ${postId} AND v."userId" = u."id" WHERE u."id" = ${userId}`);
  if (!row) return { value: null, wait: null };
  return { value: row.value, wait: newAccountWait("vote", date(row.createdAt), ctx.clock(), ctx.trust.minAccountAgeHours) };
}
