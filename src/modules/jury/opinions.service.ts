// 글 내리기 opinions: one per juror per post and panel, withdrawable while they count; each
// change runs the blind rule in the same transaction. An opinion belongs to the panel of the
// month it was given: only this month's panel's opinions count toward the quorum, so a post
// is never blinded by a mix of two panels (Post.opinionPanelId says whose opinions
// Post.opinionCount counts; older opinions stay in the table for the jurors' record).
import type { Ctx } from "../../context.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { lockActiveMember } from "../accounts/standing.service.ts";
import type { BoardSummary } from "../boards/boards.service.ts";
import { lockPostForReaction } from "../posts/post-guards.ts";
import { announcePostChange, applyBlindRule } from "./blinding.service.ts";
import type { Panel } from "./panel.service.ts";
import { num, type SqlInt } from "../../db/raw.ts";

export interface OpinionResult {
  opinionCount: number;
  mine: boolean;
  blinded: boolean;
}

const REFUSALS = {
  deleted: "삭제된 글에는 의견을 낼 수 없습니다.",
  blinded: "이미 블라인드 처리된 글입니다.",
  own: "내가 쓴 글에는 글 내리기 의견을 낼 수 없습니다.",
};

/** The caller has checked that `jurorId` sits on `panel` (the juror guard). */
export async function castOpinion(ctx: Ctx, board: BoardSummary, number: number, jurorId: number, panel: Panel): Promise<OpinionResult> {
  const now = ctx.clock();
  const result = await ctx.sql.transaction(async (t) => {
    await lockActiveMember(t, ctx, jurorId); // a suspended account cannot react (the User before the Post)
    const post = await lockPostForReaction(t, ctx, board, number, jurorId, REFUSALS);
    const [existing] = await t.all<unknown[]>(
      Prisma.sql`SELECT 1 FROM "JuryOpinion" WHERE "postId" = ${post.id} AND "jurorId" = ${jurorId} AND "panelId" = ${panel.id}`,
    );
    let opinionCount = countingOpinions(post, panel);
    if (!existing) {
      await t.run(Prisma.sql`INSERT INTO "JuryOpinion" ("postId", "jurorId", "panelId", "createdAt") VALUES (${post.id}, ${jurorId}, ${panel.id}, ${now})`);
      // The first opinion of this month's panel starts the count afresh.
      const [counted] = await t.all<{ opinionCount: SqlInt }[]>(Prisma.sql`
        UPDATE "Post" SET "opinionCount" = ${opinionCount + 1}, "opinionPanelId" = ${panel.id} WHERE "id" = ${post.id} RETURNING "opinionCount"`);
      opinionCount = num(counted!.opinionCount);
    }
    const blinded = await applyBlindRule(t, ctx, { ...post, opinionCount }, now);
    return { opinionCount, mine: true, blinded };
  });
  announcePostChange(ctx, board, number, result.blinded);
  return result;
}

/** The opinions that count toward the quorum now: this month's panel's, or none. */
export function countingOpinions(post: { opinionCount: number; opinionPanelId: number | null }, panel: Pick<Panel, "id">): number {
  return post.opinionPanelId === panel.id ? post.opinionCount : 0;
}

/** Withdraws the juror's opinion of this month's panel (an older one no longer counts). */
export async function withdrawOpinion(ctx: Ctx, board: BoardSummary, number: number, jurorId: number, panel: Panel): Promise<OpinionResult> {
  const result = await ctx.sql.transaction(async (t) => {
    const post = await lockPostForReaction(t, ctx, board, number, jurorId, REFUSALS);
    const removed = await t.run(
      Prisma.sql`DELETE FROM "JuryOpinion" WHERE "postId" = ${post.id} AND "jurorId" = ${jurorId} AND "panelId" = ${panel.id}`,
    );
    const opinionCount = countingOpinions(post, panel) - removed;
    if (removed > 0) await t.run(Prisma.sql`UPDATE "Post" SET "opinionCount" = ${opinionCount} WHERE "id" = ${post.id}`);
    return { opinionCount, mine: false, blinded: false };
  });
  announcePostChange(ctx, board, number, false);
  return result;
}

/** Whether the juror gave an opinion on the post as a member of `panel` (this month's). */
export async function hasOpinion(ctx: Ctx, postId: number, jurorId: number, panel: Pick<Panel, "id">): Promise<boolean> {
  const rows = await ctx.sql.read<unknown[]>(
    Prisma.sql`SELECT 1 FROM "JuryOpinion" WHERE "postId" = ${postId} AND "jurorId" = ${jurorId} AND "panelId" = ${panel.id}`,
  );
  return rows.length > 0;
}
