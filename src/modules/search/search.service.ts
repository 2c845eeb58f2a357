// Keeping the search index in step with posts, and asking it. Writers call indexPost /
// unindexPost inside the transaction that changes the post.
import type { Ctx } from "../../context.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { indexTokens } from "./search.rules.ts";

type Runner = Pick<Ctx["db"], "$executeRaw">;

export async function indexPost(db: Runner, post: { id: number; boardId: number; title: string; body: string }) {
  await db.$executeRaw(Prisma.sql`DELETE FROM "PostSearch" WHERE rowid = ${post.id}`);
  await db.$executeRaw(
    Prisma.sql`INSERT INTO "PostSearch" (rowid, title, body)
      VALUES (${post.id}, ${indexTokens(post.title, post.boardId)}, ${indexTokens(post.body, post.boardId)})`,
  );
}

export async function unindexPost(db: Runner, postId: number) {
  await db.$executeRaw(Prisma.sql`DELETE FROM "PostSearch" WHERE rowid = ${postId}`);
}

/** Rebuilds the whole index from the posts (`npm run search:reindex`). */
export async function reindexAll(ctx: Ctx, batch = 2000): Promise<number> {
  await ctx.db.$executeRaw(Prisma.sql`DELETE FROM "PostSearch"`);
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
      await optimizeIndex(ctx);
      return count;
    }
    await ctx.db.$transaction(async (tx) => {
      for (const p of posts) await indexPost(tx, p);
    });
    count += posts.length;
    last = posts.at(-1)!.id;
  }
}

/** Merges the index into one segment: faster queries after a bulk load or a reindex. */
export async function optimizeIndex(ctx: Ctx): Promise<void> {
  await ctx.db.$executeRaw(Prisma.sql`INSERT INTO "PostSearch" ("PostSearch") VALUES ('optimize')`);
}
