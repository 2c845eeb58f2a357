// Keeping the search index in step with posts. Writers call indexPost / unindexPost inside
// the transaction that changes the post; the index's SQL comes from the dialect.
import type { Ctx, SqlTx } from "../../context.ts";
import { num, type RowOf } from "../../db/raw.ts";
import { visiblePost } from "../../db/visibility.ts";
import { Prisma } from "../../generated/prisma/client.ts";
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
  await ctx.sql.transaction((t) => ctx.dialect.fullText.clear(t));
  let last = 0;
  let count = 0;
  for (;;) {
    const rows = await ctx.sql.read<RowOf<"Post", "id" | "boardId" | "title" | "body">[]>(Prisma.sql`
      SELECT p."id", p."boardId", p."title", p."body" FROM "Post" p
      WHERE p."id" > ${last} AND ${visiblePost()} ORDER BY p."id" LIMIT ${batch}`);
    const posts = rows.map((r) => ({ id: num(r.id), boardId: num(r.boardId), title: r.title, body: r.body }));
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
