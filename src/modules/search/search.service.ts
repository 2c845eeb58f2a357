// Keeping the search index in step with posts. Writers call indexPost / unindexPost inside
// the transaction that changes the post; the index's SQL comes from the dialect.
import type { Ctx, SqlTx } from "../../context.ts";
import { indexTokens } from "./search.rules.ts";

type Runner = Pick<SqlTx, "run">;

export async function indexPost(t: Runner, ctx: Pick<Ctx, "dialect">, post: { id: number; boardId: number; title: string; body: string }) {
  await ctx.dialect.fullText.index(t, post, indexTokens(post.title, post.boardId), indexTokens(post.body, post.boardId));
}

export async function unindexPost(t: Runner, ctx: Pick<Ctx, "dialect">, postId: number) {
  await ctx.dialect.fullText.unindex(t, postId);
}

/** Rebuilds the whole index from the visible posts (`npm run search:reindex`). */
export async function reindexAll(ctx: Ctx, batch = 2000): Promise<number> {
  await ctx.db.$executeRaw`DELETE FROM "PostSearch"`;
  let last = 0;
  let count = 0;
  for (;;) {
    const posts = await ctx.db.post.findMany({
      where: { id: { gt: last }, deletedAt: null, blindedAt: null, hiddenAt: null },
      orderBy: { id: "asc" },
      take: batch,
      select: { id: true, boardId: true, title: true, body: true },
    });
    if (posts.length === 0) {
      await ctx.sql.transaction((t) => ctx.dialect.fullText.optimize(t));
      return count;
    }
    await ctx.sql.transaction(async (t) => {
      for (const p of posts) await indexPost(t, ctx, p);
    });
    count += posts.length;
    last = posts.at(-1)!.id;
  }
}
