// 차단: the rows of who blocks whom. What a block does is read where it shows: the pages fold
// a blocked member's writing for the member (blockedLocals, the views), and notify()
// (notifications) writes no 알림 whose actor the recipient blocked.
import type { Ctx, SqlTx } from "../../context.ts";
import { date, num, type SqlDate, type SqlInt } from "../../db/raw.ts";
import { ConflictError, ForbiddenError, NotFoundError } from "../../domain/errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { lockActiveMember } from "../accounts/standing.service.ts";
import { BLOCK_WORDS, blockRefusal } from "./blocks.rules.ts";

/** Blocks `targetId` for `userId` (already blocked: nothing changes). */
export async function blockMember(ctx: Ctx, userId: number, targetId: number): Promise<{ added: boolean }> {
  return ctx.sql.transaction(async (t) => {
    // The member's row locked: racing blocks count one after the other against the cap.
    await lockActiveMember(t, ctx, userId);
    const [target] = await t.all<{ id: SqlInt; role: string; already: SqlInt; n: SqlInt }[]>(Prisma.sql`
      SELECT u."id", u."role",
        (SELECT COUNT(*) FROM "Block" x WHERE x."userId" = ${userId} AND x."blockedId" = u."id") AS "already",
        (SELECT COUNT(*) FROM "Block" x WHERE x."userId" = ${userId}) AS "n"
      FROM "User" u WHERE u."id" = ${targetId}`);
    if (!target) throw new NotFoundError("없는 회원입니다.");
    if (num(target.already) > 0) return { added: false };
    const refusal = blockRefusal(userId, { id: num(target.id), operator: target.role === "operator" }, num(target.n));
    if (refusal === BLOCK_WORDS.tooMany) throw new ConflictError(refusal);
    if (refusal) throw new ForbiddenError(refusal);
    await t.run(Prisma.sql`INSERT INTO "Block" ("userId", "blockedId", "createdAt") VALUES (${userId}, ${targetId}, ${ctx.clock()})`);
    return { added: true };
  });
}

export async function unblockMember(ctx: Ctx, userId: number, targetId: number): Promise<{ removed: boolean }> {
  const removed = await ctx.sql.transaction((t) => t.run(Prisma.sql`DELETE FROM "Block" WHERE "userId" = ${userId} AND "blockedId" = ${targetId}`));
  return { removed: removed > 0 };
}

/** Whom the member blocks (at most BLOCKS_MAX ids, by the key's prefix): what every signed-in page folds. */
export async function blockedIds(ctx: Ctx, userId: number): Promise<Set<number>> {
  const rows = await ctx.sql.read<{ blockedId: SqlInt }[]>(Prisma.sql`SELECT "blockedId" FROM "Block" WHERE "userId" = ${userId}`);
  return new Set(rows.map((r) => num(r.blockedId)));
}

/** The 계정 설정 list: whom the member blocks, newest first. */
export async function listBlocks(ctx: Ctx, userId: number) {
  const rows = await ctx.sql.read<{ id: SqlInt; nickname: string; createdAt: SqlDate }[]>(Prisma.sql`
    SELECT u."id", u."nickname", b."createdAt" FROM "Block" b JOIN "User" u ON u."id" = b."blockedId"
    WHERE b."userId" = ${userId} ORDER BY b."createdAt" DESC, u."id" DESC`);
  return rows.map((r) => ({ id: num(r.id), nickname: r.nickname, createdAt: date(r.createdAt) }));
}

/** 회원탈퇴: the member's own 차단 list goes (others' blocks of them are the others' to keep). */
export async function deleteBlocksBy(t: SqlTx, userId: number): Promise<void> {
  await t.run(Prisma.sql`DELETE FROM "Block" WHERE "userId" = ${userId}`);
}
