// Applies prisma/migrations to a SQLite file, recording each in Prisma's own
// `_prisma_migrations` table exactly as `prisma migrate deploy` does (same columns, the
// migration file's SHA-256 as checksum), so either tool can take over from the other.
// Running it here instead of the Prisma CLI keeps `npm start` quiet and quick, and lets a
// missing directory or a read-only file be named in one line (docs/decisions/0001).
import { withJosa } from "../lib/particles.ts";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import { ConfigError } from "../config/env.ts";
import { projectRoot } from "../lib/project-root.ts";
import { keyStatements, nicknameSkeleton } from "./nickname-keys.ts";
import { openSqlite } from "./sqlite-file.ts";

const MIGRATIONS = path.join(projectRoot, "prisma/migrations");

// The table as Prisma creates it (schema-engine's SQLite connector).
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export function migrationNames(dir = MIGRATIONS): string[] {
  return fs
    .readdirSync(dir)
    .filter((d) => fs.statSync(path.join(dir, d)).isDirectory())
    .sort();
}

const timestamp = () => new Date().toISOString().replace("Z", "+00:00");

/** The migrations recorded as applied in the file (its "_prisma_migrations" table exists). */
export function appliedSqliteMigrations(db: Database.Database): Set<string> {
  const rows = db.prepare(`SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`).all() as { name: string }[];
  return new Set(rows.map((r) => r.name));
}

/**
 * Applies every pending migration, each in its own IMMEDIATE transaction (which takes the
 * write lock first, so two processes starting together apply each migration once).
 */
export function migrateSqlite(file: string, busyTimeoutMs = 5000, log: (line: string) => void = () => {}): string[] {
  const db = openSqlite(file, { timeout: busyTimeoutMs });
  const applied: string[] = [];
  try {
    db.pragma("journal_mode = WAL");
    // Prisma's table redefinitions drop and recreate referenced tables, which only works with
    // foreign keys off (its own `PRAGMA foreign_keys=OFF` is a no-op inside a transaction);
    // foreign_key_check below proves the result consistent before it commits.
    db.pragma("foreign_keys = OFF");
    db.exec(MIGRATIONS_TABLE);
    for (const name of migrationNames()) {
      const sql = fs.readFileSync(path.join(MIGRATIONS, name, "migration.sql"), "utf8");
      const checksum = crypto.createHash("sha256").update(sql).digest("hex");
      db.transaction(() => {
        const rows = db
          .prepare(`SELECT checksum, finished_at AS finished FROM "_prisma_migrations" WHERE migration_name = ? AND rolled_back_at IS NULL`)
          .all(name) as { checksum: string; finished: string | null }[];
        if (rows.some((r) => r.finished === null)) {
          throw new ConfigError([`${file}: ${withJosa(`마이그레이션 ${name}`, "이/가")} 전에 실패했습니다. 백업을 복원하거나(npm run restore) 직접 고쳐 주세요`]);
        }
        if (rows.length > 0) {
          if (rows[0]!.checksum !== checksum) log(`warning: migration ${name} was edited after it was applied`);
          return;
        }
        const startedAt = timestamp();
        db.exec(sql);
        const broken = db.pragma("foreign_key_check") as unknown[];
        if (broken.length > 0) throw new Error(`migration ${name} leaves ${broken.length} broken foreign key(s)`);
        db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
           VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
        ).run(crypto.randomUUID(), checksum, timestamp(), name, startedAt);
        applied.push(name);
        log(`applied ${name}`);
      }).immediate();
    }
    const keys = keyStatements((n) => (n === 1 ? "@id" : "@key"));
    const assign = db.prepare(keys.assign);
    db.transaction(() => {
      for (const u of db.prepare(keys.missing).all() as { id: number; nickname: string }[]) assign.run({ id: u.id, key: nicknameSkeleton(u.nickname) });
    }).immediate();
  } finally {
    db.close();
  }
  return applied;
}
