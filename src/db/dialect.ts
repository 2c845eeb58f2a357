// Every piece of SQL that differs between SQLite and PostgreSQL, as one value on Ctx
// (`ctx.dialect`), chosen once from DATABASE_URL (src/db/driver.ts). Services ask
// it instead of asking which database this is.
import type { DatabaseKind } from "../config/env.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { Db } from "./types.ts";
import type { SqlTx } from "./sql.ts";

/** Where a dialect's statements run: a write transaction (src/db/sql.ts). */
type Runner = Pick<SqlTx, "run">;

/** A full-text query in neither syntax: phrases (all must match) of tokens in sequence. */
export type FullTextQuery = { token: string; prefix: boolean }[][];
export type FullTextField = "title" | "body" | "both";

export interface Dialect {
  readonly kind: DatabaseKind;
  /** Settings the connection needs before the first request. */
  prepare(db: Db, options: { synchronous: "NORMAL" | "FULL" }): Promise<void>;
  /**
   * Appended to a SELECT of one table's rows: locks them until the transaction ends, so
   * read-then-write transactions on one row (a vote, an opinion, a daily cap) take turns. A
   * transaction that locks both locks the User before the Post (docs/decisions/0012, 0028).
   */
  readonly forUpdate: Prisma.Sql;
  /** Appended to a SELECT: a shared lock, which waits for (and is waited for by) `forUpdate`. */
  readonly forShare: Prisma.Sql;
  /** Makes concurrent runs of one job (the seed of instances starting together) take turns. */
  lockJob(t: Runner, key: number): Promise<void>;
  /**
   * How many rows one INSERT or UPDATE of a batch should carry. A statement to PostgreSQL is a
   * round trip, so many rows ride together; a SQLite statement is a local call, and one cached
   * statement run per row beats a new statement text for every batch size.
   */
  readonly batchRows: number;
  /** LIKE that ignores ASCII case, as SQLite's LIKE does. */
  readonly caseInsensitiveLike: Prisma.Sql;
  /**
   * A post's KST day of creation (`YYYY-MM-DD`), written exactly as the 인기 index
   * (Post_popular_idx, a hand-written migration) has it, so the planner can walk that index.
   */
  readonly postKstDay: Prisma.Sql;
  /**
   * After a table's alias: the index a query must walk. SQLite's planner, without statistics,
   * prefers a date range and a sort over an ordered walk that stops after a page; PostgreSQL
   * weighs the LIMIT itself and takes no hints.
   */
  indexedBy(index: string): Prisma.Sql;
  readonly fullText: {
    /** Replaces a post's entry in the search index with the given token strings. */
    index(t: Runner, post: { id: number; boardId: number }, titleTokens: string, bodyTokens: string): Promise<void>;
    unindex(t: Runner, postId: number): Promise<void>;
    /** Empties the index (a reindex starts from nothing). */
    clear(t: Runner): Promise<void>;
    /** Merges the index after bulk changes (a reindex, the benchmark's data). */
    optimize(t: Runner): Promise<void>;
    /** The condition matching a board's posts, and the column (of `"PostSearch" s`) holding the post id. */
    match(boardId: number, field: FullTextField, query: FullTextQuery): { where: Prisma.Sql; postId: Prisma.Sql };
  };
}

const FTS5_COLUMNS: Record<FullTextField, string> = { title: "{title}", body: "{body}", both: "{title body}" };
const TS_VECTORS: Record<FullTextField, string> = { title: `s."title"`, body: `s."body"`, both: `(s."title" || s."body")` };

