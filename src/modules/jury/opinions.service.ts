// 글 내리기 opinions: one per juror per post and panel, withdrawable while they count; each
// change runs the blind rule in the same transaction. An opinion belongs to the panel of the
// month it was given: only this month's panel's opinions count toward the quorum, so a post
// is never blinded by a mix of two panels (Post.opinionPanelId says whose opinions
// Post.opinionCount counts; older opinions stay in the table for the jurors' record).
import type { Ctx } from "../../context.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { lockActiveMember } from "../accounts/standing.service.ts";
import type { BoardSummary } from "../boards/boards.service.ts";
import { lockPostForReaction } from "../posts/post-guards.service.ts";
import { announcePostChange, applyBlindRule } from "./blinding.service.ts";
import type { Panel } from "./panel.service.ts";
import { ForbiddenError } from "../../domain/errors.ts";
import { restoredByPanel } from "./appeals.service.ts";
import { setOpinions } from "../posts/posts.queries.ts";

export interface OpinionResult {
  opinionCount: number;
  mine: boolean;
  blinded: boolean;
}

export const RESTORED_BY_THIS_PANEL = "이의 신청으로 복원된 글입니다. 복원을 결정한 이번 달 운영배심원은 이 글에 다시 글 내리기 의견을 낼 수 없습니다.";
const NOT_COUNTING = "거둘 글 내리기 의견이 없습니다. 이 글에는 이번 달 운영배심원의 의견이 집계되어 있지 않습니다.";


/** The caller has checked that `jurorId` sits on `panel` (the juror guard). */
export async function castOpinion(ctx: Ctx, board: BoardSummary, number: number, jurorId: number, panel: Panel): Promise<OpinionResult> {
  const now = ctx.clock();
  const result = await ctx.sql.transaction(async (t) => {
    await lockActiveMember(t, ctx, jurorId); // a suspended account cannot react (the User before the Post)
    const post = await lockPostForReaction(t, ctx, board, number, jurorId, "opinion");
    if (await restoredByPanel(t, post.id, panel)) throw new ForbiddenError(RESTORED_BY_THIS_PANEL);
    const [existing] = await t.all<unknown[]>(
      Prisma.sql`SELECT 1 FROM "JuryOpinion" WHERE "postId" = ${post.id} AND "jurorId" = ${jurorId} AND "panelId" = ${panel.id}`,
    );
    let opinionCount = countingOpinions(post, panel);
    if (!existing) {
      await t.run(Prisma.sql`INSERT INTO "JuryOpinion" ("postId", "jurorId", "panelId", "createdAt") VALUES (${post.id}, ${jurorId}, ${panel.id}, ${now})`);
      // The first opinion of this month's panel starts the count afresh.
      opinionCount = await setOpinions(t, post.id, opinionCount + 1, panel.id);
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
    await lockActiveMember(t, ctx, jurorId);
    const post = await lockPostForReaction(t, ctx, board, number, jurorId, "opinion");
    // Only an opinion that counts can be withdrawn: after a restoring appeal the panel's old
    // opinions stay as the record of the blinding, and count for nothing.
    if (post.opinionPanelId !== panel.id) throw new ForbiddenError(NOT_COUNTING);
    const removed = await t.run(
      Prisma.sql`DELETE FROM "JuryOpinion" WHERE "postId" = ${post.id} AND "jurorId" = ${jurorId} AND "panelId" = ${panel.id}`,
    );
    const opinionCount = countingOpinions(post, panel) - removed;
    if (removed > 0) await setOpinions(t, post.id, opinionCount, panel.id);
    return { opinionCount, mine: false, blinded: false };
  });
  announcePostChange(ctx, board, number, false);
  return result;
}

/**
 * What the juror's 글 내리기 button does on the post: withdraw an opinion that counts, give one,
 * or nothing (the panel restored the post on appeal). The button always matches what counts.
 */
export async function opinionState(
  ctx: Ctx,
  post: { id: number; opinionPanelId: number | null },
  jurorId: number,
  panel: Pick<Panel, "id" | "month">,
): Promise<"cast" | "open" | "restored"> {
  const read = { all: <R>(q: Prisma.Sql) => ctx.sql.read<R>(q) };
  if (post.opinionPanelId !== panel.id) return (await restoredByPanel(read, post.id, panel)) ? "restored" : "open";
  const rows = await ctx.sql.read<unknown[]>(
    Prisma.sql`SELECT 1 FROM "JuryOpinion" WHERE "postId" = ${post.id} AND "jurorId" = ${jurorId} AND "panelId" = ${panel.id}`,
  );
  return rows.length > 0 ? "cast" : "open";
}
