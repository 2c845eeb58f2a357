// The one place that asks "which database is this?": DATABASE_URL names SQLite (`file:`) or
// PostgreSQL, and the driver answers everything that differs — how to connect, the SQL dialect,
// how to migrate, how to tell whether the database is ready. Nothing else branches on it.
import { databaseKind, type DatabaseKind } from "../config/env.ts";
import { openPostgres, openSqliteDatabase, type Db } from "./client.ts";
import { dialectFor, type Dialect } from "./dialect.ts";
import { migratePostgres } from "./pg-migrate.ts";
import { postgresCheck, sqliteCheck, type DatabaseCheck } from "./readiness.ts";
import type { Sql } from "./sql.ts";
import { sqlitePath } from "./sqlite-file.ts";
import { migrateSqlite } from "./sqlite-migrate.ts";

export interface Driver {
  readonly kind: DatabaseKind;
  readonly dialect: Dialect;
  /** The Prisma client and the hot-path SQL on one connection (SQLite) or pool (PostgreSQL). */
  open(busyTimeoutMs?: number): { db: Db; sql: Sql };
  /** Applies pending migrations; returns their names. */
  migrate(busyTimeoutMs?: number, log?: (line: string) => void): Promise<string[]>;
  /** The readiness check (/readyz), on the app's own `sql` where the database allows. */
  readiness(sql: Sql): DatabaseCheck;
}

export function driverFor(databaseUrl: string): Driver {
  if (databaseKind(databaseUrl) === "sqlite") {
    const file = sqlitePath(databaseUrl);
    return {
      kind: "sqlite",
      dialect: dialectFor("sqlite"),
      open: (busyTimeoutMs) => openSqliteDatabase(databaseUrl, busyTimeoutMs),
      migrate: async (busyTimeoutMs, log) => migrateSqlite(file, busyTimeoutMs, log),
      readiness: () => sqliteCheck(file),
    };
  }
  return {
    kind: "postgres",
    dialect: dialectFor("postgres"),
    open: () => openPostgres(databaseUrl),
    migrate: (_busyTimeoutMs, log) => migratePostgres(databaseUrl, log),
    readiness: (sql) => postgresCheck(sql),
  };
}
