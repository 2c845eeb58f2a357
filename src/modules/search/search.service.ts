// Keeping the search index in step with posts, and asking it. Writers call indexPost /
// unindexPost inside the transaction that changes the post.
import type { Ctx } from "../../context.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { dialect } from "../../db/dialect.ts";
import { indexTokens } from "./search.rules.ts";
import { transaction } from "../../db/transaction.ts";

type Runner = Pick<Ctx["db"], "$executeRaw">;

// SQLite keys its FTS5 rows by rowid; PostgreSQL's table has a "postId" column.
const key = () => Prisma.raw(dialect() === "sqlite" ? "rowid" : `"postId"`);

export async function indexPost(db: Runner, post: { id: number; boardId: number; title: string; body: string }) {
  const title = indexTokens(post.title, post.boardId);
  const body = indexTokens(post.body, post.boardId);
  await unindexPost(db, post.id);
  await db.$executeRaw(
    dialect() === "sqlite"
      ? Prisma.sql`INSERT INTO "PostSearch" (rowid, title, body) VALUES (${post.id}, ${title}, ${body})`
      : Prisma.sql`INSERT INTO "PostSearch" ("postId", "boardId", "title", "body")
          VALUES (${post.id}, ${post.boardId}, to_tsvector('simple', ${title}), to_tsvector('simple', ${body}))`,
  );
}

export async function unindexPost(db: Runner, postId: number) {
  await db.$executeRaw(Prisma.sql`DELETE FROM "PostSearch" WHERE ${key()} = ${postId}`);
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
    await transaction(ctx, async (tx) => {
      for (const p of posts) await indexPost(tx, p);
    });
    count += posts.length;
    last = posts.at(-1)!.id;
  }
}

/** Merges the index into one segment: faster queries after a bulk load or a reindex. */
export async function optimizeIndex(ctx: Ctx): Promise<void> {
  if (dialect() === "sqlite") {
    await ctx.db.$executeRaw(Prisma.sql`INSERT INTO "PostSearch" ("PostSearch") VALUES ('optimize')`);
  } else {
    await ctx.db.$executeRaw(Prisma.sql`VACUUM ANALYZE "PostSearch"`);
  }
}
