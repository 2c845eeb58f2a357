// Our SQLite driver adapter: Prisma's better-sqlite3 adapter with two things it lacks, both
// measured (docs/decisions/0002, 0014).
//
// 1. Serialized access. The adapter runs every query of the process on one connection. Its
//    transactions take a mutex, but statements outside a transaction do not: a read issued by
//    one request while another request's transaction is open would run inside that transaction
//    (and see writes that may yet roll back). Every top-level statement here waits behind the
//    same lock as transactions. Transactions stay short (no network waits inside them), so the
//    lock is held for microseconds.
// 2. A statement cache. The adapter prepares every statement anew (`prepare` was ~5 % of a
//    board page's CPU). Its connection gets a `prepare` that reuses statements by SQL text; a
//    small binding shim stands in for better-sqlite3's one-shot `bind()`, which would fix the
//    arguments of a cached statement for good.
import type { IsolationLevel, SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";
import type Database from "better-sqlite3";
import type { Prisma } from "../generated/prisma/client.ts";
import type { Sql, SqlTx } from "./sql.ts";

class Lock {
  #tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const ready = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => next);
    return ready;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

// Distinct SQL texts are few (the queries are written in code); the bound only guards against
// a runaway, e.g. raw SQL built with inline values.
const STATEMENT_CACHE_SIZE = 500;

/** What the official adapter asks of its connection, with statements reused. */
export class StatementCache {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();
  prepared = 0; // statements compiled by SQLite (misses), for tests and the profile

  constructor(db: Database.Database) {
    this.#db = db;
  }

  statement(sql: string): Database.Statement {
    let stmt = this.#statements.get(sql);
    if (stmt) {
      // Most recently used last: Map keeps insertion order, so the first key is the oldest.
      this.#statements.delete(sql);
    } else {
      stmt = this.#db.prepare(sql);
      this.prepared++;
      if (this.#statements.size >= STATEMENT_CACHE_SIZE) this.#statements.delete(this.#statements.keys().next().value!);
    }
    this.#statements.set(sql, stmt);
    return stmt;
  }

  /** The official adapter's call: `prepare(sql).bind(args)` then `run()`, or `columns()` + `raw().all()`. */
  prepare(sql: string) {
    const stmt = this.statement(sql);
    // The adapter reads integers as BigInt (its connection's default); direct reads may have
    // switched this statement to plain numbers, so each use says which it wants.
    return {
      reader: stmt.reader,
      run: () => stmt.run(),
      bind: (args: unknown[]) => ({
        reader: stmt.reader,
        run: () => stmt.run(args),
        columns: () => stmt.columns(),
        raw: () => ({ all: () => stmt.safeIntegers(true).raw(true).all(args) }),
      }),
    };
  }

  exec(sql: string) {
    return this.#db.exec(sql);
  }

  close() {
    this.#statements.clear();
    return this.#db.close();
  }
}

function serialize(inner: SqlDriverAdapter, lock: Lock): SqlDriverAdapter {
  const adapter: SqlDriverAdapter = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (query: SqlQuery) => lock.run(() => inner.queryRaw(query)),
    executeRaw: (query: SqlQuery) => lock.run(() => inner.executeRaw(query)),
    executeScript: (script: string) => lock.run(() => inner.executeScript(script)),
    async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
      const release = await lock.acquire();
      let tx: Transaction;
      try {
        tx = await inner.startTransaction(isolationLevel);
      } catch (error) {
        release();
        throw error;
      }
      let released = false;
      const releaseOnce = () => {
        if (!released) {
          released = true;
          release();
        }
      };
      return {
        provider: tx.provider,
        adapterName: tx.adapterName,
        options: tx.options,
        queryRaw: (query: SqlQuery) => tx.queryRaw(query),
        executeRaw: (query: SqlQuery) => tx.executeRaw(query),
        commit: () => tx.commit().finally(releaseOnce),
        rollback: () => tx.rollback().finally(releaseOnce),
      };
    },
    dispose: () => inner.dispose(),
  };
  if (inner.getConnectionInfo) adapter.getConnectionInfo = () => inner.getConnectionInfo!();
  return adapter;
}

/** The connection inside the official adapter (its `client` field), once connected. */
interface OfficialAdapter extends SqlDriverAdapter {
  client: Database.Database | StatementCache;
}

/** The adapter's one connection, for hot-path SQL that needs nothing of Prisma (src/db/sql.ts). */
export class SqliteConnection implements Sql {
  readonly lock = new Lock();
  /** The statement cache on the connection (null until Prisma connects, on its first query). */
  statements: StatementCache | null = null;

  constructor(private readonly connect: () => Promise<unknown>) {}

  read<T>(query: Prisma.Sql): Promise<T> {
    return this.#read(query.sql, query.values) as Promise<T>;
  }

  /**
   * BEGIN IMMEDIATE (the write lock first, so another process's writer cannot make it fail
   * half-way), the body's statements on cached statements, COMMIT; ROLLBACK if the body
   * throws. The body awaits only these statements, which run synchronously.
   */
  async transaction<T>(body: (t: SqlTx) => Promise<T>): Promise<T> {
    if (!this.statements) await this.connect();
    const statements = this.statements!;
    return this.lock.run(async () => {
      statements.statement("BEGIN IMMEDIATE").run();
      const t: SqlTx = {
        all: async <R>(query: Prisma.Sql) => statements.statement(query.sql).safeIntegers(false).raw(false).all(query.values.map(toSqliteValue)) as R,
        run: async (query: Prisma.Sql) => statements.statement(query.sql).run(query.values.map(toSqliteValue)).changes,
      };
      try {
        const result = await body(t);
        statements.statement("COMMIT").run();
        return result;
      } catch (error) {
        statements.statement("ROLLBACK").run();
        throw error;
      }
    });
  }

  /**
   * A read straight from the connection, behind the same lock as every Prisma statement and
   * transaction: on the hot read paths Prisma's query path cost more than the query itself
   * (docs/decisions/0014). Rows come back as better-sqlite3 gives them: integers as numbers
   * (our ids and counts stay far below 2^53; a BigInt per column cost measurable time), dates
   * as ISO text, which `src/db/raw.ts` maps.
   */
  async #read(sql: string, values: readonly unknown[]): Promise<unknown[]> {
    if (!this.statements) await this.connect(); // Prisma opens the connection on first use
    return this.lock.run(async () => this.statements!.statement(sql).safeIntegers(false).raw(false).all(values.map(toSqliteValue)));
  }
}

/** A parameter as the official adapter would bind it (dates as ISO text, booleans as 0/1). */
function toSqliteValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

/** Wraps the official factory: serialized statements, cached prepares, and `connection` for direct reads. */
export function sqliteAdapterFactory(inner: SqlDriverAdapterFactory, connection: SqliteConnection): SqlDriverAdapterFactory {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => {
      const adapter = (await inner.connect()) as OfficialAdapter;
      if (!("prepare" in adapter.client) || adapter.client instanceof StatementCache) throw new Error("unexpected better-sqlite3 adapter shape");
      connection.statements = new StatementCache(adapter.client);
      adapter.client = connection.statements;
      return serialize(adapter, connection.lock);
    },
  };
}
