// `npm run backup` while the board is serving writes, and `npm run restore` back into a board
// that works.
import { execFile, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { onPostgres } from "../helpers.ts";
import { afterAll, describe, expect, it } from "vitest";
import { Client, freshDatabaseFile, removeDatabaseFile, startServer, type ServerProcess } from "../process.ts";
import { childEnv } from "../../src/config/env.ts";
import { removeDatabase } from "../../src/db/backup.ts";

const run = promisify(execFile);

const dir = (file: string) => fs.readdirSync(path.dirname(file));
const keptCopies = (file: string) =>
  dir(file).filter((f) => f.startsWith(`${path.basename(file)}.before-restore`)).map((f) => path.join(path.dirname(file), f));
const sideFiles = (file: string) => dir(file).filter((f) => f.startsWith(path.basename(file)) && f !== path.basename(file));
const files: string[] = [];
let server: ServerProcess | null = null;
afterAll(async () => {
  await server?.kill();
  for (const f of files) removeDatabaseFile(f);
});

describe.skipIf(onPostgres)("backup and restore", () => {
  it("copies a serving database consistently and restores it into a working board", async () => {
    const file = await freshDatabaseFile("backup");
    const out = path.resolve(`test/.tmp/backup-${process.pid}.db`);
    const restored = path.resolve(`test/.tmp/restored-${process.pid}.db`);
    files.push(file, out, restored);
    server = await startServer({ DATABASE_URL: `file:${file}` });
    const c = new Client(server.url);
    await c.signUp("backup_user", "백업러");
    const token = await c.token("/boards/005930/write");

    // Keep writing while the backup runs.
    let writing = true;
    let written = 0;
    const load = (async () => {
      while (writing) {
        const res = await c.post("/boards/005930/posts", { title: `부하 ${written}`, body: "백업 중에 쓴 글" }, token);
        if (res.status === 303) written++;
      }
    })();
    while (written < 5) await new Promise((r) => setImmediate(r)); // writing is under way
    const { stdout } = await run(process.execPath, ["--import", "tsx", "scripts/backup.ts", "--out", out], {
      env: childEnv({ DATABASE_URL: `file:${file}` }),
    });
    writing = false;
    await load;
    expect(stdout).toContain("integrity_check: ok");
    expect(written).toBeGreaterThan(0);

    const copy = new Database(out, { readonly: true });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    const copied = (copy.prepare("SELECT COUNT(*) AS n FROM Post WHERE title LIKE '부하 %'").get() as { n: number }).n;
    const board = copy.prepare("SELECT lastPostNumber FROM Board WHERE stockCode = '005930'").get() as { lastPostNumber: number };
    const posts = (copy.prepare("SELECT COUNT(*) AS n FROM Post p JOIN Board b ON b.id = p.boardId WHERE b.stockCode = '005930'").get() as { n: number }).n;
    copy.close();
    expect(board.lastPostNumber).toBe(posts); // a transaction-consistent snapshot
    await server.kill("SIGTERM");

    // Restore into another file and serve it.
    fs.copyFileSync(file, restored);
    expect(sideFiles(out)).toEqual([]); // the backup is one file: no -wal, -shm or .partial left
    const restoredOut = await run(process.execPath, ["--import", "tsx", "scripts/restore.ts", out], { env: childEnv({ DATABASE_URL: `file:${restored}` }) });
    const kept = keptCopies(restored);
    expect(kept).toHaveLength(1);
    expect(restoredOut.stdout).toContain(kept[0]);
    files.push(...kept);
    server = await startServer({ DATABASE_URL: `file:${restored}` });
    const back = new Client(server.url);
    expect((await back.get("/boards/005930")).status).toBe(200);
    expect((await back.get("/boards/005930/posts/1")).text).toContain("AI칩 설계부터 메모리 공급");
    const db = new Database(restored, { readonly: true });
    expect((db.prepare("SELECT COUNT(*) AS n FROM Post WHERE title LIKE '부하 %'").get() as { n: number }).n).toBe(copied);
    db.close();
    await back.signUp("after_restore", "복구후");
  }, 120_000);

  it("refuses to restore while the board has the database open, and changes nothing", async () => {
    const file = await freshDatabaseFile("serving");
    const out = path.resolve(`test/.tmp/serving-backup-${process.pid}.db`);
    files.push(file, out);
    await run(process.execPath, ["--import", "tsx", "scripts/backup.ts", "--out", out], { env: childEnv({ DATABASE_URL: `file:${file}` }) });
    server = await startServer({ DATABASE_URL: `file:${file}` });
    const c = new Client(server.url);
    await c.signUp("restore_race", "복구경쟁");
    const refused = await run(process.execPath, ["--import", "tsx", "scripts/restore.ts", out], { env: childEnv({ DATABASE_URL: `file:${file}` }) }).catch((e: { code: number; stderr: string }) => e);
    expect("code" in refused && refused.code).toBe(2);
    expect((refused as { stderr: string }).stderr.trim()).toMatch(/^restore: .*: 다른 프로그램이 쓰고 있습니다 \(보드가 실행 중인가요\?\)/);
    expect(keptCopies(file)).toEqual([]);
    // The board keeps serving what was written before and after the refused restore.
    const token = await c.token("/boards/005930/write");
    expect((await c.post("/boards/005930/posts", { title: "복구 거절 뒤", body: "그대로" }, token)).status).toBe(303);
    await server.kill("SIGTERM");
    server = null;
    const db = new Database(file, { readonly: true });
    expect((db.prepare("SELECT COUNT(*) AS n FROM User WHERE loginId = 'restore_race'").get() as { n: number }).n).toBe(1);
    db.close();

    // Stopped, it restores; a second restore keeps the first one's copy too.
    await run(process.execPath, ["--import", "tsx", "scripts/restore.ts", out], { env: childEnv({ DATABASE_URL: `file:${file}` }) });
    await run(process.execPath, ["--import", "tsx", "scripts/restore.ts", out], { env: childEnv({ DATABASE_URL: `file:${file}` }) });
    const kept = keptCopies(file);
    files.push(...kept);
    expect(kept).toHaveLength(2);
  }, 120_000);

  it("names a backup file that does not exist", async () => {
    const missing = path.resolve("test/.tmp/no-such-backup.db");
    const error = await run(process.execPath, ["--import", "tsx", "scripts/restore.ts", missing], { env: childEnv({ DATABASE_URL: "file:test/.tmp/never.db" }) }).catch((e: { code: number; stderr: string }) => e);
    expect((error as { code: number }).code).toBe(2);
    expect((error as { stderr: string }).stderr.trim()).toBe(`restore: ${missing}: 파일이 없습니다`);
  });

  it("removes a database for the demo's fresh start only when nothing has it open", async () => {
    const file = await freshDatabaseFile("demo-remove");
    files.push(file);
    server = await startServer({ DATABASE_URL: `file:${file}` });
    await new Client(server.url).signUp("demo_remove", "데모지움");
    expect(() => removeDatabase(file, "npm run demo 를 실행해 주세요.")).toThrow(/다른 프로그램이 쓰고 있습니다 \(보드가 실행 중인가요\?\)/);
    expect(fs.existsSync(file)).toBe(true);
    await server.kill("SIGTERM");
    server = null;
    removeDatabase(file, "npm run demo 를 실행해 주세요.");
    expect(fs.existsSync(file)).toBe(false);
    expect(sideFiles(file)).toEqual([]);
  }, 60_000);

  it("keeps copies and side files out of git", () => {
    for (const name of ["prisma/dev.db.before-restore-20261128-101010", "backups/x.db.partial", "prisma/dev.db.partial-wal", "prisma/dev.db.restoring", "prisma/dev.db-wal"]) {
      const result = spawnSync("git", ["check-ignore", "-q", name]);
      expect(result.status, name).toBe(0);
    }
  });

  it("refuses to restore a file that is not a sound database", async () => {
    const bogus = path.resolve(`test/.tmp/bogus-${process.pid}.db`);
    fs.writeFileSync(bogus, "not a database");
    files.push(bogus);
    await expect(
      run(process.execPath, ["--import", "tsx", "scripts/restore.ts", bogus], { env: childEnv({ DATABASE_URL: "file:test/.tmp/never.db" }) }),
    ).rejects.toThrow();
    expect(fs.existsSync("test/.tmp/never.db")).toBe(false);
  });
});
