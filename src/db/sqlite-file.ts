// The SQLite file behind a `file:` DATABASE_URL, and opening it with errors that name the
// path and the reason (the driver adapter only says "External error id#0").
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { ConfigError } from "../config/env.ts";

export function sqlitePath(databaseUrl: string): string {
  if (!databaseUrl.startsWith("file:")) throw new ConfigError([`DATABASE_URL=${databaseUrl}: this command works on a SQLite file; for PostgreSQL use pg_dump (docs/deploy.md)`]);
  return path.resolve(databaseUrl.slice("file:".length).replace(/\?.*$/, ""));
}

/** Throws a ConfigError naming the path when the database file cannot be created or written. */
export function checkSqliteFile(file: string): void {
  const dir = path.dirname(file);
  const problem = (reason: string) => new ConfigError([`DATABASE_URL=file:${file}: ${reason}`]);
  if (!fs.existsSync(dir)) throw problem(`the directory ${dir} does not exist (create it, or point DATABASE_URL elsewhere)`);
  if (!fs.statSync(dir).isDirectory()) throw problem(`${dir} is not a directory`);
  if (fs.existsSync(file)) {
    if (fs.statSync(file).isDirectory()) throw problem(`${file} is a directory, not a database file`);
    try {
      fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK);
    } catch {
      throw problem(`the file is not readable and writable by this user`);
    }
  }
  try {
    // SQLite writes -wal and -shm files next to the database.
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw problem(`the directory ${dir} is not writable by this user`);
  }
}

/** Opens (creating if needed) the database file after checking that it can be used. */
export function openSqlite(file: string, options: Database.Options = {}): Database.Database {
  checkSqliteFile(file);
  try {
    return new Database(file, options);
  } catch (error) {
    throw new ConfigError([`DATABASE_URL=file:${file}: cannot open the database (${(error as Error).message})`]);
  }
}
