// Whether this instance can serve (/readyz): the database answers a query and has every
// migration this code expects. Each check is bounded, so a database that is gone or locked
// makes the answer "not ready" within a second instead of a hung health check.
import { Prisma } from "../generated/prisma/client.ts";
import type { Sql } from "./sql.ts";
import { appliedPostgresMigrations, postgresMigrationNames } from "./pg-migrate.ts";
import { openSqlite } from "./sqlite-file.ts";
import { appliedSqliteMigrations, migrationNames } from "./sqlite-migrate.ts";

// How long the SQLite check waits for another process's write lock. better-sqlite3 waits
// synchronously, so this is also the longest the check can hold the event loop.
const SQLITE_LOCK_WAIT_MS = 250;

/**
 * SQLite: the file is there, the write lock can be taken (no other process has held it past
 * the wait — every write would answer 503 then), and every migration is applied. Its own
 * short-lived connection, so the app's connection and its busy timeout are not involved; the
 * app's own writes never hold the lock across an await, so they cannot make this wait.
 */
export function sqliteCheck(file: string): DatabaseCheck {
  const wanted = migrationNames(); // read once: the code on disk does not change under a running process
  return async () => {
    const db = openSqlite(file, { fileMustExist: true, timeout: SQLITE_LOCK_WAIT_MS });
    try {
      db.exec("BEGIN IMMEDIATE");
      const applied = appliedSqliteMigrations(db);
      db.exec("ROLLBACK");
      const pending = wanted.filter((name) => !applied.has(name));
      if (pending.length > 0) throw new Error(`${pending.length} migration(s) pending`);
    } finally {
      db.close();
    }
  };
}

export type DatabaseCheck = () => Promise<void>;

/** PostgreSQL: the database answers on the app's pool, and every migration is applied. */
export function postgresCheck(sql: Sql): DatabaseCheck {
  const wanted = postgresMigrationNames();
  return async () => {
    const applied = await appliedPostgresMigrations((query) => sql.read<{ name: string }[]>(Prisma.raw(query)));
    const pending = wanted.filter((name) => !applied.has(name));
    if (pending.length > 0) throw new Error(`${pending.length} migration(s) pending`);
  };
}
