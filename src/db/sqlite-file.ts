// The SQLite file behind a `file:` DATABASE_URL, and opening it with errors that name the
// path and the reason (the driver adapter only says "External error id#0").
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { ConfigError } from "../config/env.ts";

export function sqlitePath(databaseUrl: string): string {
  if (!databaseUrl.startsWith("file:")) throw new ConfigError([`DATABASE_URL=${databaseUrl}: 이 명령은 SQLite 파일에만 씁니다. PostgreSQL은 pg_dump를 쓰세요 (docs/deploy.md)`]);
  return path.resolve(databaseUrl.slice("file:".length).replace(/\?.*$/, ""));
}

/** Throws a ConfigError naming the path when the database file cannot be created or written. */
export function checkSqliteFile(file: string): void {
  const dir = path.dirname(file);
  const problem = (reason: string) => new ConfigError([`DATABASE_URL=file:${file}: ${reason}`]);
  if (!fs.existsSync(dir)) throw problem(`${dir} 폴더가 없습니다 (만들거나 DATABASE_URL을 다른 곳으로 바꾸세요)`);
  if (!fs.statSync(dir).isDirectory()) throw problem(`${dir}: 폴더가 아닙니다`);
  if (fs.existsSync(file)) {
    if (fs.statSync(file).isDirectory()) throw problem(`${file}: 데이터베이스 파일이 아니라 폴더입니다`);
    try {
      fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK);
    } catch {
      throw problem(`이 사용자가 읽고 쓸 수 없는 파일입니다`);
    }
  }
  try {
    // SQLite writes -wal and -shm files next to the database.
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw problem(`이 사용자가 ${dir} 폴더에 쓸 수 없습니다`);
  }
}

/** Opens (creating if needed) the database file after checking that it can be used. */
export function openSqlite(file: string, options: Database.Options = {}): Database.Database {
  checkSqliteFile(file);
  try {
    return new Database(file, options);
  } catch (error) {
    throw new ConfigError([`DATABASE_URL=file:${file}: 데이터베이스를 열 수 없습니다 (${(error as Error).message})`]);
  }
}
