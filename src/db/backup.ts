// Consistent copies of the SQLite database while the board is serving, and the way back.
// SQLite's online backup API copies pages while other connections keep reading and writing;
// the copy is a single self-contained file (no -wal), checked with integrity_check.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export function sqlitePath(databaseUrl: string): string {
  if (!databaseUrl.startsWith("file:")) throw new Error("backups of non-SQLite databases: use pg_dump (docs/deploy.md)");
  return path.resolve(databaseUrl.slice("file:".length));
}

export function integrityCheck(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.pragma("integrity_check", { simple: true }) as string) ?? "unknown";
  } finally {
    db.close();
  }
}

export async function backupDatabase(source: string, destination: string): Promise<void> {
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  const tmp = `${destination}.partial`;
  fs.rmSync(tmp, { force: true });
  const db = new Database(source, { fileMustExist: true, timeout: 5000 });
  try {
    await db.backup(tmp);
  } finally {
    db.close();
  }
  const check = integrityCheck(tmp);
  if (check !== "ok") {
    fs.rmSync(tmp, { force: true });
    throw new Error(`backup failed its integrity check: ${check}`);
  }
  fs.renameSync(tmp, destination);
}

/**
 * Replaces the database with a backup. The board must be stopped: a running server keeps the
 * old file open. The current database is kept next to it as `<name>.before-restore`.
 */
export function restoreDatabase(backup: string, target: string): void {
  const check = integrityCheck(backup);
  if (check !== "ok") throw new Error(`${backup} failed its integrity check: ${check}`);
  if (fs.existsSync(target)) {
    // Fold the WAL into the file first so the kept copy is complete on its own.
    const current = new Database(target);
    current.pragma("wal_checkpoint(TRUNCATE)");
    current.close();
    fs.copyFileSync(target, `${target}.before-restore`);
  }
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(target + suffix, { force: true });
  const tmp = `${target}.restoring`;
  fs.copyFileSync(backup, tmp);
  fs.renameSync(tmp, target);
}
