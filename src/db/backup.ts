// Consistent copies of the SQLite database while the board is serving, and the way back.
// SQLite's online backup API copies pages while other connections keep reading and writing;
// the copy is a single self-contained file (no -wal), checked with integrity_check.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { OperatorError } from "../lib/operator-error.ts";

const SIDE_FILES = ["-wal", "-shm", "-journal"];

function removeWithSideFiles(file: string) {
  for (const suffix of ["", ...SIDE_FILES]) fs.rmSync(file + suffix, { force: true });
}

export function integrityCheck(file: string): string {
  if (!fs.existsSync(file)) throw new OperatorError(`${file}: no such file`);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    return (error as Error).message;
  }
  try {
    return (db.pragma("integrity_check", { simple: true }) as string) ?? "unknown";
  } catch (error) {
    return (error as Error).message; // "file is not a database" and the like
  } finally {
    db.close();
  }
}

export async function backupDatabase(source: string, destination: string): Promise<void> {
  if (!fs.existsSync(source)) throw new OperatorError(`${source}: no such database file`);
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  const tmp = `${destination}.partial`;
  removeWithSideFiles(tmp);
  const db = new Database(source, { fileMustExist: true, timeout: 5000 });
  try {
    await db.backup(tmp);
  } finally {
    db.close();
  }
  // The copy carries the source's WAL flag; a rollback-journal file is one self-contained
  // file, and checking it then leaves no -wal/-shm beside it.
  const copy = new Database(tmp);
  copy.pragma("journal_mode = DELETE");
  copy.close();
  const check = integrityCheck(tmp);
  if (check !== "ok") {
    removeWithSideFiles(tmp);
    throw new Error(`backup failed its integrity check: ${check}`);
  }
  fs.renameSync(tmp, destination);
  for (const suffix of SIDE_FILES) fs.rmSync(tmp + suffix, { force: true });
}

/** `<file>.before-restore-<UTC time>`: each restore keeps what it replaced, none overwritten. */
function keptName(target: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\..+/, "").replace("T", "-");
  let name = `${target}.before-restore-${stamp}`;
  for (let n = 2; fs.existsSync(name); n++) name = `${target}.before-restore-${stamp}-${n}`;
  return name;
}

/**
 * Replaces the database with a backup. Refuses while any process (the board, `npm run dev`,
 * a CLI) has the database open: it must take an exclusive lock on the file first, which
 * SQLite grants only when no other connection exists, and holds it until the new file is in
 * place. The current database is kept next to it as `<name>.before-restore-<time>`.
 * Returns that name (null when there was no database yet).
 */
export function restoreDatabase(backup: string, target: string, now = new Date()): string | null {
  const check = integrityCheck(backup);
  if (check !== "ok") throw new OperatorError(`${backup} is not a sound database (integrity_check: ${check})`);
  let lock: Database.Database | null = null;
  let kept: string | null = null;
  try {
    if (fs.existsSync(target)) {
      lock = new Database(target, { timeout: 0 });
      try {
        lock.pragma("locking_mode = EXCLUSIVE");
        lock.exec("BEGIN EXCLUSIVE");
        lock.exec("COMMIT"); // the lock stays: EXCLUSIVE mode keeps it until close
        // Fold the WAL into the file so the kept copy is complete on its own.
        lock.pragma("wal_checkpoint(TRUNCATE)");
      } catch (error) {
        if ((error as { code?: string }).code === "SQLITE_BUSY") {
          throw new OperatorError(`${target} is in use (is the board running?); stop every process that uses it, then restore`);
        }
        throw error;
      }
      kept = keptName(target, now);
      fs.copyFileSync(target, kept);
    }
    const tmp = `${target}.restoring`;
    fs.copyFileSync(backup, tmp);
    fs.renameSync(tmp, target);
    for (const suffix of SIDE_FILES) fs.rmSync(target + suffix, { force: true });
  } finally {
    lock?.close();
  }
  return kept;
}
