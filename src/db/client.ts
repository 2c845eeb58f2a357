// The only PrismaClient of the process. The driver adapter is chosen from DATABASE_URL.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client.ts";
import { serializedFactory } from "./serialized-adapter.ts";

export type Db = PrismaClient;

// How long a statement waits for another process's write lock (the seed, a backup, the CLI)
// before SQLite gives up with SQLITE_BUSY.
const DEFAULT_BUSY_TIMEOUT_MS = 5000;

export function createDb(databaseUrl: string, busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS): Db {
  if (!databaseUrl.startsWith("file:")) {
    throw new Error("Only SQLite (file:) DATABASE_URLs are supported so far.");
  }
  const adapter = new PrismaBetterSQLite3({ url: databaseUrl, timeout: busyTimeoutMs });
  return new PrismaClient({ adapter: serializedFactory(adapter) });
}

// Per-connection settings. WAL lets readers proceed during a write and, with
// synchronous=NORMAL, survives a killed process without losing committed transactions.
export async function prepareDb(db: Db): Promise<void> {
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
}
