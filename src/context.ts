// What every service needs, passed in rather than reached for: the database, the SQL that
// differs between databases, and the clock. Built once per app (and per command).
import { trustSettings, type Env, type TrustSettings } from "./config/env.ts";
import type { Db, Tx } from "./db/client.ts";
import type { Dialect } from "./db/dialect.ts";
import { driverFor } from "./db/driver.ts";
import type { Sql, SqlTx } from "./db/sql.ts";
import { ChangeFeed } from "./domain/changes.ts";
import type { Clock } from "./lib/clock.ts";
import { silentLogger, type Logger } from "./lib/log.ts";
import { NotableEvents } from "./lib/notable-events.ts";

export interface Ctx {
  db: Db;
  /** Raw SQL on the hot paths (the pages' reads, the writes of votes, comments, posts, 글 내리기). */
  sql: Sql;
  dialect: Dialect;
  clock: Clock;
  /** Where services announce what they changed, after it is committed (the page cache listens). */
  changes: ChangeFeed;
  /** The process's log (silent unless the server or a test gives one). */
  log: Logger;
  /** Notable events: logged and counted (src/lib/notable-events.ts). */
  events: NotableEvents;
  /** The thresholds of "one person, one voice" (account age, vote caps, the integrity scan). */
  trust: TrustSettings;
}

export type { Db, Sql, SqlTx, Tx };

/** A context on the database at `databaseUrl` (not yet prepared: see `openCtx`). */
export function createCtx(databaseUrl: string, clock: Clock, busyTimeoutMs?: number, log: Logger = silentLogger, trust: TrustSettings = trustSettings({})): Ctx {
  const driver = driverFor(databaseUrl);
  const { db, sql } = driver.open(busyTimeoutMs);
  return { db, sql, dialect: driver.dialect, clock, changes: new ChangeFeed(), log, events: new NotableEvents(log), trust };
}

/** A context whose connection is ready for use (SQLite's WAL and pragmas set). */
export async function openCtx(
  env: Partial<Env> & { DATABASE_URL: string },
  clock: Clock,
  log?: Logger,
): Promise<Ctx> {
  const ctx = createCtx(env.DATABASE_URL, clock, env.SQLITE_BUSY_TIMEOUT_MS, log, trustSettings(env));
  await ctx.dialect.prepare(ctx.db, { synchronous: env.SQLITE_SYNCHRONOUS ?? "NORMAL" });
  return ctx;
}
