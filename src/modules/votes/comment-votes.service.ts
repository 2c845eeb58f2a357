// 공감/비공감 on comments, kept as 추천/반대 on posts are (docs/product.md §3): the vote row and
// the comment's counters change in one transaction, one vote per member per comment (the
// unique key), press again to withdraw, the other button to switch; the new-account wait, the
// per-author daily cap and the per-minute cap apply, counted on comment votes.
import type { Ctx } from "../../context.ts";
import { checkVoice } from "./voice.service.ts";
import { num, type SqlInt } from "../../db/raw.ts";
import { ForbiddenError, NoSuchComment } from "../../domain/errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { ClientSignals } from "../../lib/client-signals.ts";
import { lockActiveMember } from "../accounts/standing.service.ts";
import { assertBoardOpen, type BoardSummary } from "../boards/boards.service.ts";
import { addCommentVotes, readCommentForVote } from "../comments/comments.queries.ts";
import { recordSignals } from "../integrity/signals.queries.ts";
import { commentVoteRefusal, voteTransition, type VoteValue } from "./votes.rules.ts";

export interface CommentVoteResult {
  upCount: number;
  downCount: number;
  myVote: VoteValue | null;
}

export async function castCommentVote(
  ctx: Ctx,
  board: BoardSummary,
  number: number,
  commentId: number,
  userId: number,
  pressed: VoteValue,
  signals: ClientSignals,
): Promise<CommentVoteResult> {
  assertBoardOpen(board);
  const now = ctx.clock();
  const result = await ctx.sql.transaction(async (t) => {
    // The member's row first (a suspended account cannot react; their votes count one at a time).
    const { joinedAt } = await lockActiveMember(t, ctx, userId);
    const comment = await readCommentForVote(t, board.id, number, commentId);
    if (!comment) throw new NoSuchComment();
    const refusal = commentVoteRefusal(comment, userId);
    if (refusal) throw new ForbiddenError(refusal);
    const mine = Prisma.sql`"commentId" = ${commentId} AND "userId" = ${userId}`;
    const [existing] = await t.all<{ value: VoteValue }[]>(Prisma.sql`SELECT "value" FROM "CommentVote" WHERE ${mine}`);
    const change = voteTransition(existing?.value ?? null, pressed);
    if (change.next !== null) await checkVoice(t, ctx, "comment", { userId, joinedAt, authorId: comment.authorId, targetId: commentId, value: change.next, now });
    await recordSignals(t, userId, signals, now);
    if (change.next === null) {
      await t.run(Prisma.sql`DELETE FROM "CommentVote" WHERE ${mine}`);
    } else if (existing) {
      await t.run(Prisma.sql`UPDATE "CommentVote" SET "value" = ${change.next}, "updatedAt" = ${now} WHERE ${mine}`);
    } else {
      await t.run(Prisma.sql`INSERT INTO "CommentVote" ("commentId", "userId", "value", "createdAt", "updatedAt")
        VALUES (${commentId}, ${userId}, ${change.next}, ${now}, ${now})`);
    }
    // Relative to the row as it is, so parallel voters' changes all count.
    const counts = await addCommentVotes(t, commentId, change.up, change.down);
    return { ...counts, myVote: change.next };
  });
  // The comment's counts are on every page of its post (and 공감순 reorders them).
  ctx.changes.announce({ kind: "post", boardId: board.id, number });
  return result;
}

/** The reader's 공감/비공감 on the comments a page shows (one statement). */
export async function myCommentVotes(ctx: Ctx, userId: number, commentIds: number[]): Promise<Map<number, VoteValue>> {
  const rows = await ctx.sql.read<{ commentId: SqlInt; value: VoteValue }[]>(Prisma.sql`
    SELECT "commentId", "value" FROM "CommentVote" WHERE "userId" = ${userId} AND "commentId" IN (${Prisma.join(commentIds)})`);
  return new Map(rows.map((r) => [num(r.commentId), r.value]));
}
