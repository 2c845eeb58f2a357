// 글 내리기 opinions: one per juror per post, withdrawable until the post is blinded; each
// change runs the blind rule in the same transaction.
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
    const [existing] = await t.all<unknown[]>(Prisma.sql`SELECT 1 FROM "JuryOpinion" WHERE "postId" = ${post.id} AND "jurorId" = ${jurorId}`);
    let opinionCount = post.opinionCount;
    if (!existing) {
      await t.run(Prisma.sql`INSERT INTO "JuryOpinion" ("postId", "jurorId", "panelId", "createdAt") VALUES (${post.id}, ${jurorId}, ${panel.id}, ${now})`);
      const [counted] = await t.all<{ opinionCount: SqlInt }[]>(
        Prisma.sql`UPDATE "Post" SET "opinionCount" = "opinionCount" + 1 WHERE "id" = ${post.id} RETURNING "opinionCount"`,
      );
      opinionCount = num(counted!.opinionCount);
    }
    const blinded = await applyBlindRule(t, ctx, { ...post, opinionCount }, now);
    return { opinionCount, mine: true, blinded };
  });
  announcePostChange(ctx, board, number, result.blinded);
  return result;
}

export async function withdrawOpinion(ctx: Ctx, board: BoardSummary, number: number, jurorId: number): Promise<OpinionResult> {
  const result = await ctx.sql.transaction(async (t) => {
    const post = await lockPostForReaction(t, ctx, board, number, jurorId, REFUSALS);
    const removed = await t.run(Prisma.sql`DELETE FROM "JuryOpinion" WHERE "postId" = ${post.id} AND "jurorId" = ${jurorId}`);
    const [counted] = await t.all<{ opinionCount: SqlInt }[]>(
      Prisma.sql`UPDATE "Post" SET "opinionCount" = "opinionCount" - ${removed} WHERE "id" = ${post.id} RETURNING "opinionCount"`,
    );
    return { opinionCount: num(counted!.opinionCount), mine: false, blinded: false };
  });
  announcePostChange(ctx, board, number, false);
  return result;
}

export async function hasOpinion(ctx: Ctx, postId: number, jurorId: number): Promise<boolean> {
  const rows = await ctx.sql.read<unknown[]>(
    Prisma.sql`SELECT 1 FROM "JuryOpinion" WHERE "postId" = ${postId} AND "jurorId" = ${jurorId}`,
  );
  return rows.length > 0;
}
