// The only PrismaClient of the process. The driver adapter is chosen from DATABASE_URL:
// `file:` → better-sqlite3 (one connection, serialized), `postgres://` → pg (a pool).
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client.ts";
import { PrismaClient as PgPrismaClient } from "../generated/prisma-pg/client.ts";
import { dialect, dialectOf, useDialect } from "./dialect.ts";
import { schemaOf } from "./pg-migrate.ts";
import { serializedFactory } from "./serialized-adapter.ts";

// Both generated clients have the same model API; the SQLite one's type stands for both.
export type Db = PrismaClient;

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

export function createDb(databaseUrl: string, busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS): Db {
  useDialect(dialectOf(databaseUrl));
  if (dialect() === "postgres") {
    const schema = schemaOf(databaseUrl);
    const url = new URL(databaseUrl);
    url.searchParams.delete("schema"); // ours, not pg's
    const adapter = new PrismaPg(
      { connectionString: url.toString(), max: PG_POOL_SIZE, options: `-c search_path="${schema.replace(/"/g, '""')}"` },
      { schema },
    );
    return new PgPrismaClient({ adapter, transactionOptions: TRANSACTION_OPTIONS }) as unknown as Db;
  }
  const adapter = new PrismaBetterSQLite3({ url: databaseUrl, timeout: busyTimeoutMs });
  return new PrismaClient({ adapter: serializedFactory(adapter), transactionOptions: TRANSACTION_OPTIONS });
}

// Per-connection settings for SQLite. WAL lets readers proceed during a write. With
// synchronous=NORMAL a killed process loses no committed transaction, but a power cut or an
// OS crash may lose the last ones; FULL syncs at every commit and loses none
// (SQLITE_SYNCHRONOUS, docs/decisions/0002).
export async function prepareDb(db: Db, synchronous: "NORMAL" | "FULL" = "NORMAL"): Promise<void> {
  if (dialect() !== "sqlite") return;
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$executeRawUnsafe(`PRAGMA synchronous = ${synchronous === "FULL" ? "FULL" : "NORMAL"}`);
  await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
}
