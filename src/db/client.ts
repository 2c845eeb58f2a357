// The only PrismaClient of the process and the connection the hot-path SQL shares with it:
// better-sqlite3 (one connection, serialized) or pg (a pool). Which one is the driver's choice
// (src/db/driver.ts).
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client.ts";
import type { Db } from "./types.ts";
import { PrismaClient as PgPrismaClient } from "../generated/prisma-pg/client.ts";
import { schemaOf } from "./pg-migrate.ts";
import pg from "pg";
import { pgSql, pgTypes } from "./pg-sql.ts";
import type { Sql } from "./sql.ts";
import { SqliteConnection, sqliteAdapterFactory } from "./sqlite-adapter.ts";

export type { Db, Tx } from "./types.ts";

// How long a statement waits for another process's write lock (the seed, a backup, the CLI)
// before SQLite gives up with SQLITE_BUSY.
const DEFAULT_BUSY_TIMEOUT_MS = 5000;
// Connections per app instance; PostgreSQL's default max_connections is 100, so ten instances
// fit with room for the CLI and backups.
const PG_POOL_SIZE = 10;
// How long a transaction may wait for a free connection, and run. Transactions hold a
// connection for a few milliseconds, so a wait past MAX_WAIT means the database is
// overloaded: the request is answered "busy, try again" (503), never 500.
const TRANSACTION_OPTIONS = { maxWait: 5_000, timeout: 10_000 };

/** PostgreSQL: the Prisma client, and raw SQL on the hot paths on the same pool (src/db/pg-sql.ts). */
export function openPostgres(databaseUrl: string): { db: Db; sql: Sql } {
  const schema = schemaOf(databaseUrl);
  const url = new URL(databaseUrl);
  url.searchParams.delete("schema"); // ours, not pg's
  // One pool for Prisma and for the hot-path SQL (src/db/pg-sql.ts). A request that waits
  // longer than the transaction wait for a connection is answered "busy, try again" (503).
  const pool = new pg.Pool({
    connectionString: url.toString(),
    max: PG_POOL_SIZE,
    options: `-c search_path="${schema.replace(/"/g, '""')}"`,
    connectionTimeoutMillis: TRANSACTION_OPTIONS.maxWait,
    types: pgTypes,
  });
  const adapter = new PrismaPg(pool, { schema, disposeExternalPool: true });
  const db: Db = new PgPrismaClient({ adapter, transactionOptions: TRANSACTION_OPTIONS });
  return { db, sql: pgSql(pool) };
}

/** SQLite: the Prisma client, and raw SQL straight on its connection (src/db/sqlite-adapter.ts). */
export function openSqliteDatabase(databaseUrl: string, busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS): { db: Db; sql: Sql } {
  // The connection is opened by Prisma (on its first query, or here on the first raw one).
  let client: PrismaClient | null = null;
  const connection = new SqliteConnection(() => client!.$connect());
  const adapter = new PrismaBetterSQLite3({ url: databaseUrl, timeout: busyTimeoutMs });
  client = new PrismaClient({ adapter: sqliteAdapterFactory(adapter, connection), transactionOptions: TRANSACTION_OPTIONS });
  return { db: client, sql: connection };
}
