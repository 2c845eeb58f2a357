// `npm run backup` while the board is serving writes, and `npm run restore` back into a board
// that works.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { onPostgres } from "../helpers.ts";
import { afterAll, describe, expect, it } from "vitest";
import { Client, freshDatabaseFile, removeDatabaseFile, startServer, type ServerProcess } from "../process.ts";

const run = promisify(execFile);
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
    await new Promise((r) => setTimeout(r, 200));
    const { stdout } = await run("npx", ["tsx", "scripts/backup.ts", "--out", out], {
      env: { ...process.env, DATABASE_URL: `file:${file}` },
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
    await run("npx", ["tsx", "scripts/restore.ts", out], { env: { ...process.env, DATABASE_URL: `file:${restored}` } });
    expect(fs.existsSync(`${restored}.before-restore`)).toBe(true);
    files.push(`${restored}.before-restore`);
    server = await startServer({ DATABASE_URL: `file:${restored}` });
    const back = new Client(server.url);
    expect((await back.get("/boards/005930")).status).toBe(200);
    expect((await back.get("/boards/005930/posts/1")).text).toContain("AI칩 설계부터 메모리 공급");
    const db = new Database(restored, { readonly: true });
    expect((db.prepare("SELECT COUNT(*) AS n FROM Post WHERE title LIKE '부하 %'").get() as { n: number }).n).toBe(copied);
    db.close();
    await back.signUp("after_restore", "복구후");
  }, 120_000);

  it("refuses to restore a file that is not a sound database", async () => {
    const bogus = path.resolve(`test/.tmp/bogus-${process.pid}.db`);
    fs.writeFileSync(bogus, "not a database");
    files.push(bogus);
    await expect(
      run("npx", ["tsx", "scripts/restore.ts", bogus], { env: { ...process.env, DATABASE_URL: "file:test/.tmp/never.db" } }),
    ).rejects.toThrow();
    expect(fs.existsSync("test/.tmp/never.db")).toBe(false);
  });
});
