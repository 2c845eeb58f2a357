// 글 내리기 opinions: one per juror per post, withdrawable until the post is blinded; each
// change runs the blind rule in the same transaction.
import type { Ctx } from "../../context.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { ForbiddenError, NotFoundError } from "../../http/errors.ts";
import type { BoardSummary } from "../boards/boards.service.ts";
import { applyBlindRule } from "./blinding.service.ts";
import type { Panel } from "./panel.service.ts";

export interface OpinionResult {
  opinionCount: number;
  mine: boolean;
  blinded: boolean;
}

type Tx = Parameters<Parameters<Ctx["db"]["$transaction"]>[0]>[0];

async function openPost(tx: Tx, board: BoardSummary, number: number, jurorId: number) {
  const post = await tx.post.findUnique({
    where: { boardId_number: { boardId: board.id, number } },
    select: { id: true, authorId: true, deletedAt: true, blindedAt: true },
  });
  if (!post) throw new NotFoundError("존재하지 않는 게시글입니다.");
  if (post.deletedAt) throw new ForbiddenError("삭제된 글에는 의견을 낼 수 없습니다.");
  if (post.blindedAt) throw new ForbiddenError("이미 블라인드 처리된 글입니다.");
  if (post.authorId === jurorId) throw new ForbiddenError("내가 쓴 글에는 글 내리기 의견을 낼 수 없습니다.");
  return post;
}

/** The caller has checked that `jurorId` sits on `panel` (the juror guard). */
export async function castOpinion(ctx: Ctx, board: BoardSummary, number: number, jurorId: number, panel: Panel): Promise<OpinionResult> {
  const now = ctx.clock();
  return ctx.db.$transaction(async (tx) => {
    const post = await openPost(tx, board, number, jurorId);
    const existing = await tx.juryOpinion.findUnique({
      where: { postId_jurorId: { postId: post.id, jurorId } },
      select: { id: true },
    });
    if (!existing) {
      await tx.juryOpinion.create({ data: { postId: post.id, jurorId, panelId: panel.id, createdAt: now } });
      await tx.post.update({ where: { id: post.id }, data: { opinionCount: { increment: 1 } } });
    }
    const blinded = await applyBlindRule(tx, post.id, now);
    const { opinionCount } = await tx.post.findUniqueOrThrow({ where: { id: post.id }, select: { opinionCount: true } });
    return { opinionCount, mine: true, blinded };
  });
}

export async function withdrawOpinion(ctx: Ctx, board: BoardSummary, number: number, jurorId: number): Promise<OpinionResult> {
  return ctx.db.$transaction(async (tx) => {
    const post = await openPost(tx, board, number, jurorId);
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
  const rows = await ctx.db.$queryRaw<unknown[]>(
    Prisma.sql`SELECT 1 FROM "JuryOpinion" WHERE "postId" = ${postId} AND "jurorId" = ${jurorId}`,
  );
  return rows.length > 0;
}
