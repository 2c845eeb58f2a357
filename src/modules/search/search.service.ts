// Keeping the search index in step with posts. Writers call indexPost / unindexPost inside
// the transaction that changes the post; the index's SQL comes from the dialect.
import type { Ctx, Tx } from "../../context.ts";
import { transaction } from "../../db/transaction.ts";
import { indexTokens } from "./search.rules.ts";

type Writer = Pick<Tx, "$executeRaw">;

export async function indexPost(tx: Writer, ctx: Pick<Ctx, "dialect">, post: { id: number; boardId: number; title: string; body: string }) {
  await ctx.dialect.fullText.index(tx, post, indexTokens(post.title, post.boardId), indexTokens(post.body, post.boardId));
}

export async function unindexPost(tx: Writer, ctx: Pick<Ctx, "dialect">, postId: number) {
  await ctx.dialect.fullText.unindex(tx, postId);
}

/** Rebuilds the whole index from the visible posts (`npm run search:reindex`). */
export async function reindexAll(ctx: Ctx, batch = 2000): Promise<number> {
  await ctx.db.$executeRaw`DELETE FROM "PostSearch"`;
  let last = 0;
  let count = 0;
  for (;;) {
    const posts = await ctx.db.post.findMany({
      where: { id: { gt: last }, deletedAt: null, blindedAt: null },
      orderBy: { id: "asc" },
      take: batch,
      select: { id: true, boardId: true, title: true, body: true },
    });
    if (posts.length === 0) {
      await ctx.dialect.fullText.optimize(ctx.db);
      return count;
    }
    await transaction(ctx, async (tx) => {
      for (const p of posts) await indexPost(tx, ctx, p);
    });
    count += posts.length;
    last = posts.at(-1)!.id;
  }
}