// SQLite: every statement of the process is already serialized (docs/decisions/0002), so
// row locks are not needed; full text is an FTS5 table keyed by rowid.
const sqlite: Dialect = {
  kind: "sqlite",
  // WAL lets readers proceed during a write. With synchronous=NORMAL a killed process loses
  // no committed transaction, but a power cut or an OS crash may lose the last ones; FULL
  // syncs at every commit and loses none (SQLITE_SYNCHRONOUS, docs/decisions/0002).
  async prepare(db, { synchronous }) {
    await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await db.$executeRawUnsafe(`PRAGMA synchronous = ${synchronous === "FULL" ? "FULL" : "NORMAL"}`);
    await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  },
  forUpdate: Prisma.empty,
  forShare: Prisma.empty,
  batchRows: 1,
  lockJob: async () => {}, // a write transaction already excludes the others
  caseInsensitiveLike: Prisma.sql`LIKE`,
  postKstDay: Prisma.raw(`date(p."createdAt", '+9 hours')`),
  indexedBy: (index) => Prisma.raw(`INDEXED BY "${index}"`),
  fullText: {
    async index(t, post, title, body) {
      await t.run(Prisma.sql`DELETE FROM "PostSearch" WHERE rowid = ${post.id}`);
      await t.run(Prisma.sql`INSERT INTO "PostSearch" (rowid, title, body) VALUES (${post.id}, ${title}, ${body})`);
    },
    async unindex(t, postId) {
      await t.run(Prisma.sql`DELETE FROM "PostSearch" WHERE rowid = ${postId}`);
    },
    async clear(t) {
      await t.run(Prisma.sql`DELETE FROM "PostSearch"`);
    },
    async optimize(t) {
      await t.run(Prisma.sql`INSERT INTO "PostSearch" ("PostSearch") VALUES ('optimize')`);
    },
    match(_boardId, field, query) {
      // Tokens carry their board (search.rules.ts), so the expression alone is board-scoped.
      const expression = query.map((phrase) => `(${phrase.map((t) => `"${t.token}"${t.prefix ? "*" : ""}`).join(" + ")})`).join(" AND ");
      return { where: Prisma.sql`"PostSearch" MATCH ${`${FTS5_COLUMNS[field]} : (${expression})`}`, postId: Prisma.sql`s.rowid` };
    },
  },
};

// PostgreSQL: FOR NO KEY UPDATE, not FOR UPDATE — inserting a row that references a locked one
// (a comment of the locked user, a vote on the locked post) takes a KEY SHARE lock, which
// FOR UPDATE blocks; one user commenting and voting on one post at once deadlocked.
const postgres: Dialect = {
  kind: "postgres",
  prepare: async () => {},
  forUpdate: Prisma.sql`FOR NO KEY UPDATE`,
  forShare: Prisma.sql`FOR SHARE`,
  batchRows: 200,
  async lockJob(t, key) {
    await t.run(Prisma.sql`SELECT pg_advisory_xact_lock(${key})`);
  },
  caseInsensitiveLike: Prisma.sql`ILIKE`,
  // createdAt is a UTC timestamp without time zone: +9 hours, then its date.
  postKstDay: Prisma.raw(`(p."createdAt" + interval '9 hours')::date`),
  indexedBy: () => Prisma.empty,
  fullText: {
    async index(t, post, title, body) {
      await t.run(Prisma.sql`DELETE FROM "PostSearch" WHERE "postId" = ${post.id}`);
      await t.run(Prisma.sql`INSERT INTO "PostSearch" ("postId", "boardId", "title", "body")
        VALUES (${post.id}, ${post.boardId}, to_tsvector('simple', ${title}), to_tsvector('simple', ${body}))`);
    },
    async unindex(t, postId) {
      await t.run(Prisma.sql`DELETE FROM "PostSearch" WHERE "postId" = ${postId}`);
    },
    async clear(t) {
      await t.run(Prisma.sql`DELETE FROM "PostSearch"`);
    },
    async optimize(t) {
      await t.run(Prisma.sql`VACUUM ANALYZE "PostSearch"`);
    },
    match(boardId, field, query) {
      // to_tsquery('simple', …): `<->` joins a phrase, `:*` marks a prefix, `&` is AND. Tokens
      // are letters and digits only, so nothing needs quoting.
      const expression = query.map((phrase) => `(${phrase.map((t) => `${t.token}${t.prefix ? ":*" : ""}`).join(" <-> ")})`).join(" & ");
      return {
        where: Prisma.sql`s."boardId" = ${boardId} AND ${Prisma.raw(TS_VECTORS[field])} @@ to_tsquery('simple', ${expression})`,
        postId: Prisma.sql`s."postId"`,
      };
    },
  },
};

export function dialectFor(kind: DatabaseKind): Dialect {
  return kind === "sqlite" ? sqlite : postgres;
}
