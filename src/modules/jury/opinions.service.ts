// 글 내리기 opinions: one per juror per post, withdrawable until the post is blinded; each
// change runs the blind rule in the same transaction.
import type { Ctx } from "../../context.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { BoardSummary } from "../boards/boards.service.ts";
import { lockPostForReaction } from "../posts/post-guards.ts";
import { applyBlindRule } from "./blinding.service.ts";
import type { Panel } from "./panel.service.ts";
import { transaction } from "../../db/transaction.ts";

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
  return transaction(ctx, async (tx) => {
    const post = await lockPostForReaction(tx, ctx, board, number, jurorId, REFUSALS);
    const existing = await tx.juryOpinion.findUnique({
      where: { postId_jurorId: { postId: post.id, jurorId } },
      select: { id: true },
    });
    if (!existing) {
      await tx.juryOpinion.create({ data: { postId: post.id, jurorId, panelId: panel.id, createdAt: now } });
      await tx.post.update({ where: { id: post.id }, data: { opinionCount: { increment: 1 } } });
    }
    const blinded = await applyBlindRule(tx, ctx, post.id, now);
    const { opinionCount } = await tx.post.findUniqueOrThrow({ where: { id: post.id }, select: { opinionCount: true } });
    return { opinionCount, mine: true, blinded };
  });
}

export async function withdrawOpinion(ctx: Ctx, board: BoardSummary, number: number, jurorId: number): Promise<OpinionResult> {
  return transaction(ctx, async (tx) => {
    const post = await lockPostForReaction(tx, ctx, board, number, jurorId, REFUSALS);
    const { count } = await tx.juryOpinion.deleteMany({ where: { postId: post.id, jurorId } });
    const { opinionCount } = await tx.post.update({
      where: { id: post.id },
      data: { opinionCount: { decrement: count } },
      select: { opinionCount: true },
    });
    return { opinionCount, mine: false, blinded: false };
  });
}

export async function hasOpinion(ctx: Ctx, postId: number, jurorId: number): Promise<boolean> {
  const rows = await ctx.read<unknown[]>(
    Prisma.sql`SELECT 1 FROM "JuryOpinion" WHERE "postId" = ${postId} AND "jurorId" = ${jurorId}`,
  );
  return rows.length > 0;
}
