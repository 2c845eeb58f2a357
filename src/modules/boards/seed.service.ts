// Required rows: the five boards and the seed article as post 1 of 삼성전자 (005930).
// Idempotent: a second run finds everything in place and writes nothing.
import { nicknameSkeleton } from "../../lib/confusables.ts";
import type { Ctx } from "../../context.ts";
import { sqlTx } from "../../db/sql.ts";
import firstPost from "../../../prisma/seed-data/first-post.json" with { type: "json" };
import { indexPost } from "../search/search.service.ts";

const SEED_LOCK_KEY = 727_002; // any constant shared by every instance

export const SEED_BOARDS = [
  { stockCode: "005930", stockName: "삼성전자", market: "KOSPI" },
  { stockCode: "000660", stockName: "SK하이닉스", market: "KOSPI" },
  { stockCode: "035420", stockName: "NAVER", market: "KOSPI" },
  { stockCode: "035720", stockName: "카카오", market: "KOSPI" },
  { stockCode: "373220", stockName: "LG에너지솔루션", market: "KOSPI" },
] as const;

// The seed author's account exists so the post has an author, but it has no password and so
// cannot sign in. Its login id is ours to choose (the seed page shows only the nickname).
export const SEED_AUTHOR_LOGIN_ID = "seja0122";

/** Loads the boards and the first post where missing; returns the first post's path when it loaded it now. */
export async function seedDatabase(ctx: Pick<Ctx, "db" | "dialect">): Promise<{ path: string; stockName: string } | null> {
  return ctx.db.$transaction(async (tx) => {
    // Instances starting together on an empty database seed one after the other.
    await ctx.dialect.lockJob(sqlTx(tx), SEED_LOCK_KEY);
    for (const [position, board] of SEED_BOARDS.entries()) {
      const existing = await tx.board.findUnique({ where: { stockCode: board.stockCode } });
      if (!existing) await tx.board.create({ data: { ...board, position } });
    }

    const board = await tx.board.findUniqueOrThrow({
      where: { stockCode: firstPost.board.stockCode },
    });
    const hasFirst = await tx.post.findUnique({
      where: { boardId_number: { boardId: board.id, number: 1 } },
      select: { id: true },
    });
    if (hasFirst) return null;

    const author =
      (await tx.user.findUnique({ where: { nickname: firstPost.authorNickname } })) ??
      (await tx.user.create({
        data: {
          loginId: SEED_AUTHOR_LOGIN_ID,
          nickname: firstPost.authorNickname,
          nicknameKey: nicknameSkeleton(firstPost.authorNickname),
          passwordHash: null,
          createdAt: new Date(firstPost.createdAt),
        },
      }));
    const post = await tx.post.create({
      data: {
        boardId: board.id,
        number: 1,
        authorId: author.id,
        title: firstPost.title,
        body: firstPost.body,
        viewCount: firstPost.views,
        upCount: firstPost.upvotes,
        downCount: firstPost.downvotes,
        createdAt: new Date(firstPost.createdAt),
      },
    });
    await indexPost(sqlTx(tx), ctx, post);
    await tx.board.update({
      where: { id: board.id },
      data: { lastPostNumber: Math.max(board.lastPostNumber, 1) },
    });
    return { path: `/boards/${board.stockCode}/posts/1`, stockName: board.stockName };
  });
}
