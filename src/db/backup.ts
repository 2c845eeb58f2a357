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
  if (!fs.existsSync(file)) throw new OperatorError(`${file}: 파일이 없습니다`);
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
  if (!fs.existsSync(source)) throw new OperatorError(`${source}: 데이터베이스 파일이 없습니다`);
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
 * Opens `target` holding SQLite's exclusive lock, which it grants only when no other
 * connection (the board, `npm run dev`, a CLI) has the file open, and keeps until closed.
 * `doing` completes the refusal: "… is in use (is the board running?); stop …, then <doing>".
 */
function lockExclusively(target: string, doing: string): Database.Database {
  const lock = new Database(target, { timeout: 0 });
  try {
    lock.pragma("locking_mode = EXCLUSIVE");
    lock.exec("BEGIN EXCLUSIVE");
    lock.exec("COMMIT"); // the lock stays: EXCLUSIVE mode keeps it until close
    return lock;
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code === "SQLITE_BUSY") {
      throw new OperatorError(`${target}: 다른 프로그램이 쓰고 있습니다 (보드가 실행 중인가요?). 이 파일을 쓰는 프로세스를 모두 멈춘 뒤 다시 ${doing}`);
    }
    throw error;
  }
}

/**
 * Replaces the database with a backup. Refuses while any process has the database open
 * (lockExclusively), and holds the lock until the new file is in place. The current database
 * is kept next to it as `<name>.before-restore-<time>`. Returns that name (null when there
 * was no database yet).
 */
export function restoreDatabase(backup: string, target: string, now = new Date()): string | null {
  const check = integrityCheck(backup);
  if (check !== "ok") throw new OperatorError(`${backup}: 온전한 데이터베이스가 아닙니다 (integrity_check: ${check})`);
  let lock: Database.Database | null = null;
  let kept: string | null = null;
  try {
    if (fs.existsSync(target)) {
      lock = lockExclusively(target, "복원해 주세요.");
      // Fold the WAL into the file so the kept copy is complete on its own.
      lock.pragma("wal_checkpoint(TRUNCATE)");
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

/** Deletes a database file and its side files, refusing while anything has it open (the demo's fresh start). */
export function removeDatabase(target: string, doing: string): void {
  if (!fs.existsSync(target)) return removeWithSideFiles(target);
  const lock = lockExclusively(target, doing);
  try {
    removeWithSideFiles(target);
  } finally {
    lock.close();
  }
}
