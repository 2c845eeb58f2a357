// The only PrismaClient of the process. The driver adapter is chosen from DATABASE_URL:
// `file:` → better-sqlite3 (one connection, serialized), `postgres://` → pg (a pool).
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseKind } from "../config/env.ts";
import { PrismaClient } from "../generated/prisma/client.ts";
import { PrismaClient as PgPrismaClient } from "../generated/prisma-pg/client.ts";
import { schemaOf } from "./pg-migrate.ts";
import { prismaSql, type Sql } from "./sql.ts";
import { SqliteConnection, sqliteAdapterFactory } from "./sqlite-adapter.ts";

// What the code uses of a client, which both generated clients (SQLite's and PostgreSQL's)
// provide with the same types: every model's queries and raw SQL. (`aggregate` and `groupBy`
// are left out: their generated types differ between the two; raw SQL does their work.)
type Models = "user" | "board" | "post" | "comment" | "vote" | "postView" | "juryPanel" | "juryMember" | "juryOpinion" | "blindLog" | "loginEvent" | "session";
type Queries = "findUnique" | "findUniqueOrThrow" | "findFirst" | "findFirstOrThrow" | "findMany" | "create" | "createMany" | "update" | "updateMany" | "upsert" | "delete" | "deleteMany" | "count";

/** The client inside a transaction. */
export type Tx = { [M in Models]: Pick<PrismaClient[M], Queries> } & Pick<PrismaClient, "$queryRaw" | "$executeRaw" | "$queryRawUnsafe" | "$executeRawUnsafe">;

/** The process's client: a Tx that can also start transactions and disconnect. */
export interface Db extends Tx {
  $transaction<T>(body: (tx: Tx) => Promise<T>): Promise<T>;
  $disconnect(): Promise<void>;
}

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

export function createDb(databaseUrl: string, busyTimeoutMs?: number): Db {
  return openDatabase(databaseUrl, busyTimeoutMs).db;
}

/** The Prisma client, and raw SQL on the hot paths by the shortest way the database has (src/db/sql.ts). */
export function openDatabase(databaseUrl: string, busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS): { db: Db; sql: Sql } {
  if (databaseKind(databaseUrl) === "postgres") {
    const schema = schemaOf(databaseUrl);
    const url = new URL(databaseUrl);
    url.searchParams.delete("schema"); // ours, not pg's
    const adapter = new PrismaPg(
      { connectionString: url.toString(), max: PG_POOL_SIZE, options: `-c search_path="${schema.replace(/"/g, '""')}"` },
      { schema },
    );
    const db: Db = new PgPrismaClient({ adapter, transactionOptions: TRANSACTION_OPTIONS });
    return { db, sql: prismaSql(db) };
  }
  // The connection is opened by Prisma (on its first query, or here on the first raw one).
  let client: PrismaClient | null = null;
  const connection = new SqliteConnection(() => client!.$connect());
  const adapter = new PrismaBetterSQLite3({ url: databaseUrl, timeout: busyTimeoutMs });
  client = new PrismaClient({ adapter: sqliteAdapterFactory(adapter, connection), transactionOptions: TRANSACTION_OPTIONS });
  return { db: client, sql: connection };
}
