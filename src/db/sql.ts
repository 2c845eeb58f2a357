// Raw SQL on the hot paths, by the shortest way each database has (docs/decisions/0014):
// reads of the pages a reader opens, and the write transactions of votes, comments, posts and
// 글 내리기. On SQLite both go straight to the connection behind the lock every Prisma statement
// takes (src/db/sqlite-adapter.ts): a write transaction is BEGIN IMMEDIATE, a few cached
// statements run back to back, COMMIT — the write lock is held for microseconds and never
// across I/O. On PostgreSQL they run on the pool Prisma also uses, in transactions retried on
// deadlock (src/db/pg-sql.ts).
import type { Prisma } from "../generated/prisma/client.ts";
import type { Tx } from "./types.ts";

/** Statements inside a write transaction. `all` returns rows (SELECT, or RETURNING), `run` the rows changed. */
export interface SqlTx {
  all<T>(query: Prisma.Sql): Promise<T>;
  run(query: Prisma.Sql): Promise<number>;
}

export interface Sql {
  /** A read outside any transaction. */
  read<T>(query: Prisma.Sql): Promise<T>;
  /** A write transaction: all of `body`'s statements, or none. */
  transaction<T>(body: (t: SqlTx) => Promise<T>): Promise<T>;
}

/** What a function that only reads needs: a transaction's `all`, or `readerOf(ctx.sql)`. */
export type SqlReader = Pick<SqlTx, "all">;

/** Reads outside a transaction, for a function written against a transaction's `all`. */
export function readerOf(sql: Sql): SqlReader {
  return { all: (query) => sql.read(query) };
}

/** A Prisma transaction client as a SqlTx (seeding, demo data and tests write through Prisma). */
export function sqlTx(tx: Pick<Tx, "$queryRaw" | "$executeRaw">): SqlTx {
  return {
    all: <T>(query: Prisma.Sql) => tx.$queryRaw<T>(query),
    run: (query: Prisma.Sql) => tx.$executeRaw(query),
  };
}

