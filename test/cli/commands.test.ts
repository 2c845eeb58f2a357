// The commands as a person types them: --help, a mistyped option, a bad setting. Each answers
// in one line (no stack trace) with exit code 2, or prints its help with exit code 0.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { freshDatabaseFile, removeDatabaseFile } from "../process.ts";
import { childEnv, toolSettings } from "../../src/config/env.ts";
import { withJosa } from "../../src/lib/particles.ts";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

const TSX = ["--import", "tsx"];

function run(script: string, args: string[] = [], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [...TSX, script, ...args], {
    encoding: "utf8",
    env: childEnv({ NODE_ENV: "", DATABASE_URL: "file:test/.tmp/never-created.db", ...env }),
    timeout: 30_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

const noStack = (text: string) => expect(text).not.toMatch(/^\s+at /m);

const COMMANDS = [
  "src/server.ts",
  "scripts/migrate.ts",
  "prisma/seed.ts",
  "scripts/backup.ts",
  "scripts/restore.ts",
  "scripts/jury-select.ts",
  "scripts/integrity-scan.ts",
  "scripts/user-role.ts",
  "scripts/demo-data.ts",
  "scripts/search-reindex.ts",
  "scripts/boards-import.ts",
  "scripts/quotes-import.ts",
  "scripts/disclosures-import.ts",
  "scripts/alerts-import.ts",
  "scripts/pg-schema.ts",
  "bench/run.ts",
  "bench/generate.ts",
];

// Run together (each is a Node process): two at a time per core.
async function runAll(jobs: [string, string[]][]) {
  const results: ReturnType<typeof run>[] = [];
  const queue = jobs.map((job, i) => ({ job, i }));
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) results[next.i] = await runAsync(next.job[0], next.job[1]);
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return results;
}

function runAsync(script: string, args: string[], env: Record<string, string> = {}): Promise<ReturnType<typeof run>> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...TSX, script, ...args], {
      env: childEnv({ NODE_ENV: "", DATABASE_URL: "file:test/.tmp/never-created.db", ...env }),
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.once("exit", (code) => resolve({ code, out, err }));
  });
}

// Commands behave the same whichever database they are pointed at; `npm run test:pg` skips them.
const onPostgres = !!toolSettings().testPgUrl;

describe.skipIf(onPostgres)("every command", () => {
  it("has --help and refuses an unknown option in one line", async () => {
    const help = await runAll(COMMANDS.map((c) => [c, ["--help"]]));
    const bad = await runAll(COMMANDS.map((c) => [c, ["--bord", "005930"]]));
    for (const [i, script] of COMMANDS.entries()) {
      expect(help[i]!.code, script).toBe(0);
      expect(help[i]!.out, script).toMatch(/^사용법: /);
      expect(bad[i]!.code, script).toBe(2);
      expect(bad[i]!.err.trim().split("\n"), script).toHaveLength(1);
      // Named as the person typed it: "npm run boards:import: 알 수 없는 옵션 '--bord'".
      expect(bad[i]!.err, script).toMatch(/^npm (?:start|run [a-z:-]+): 알 수 없는 옵션 '--bord' \(도움말: /);
      noStack(bad[i]!.err);
    }
  }, 60_000);
});

describe.skipIf(onPostgres)("a bad setting", () => {
  it("stops the server with one line naming the variable and exit code 2", () => {
    const r = run("src/server.ts", [], { PORT: "abc" });
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe("PORT=abc: 포트 번호여야 합니다 (예: PORT=3000)");
  });

  it("names a SQLite path in a missing directory", () => {
    const r = run("scripts/migrate.ts", [], { DATABASE_URL: "file:/nonexistent-dir/jongto.db" });
    expect(r.code).toBe(2);
    expect(r.err).toContain("/nonexistent-dir 폴더가 없습니다");
    noStack(r.err);
  });
});

// A SQLite file of its own (the command works the same on PostgreSQL, through the same service).
describe.skipIf(!!toolSettings().testPgUrl)("jury:select", () => {
  it("refuses a month before the board's first post unless --force, and reprints a chosen panel", async () => {
    const { freshDatabaseFile, removeDatabaseFile } = await import("../process.ts");
    const file = await freshDatabaseFile("jury-select");
    try {
      const env = { DATABASE_URL: `file:${file}` };
      const refused = run("scripts/jury-select.ts", ["--board", "005930", "--month", "2020-01"], env);
      expect(refused.code).toBe(2);
      expect(refused.err).toContain("선정하지 않았습니다. 게시판의 첫 글이 2024-01에 올라왔습니다");
      noStack(refused.err);
      const Database = (await import("better-sqlite3")).default;
      const db = new Database(file, { readonly: true });
      const panels = () => (db.prepare("SELECT COUNT(*) AS n FROM JuryPanel").get() as { n: number }).n;
      expect(panels()).toBe(0);
      const forced = run("scripts/jury-select.ts", ["--board", "005930", "--month", "2020-01", "--force"], env);
      expect(forced.code).toBe(0);
      expect(forced.out).toContain("2020-01: 지금 선정함, 배심원 0명");
      expect(panels()).toBe(1);
      const again = run("scripts/jury-select.ts", ["--board", "005930", "--month", "2020-01"], env);
      expect(again.out).toContain("2020-01: 이미 선정됨, 배심원 0명");
      expect(panels()).toBe(1);
      db.close();
    } finally {
      removeDatabaseFile(file);
    }
  });
});

describe.skipIf(!!toolSettings().testPgUrl)("integrity:scan", () => {
  it("opens a case for a ring on the file, says so without naming a signal, and finds nothing new the second time", async () => {
    const file = await freshDatabaseFile("integrity-scan");
    try {
      const Database = (await import("better-sqlite3")).default;
      const db = new Database(file);
      const now = Date.now();
      const iso = (ms: number) => new Date(ms).toISOString();
      const author = Number(db.prepare("INSERT INTO User (loginId, nickname, createdAt) VALUES ('ring_author', '작성자', ?)").run(iso(now - 90 * 86_400_000)).lastInsertRowid);
      const ring = [1, 2, 3].map((i) => Number(db.prepare("INSERT INTO User (loginId, nickname, createdAt) VALUES (?, ?, ?)").run(`ring_${i}`, `작전${i}`, iso(now - 60 * 86_400_000)).lastInsertRowid));
      for (let p = 0; p < 3; p++) {
        const post = Number(db.prepare("INSERT INTO Post (boardId, number, authorId, title, body, createdAt) VALUES (1, ?, ?, '글', '본문', ?)").run(1000 + p, author, iso(now)).lastInsertRowid);
        for (const [i, u] of ring.entries()) db.prepare("INSERT INTO Vote (postId, userId, value, createdAt, updatedAt) VALUES (?, ?, 'UP', ?, ?)").run(post, u, iso(now - 600_000 + i * 1000), iso(now - 600_000 + i * 1000));
      }
      for (const u of ring) db.prepare("INSERT INTO ClientSignal (userId, kind, key, firstSeenAt, lastSeenAt) VALUES (?, 'network', 'secret-hash-value', ?, ?)").run(u, iso(now), iso(now));
      const env = { DATABASE_URL: `file:${file}` };
      const first = run("scripts/integrity-scan.ts", [], env);
      expect(first.code, first.err).toBe(0);
      expect(first.out).toMatch(/^투표 조작 검사: 새 사건 1건\. 공유 신호 1개와 추천\/반대 9개에서 무리 1개, 몰아치기 0개를 찾았습니다 \(\d+ ms\)/);
      expect(first.out + first.err).not.toContain("secret-hash-value");
      expect((db.prepare("SELECT COUNT(*) AS n FROM IntegrityCase WHERE status = 'open'").get() as { n: number }).n).toBe(1);
      const again = run("scripts/integrity-scan.ts", [], env);
      expect(again.out).toContain("투표 조작 검사: 새 사건 0건");
      expect((db.prepare("SELECT COUNT(*) AS n FROM IntegrityCase").get() as { n: number }).n).toBe(1);
      db.close();
    } finally {
      removeDatabaseFile(file);
    }
  });
});

describe.skipIf(onPostgres)("npm start's steps", () => {
  it("stop on a bad setting with one line and exit code 2, and are quiet when all is well", async () => {
    const { freshDatabaseFile, removeDatabaseFile } = await import("../process.ts");
    const prestart = (env: Record<string, string>) =>
      spawnSync(process.execPath, ["scripts/prestart.mjs"], { encoding: "utf8", env: childEnv({ ...env }), timeout: 180_000 });
    const bad = prestart({ PORT: "abc" });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toBe("PORT=abc: 포트 번호여야 합니다 (예: PORT=3000)");
    const file = await freshDatabaseFile("prestart");
    try {
      const good = prestart({ DATABASE_URL: `file:${file}`, NODE_ENV: "" });
      expect(good.status, good.stderr).toBe(0);
      expect(good.stdout + good.stderr).not.toMatch(/Prisma|WARNING|Error/);
    } finally {
      removeDatabaseFile(file);
    }
  }, 200_000);

  it("name a port that is taken", async () => {
    const net = await import("node:net");
    const blocker = net.createServer().listen(0, "127.0.0.1");
    await new Promise((resolve) => blocker.once("listening", resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = run("src/server.ts", [], { PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: "file:test/.tmp/template.db", SESSION_SECRET: "x".repeat(32) });
      expect(r.code).toBe(2);
      expect(r.err.trim()).toBe(`jongto: ${withJosa(`포트 ${port}`, "을/를")} 다른 프로그램이 쓰고 있습니다. 그 프로그램을 멈추거나 PORT로 다른 포트를 고르세요 (예: PORT=3001 npm start)`);
    } finally {
      blocker.close();
    }
  });

  it("use the same migrate-and-seed step in npm run dev as in npm start, for either database", () => {
    const scripts = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;
    expect(scripts.dev).toBe("tsx scripts/dev.ts");
    expect(fs.readFileSync("scripts/dev.ts", "utf8")).toContain('"scripts/migrate.ts", "--seed"');
    expect(fs.readFileSync("scripts/prestart.mjs", "utf8")).toContain('"dist/scripts/migrate.js", "--seed"');
  });
});

// Run by a script (stderr not a terminal), a migration and a backup are notable events: one
// JSON line each on stderr, beside the sentence for a person on stdout.
describe.skipIf(!!toolSettings().testPgUrl)("events of the commands", () => {
  it("logs the migrations applied and the backup written", () => {
    const file = `test/.tmp/events-${process.pid}.db`;
    const backup = `test/.tmp/events-${process.pid}-backup.db`;
    try {
      const migrated = run("scripts/migrate.ts", [], { DATABASE_URL: `file:${file}` });
      expect(migrated.code).toBe(0);
      expect(migrated.out).toMatch(/마이그레이션 \d+개를 적용했습니다/);
      const line = JSON.parse(migrated.err.trim().split("\n").pop()!) as Record<string, unknown>;
      expect(line).toMatchObject({ level: 30, event: "migration", database: "sqlite", msg: "migrations applied" });
      expect((line.applied as string[]).length).toBeGreaterThan(0);
      // Nothing to apply: nothing to log.
      expect(run("scripts/migrate.ts", [], { DATABASE_URL: `file:${file}` }).err).toBe("");
      const backedUp = run("scripts/backup.ts", ["--out", backup], { DATABASE_URL: `file:${file}` });
      expect(backedUp.code).toBe(0);
      expect(JSON.parse(backedUp.err.trim())).toMatchObject({ event: "backup", msg: "backup written" });
      expect(run("scripts/backup.ts", ["--out", `${backup}2`], { DATABASE_URL: `file:${file}`, LOG_LEVEL: "silent" }).err).toBe("");
    } finally {
      for (const f of [file, backup, `${backup}2`]) for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(f + suffix, { force: true });
    }
  });
});

// The importers as an operator runs them on a fresh database: what they did, in a line; bad
// rows named by line on stderr; a second run changes nothing.
describe.skipIf(!!toolSettings().testPgUrl)("boards:import and quotes:import", () => {
  it("import the fixtures, report what they did, and change nothing the second time", async () => {
    const file = await freshDatabaseFile("import");
    const env = { DATABASE_URL: `file:${file}` };
    const bad = `test/.tmp/listing-bad-${process.pid}.csv`;
    try {
      const first = run("scripts/boards-import.ts", ["test/fixtures/listing-krx.xls"], env);
      expect(first.code, first.err).toBe(0);
      expect(first.out).toMatch(/\(cp949, KOSPI\/KOSDAQ\): 추가 33, 이름 바꿈 0, 시장 바뀜 0, 다시 상장 0, 상장폐지 0, 그대로 5, 건너뜀 0/);
      const second = run("scripts/boards-import.ts", ["test/fixtures/listing-krx.xls", "--delist"], env);
      expect(second.out).toMatch(/추가 0, 이름 바꿈 0, 시장 바뀜 0, 다시 상장 0, 상장폐지 0, 그대로 38, 건너뜀 0/);

      fs.writeFileSync(bad, "종목명,종목코드\n새회사,5930X\n에코프로,086520\n");
      const oneMarket = run("scripts/boards-import.ts", [bad, "--market", "코스닥"], env);
      expect(oneMarket.code).toBe(0);
      expect(oneMarket.err).toBe(`${bad}:2: 건너뜀: 종목코드 '5930X'는 6자리 숫자가 아닙니다.\n`);
      expect(oneMarket.out).toMatch(/추가 0, .* 그대로 1, 건너뜀 1/);
      const noMarket = run("scripts/boards-import.ts", [bad], env);
      expect(noMarket.code).toBe(2);
      expect(noMarket.err.trim().split("\n")).toEqual(["boards:import: 시장구분 열이 없는 파일입니다: --market KOSPI 처럼 시장을 알려 주세요."]);
      expect(run("scripts/boards-import.ts", ["test/fixtures/missing.xls"], env).err).toBe("boards:import: test/fixtures/missing.xls: 읽을 수 없습니다 (ENOENT)\n");

      const quotes = run("scripts/quotes-import.ts", ["test/fixtures/quotes-daily.csv"], env);
      expect(quotes.code, quotes.err).toBe(0);
      expect(quotes.out).toMatch(/\(utf-8\): 추가 201, 고침 0, 그대로 0, 건너뜀 3/);
      expect(quotes.err.trim().split("\n").map((l) => l.split(": ")[0])).toEqual(
        ["test/fixtures/quotes-daily.csv:203", "test/fixtures/quotes-daily.csv:204", "test/fixtures/quotes-daily.csv:205"],
      );
      expect(run("scripts/quotes-import.ts", ["test/fixtures/quotes-daily.csv"], env).out).toMatch(/추가 0, 고침 0, 그대로 201, 건너뜀 3/);
    } finally {
      removeDatabaseFile(file);
      fs.rmSync(bad, { force: true });
    }
  }, 120_000);
});

// A person at the terminal (issue 31, items 20–24).
describe.skipIf(onPostgres)("starting the board", () => {
  it("says in one line where it opened and where the port came from; an empty PORT leaves .env's", async () => {
    const net = await import("node:net");
    const probe = net.createServer().listen(0, "127.0.0.1");
    await new Promise((resolve) => probe.once("listening", resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jongto-env-"));
    fs.writeFileSync(path.join(dir, ".env"), `PORT=${port}\nHOST=127.0.0.1\n`);
    const db = await freshDatabaseFile("start-line");
    const child = spawn(process.execPath, ["--import", import.meta.resolve("tsx"), path.resolve("src/server.ts")], {
      cwd: dir,
      env: childEnv({ PORT: "", NODE_ENV: "", DATABASE_URL: `file:${db}`, SESSION_SECRET: "x".repeat(32) }),
    });
    try {
      let err = "";
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start line: ${err}`)), 30_000);
        child.stderr.on("data", (d) => {
          err += d;
          if (err.includes("\n")) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      expect(err.split("\n")[0]).toBe(`http://127.0.0.1:${port} 에서 열렸습니다 (SQLite ${path.relative(dir, db)}, 포트: .env의 PORT)`);
      // It listens there, and stdout stays JSON lines.
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      for (const line of out.trim().split("\n").filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
    } finally {
      child.kill("SIGINT");
      await new Promise((resolve) => child.once("exit", resolve));
      removeDatabaseFile(db);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("npm run dev -- --help prints its help and exits; a mistyped option is refused", () => {
    const help = run("scripts/dev.ts", ["--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^사용법: npm run dev\n/);
    const bad = run("scripts/dev.ts", ["--prot", "3001"]);
    expect(bad.code).toBe(2);
    expect(bad.err.trim()).toBe("npm run dev: 알 수 없는 옵션 '--prot' (도움말: npm run dev -- --help)");
  });

  it("npm run demo refuses a mistyped option before touching anything", () => {
    const demoDb = "prisma/demo.db";
    const before = fs.existsSync(demoDb) ? fs.statSync(demoDb).mtimeMs : null;
    const r = spawnSync("bash", ["scripts/demo.sh", "--hlep"], { encoding: "utf8", env: childEnv({}), timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe("npm run demo: 알 수 없는 옵션 '--hlep' (도움말: npm run demo -- --help)");
    expect(fs.existsSync(demoDb) ? fs.statSync(demoDb).mtimeMs : null).toBe(before);
  }, 60_000);
});

describe.skipIf(!!toolSettings().testPgUrl)("disclosures:import and alerts:import", () => {
  const count = (file: string, table: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  it("import the fixtures, list bad rows by line, change nothing the second time, and refuse a broken file whole", async () => {
    const file = await freshDatabaseFile("market");
    const env = { DATABASE_URL: `file:${file}` };
    const broken = `test/.tmp/dart-broken-${process.pid}.json`;
    const refused = `test/.tmp/dart-refused-${process.pid}.json`;
    const stray = `test/.tmp/alerts-stray-${process.pid}.csv`;
    try {
      const first = run("scripts/disclosures-import.ts", ["test/fixtures/dart-list.json"], env);
      expect(first.code, first.err).toBe(0);
      expect(first.out).toMatch(/^test\/fixtures\/dart-list\.json: 추가 14, 고침 0, 그대로 0, 건너뜀 5 \(\d+ ms\)\n$/);
      expect(first.err.trim().split("\n").map((l) => l.split(": 건너뜀 ")[0] + " " + l.split(" ")[2])).toEqual([
        "test/fixtures/dart-list.json:75 (7번째",
        "test/fixtures/dart-list.json:86 (8번째",
        "test/fixtures/dart-list.json:97 (9번째",
        "test/fixtures/dart-list.json:174 (16번째",
        "test/fixtures/dart-list.json:185 (17번째",
      ]);
      expect(first.err).toContain("999999: 게시판이 없는 종목입니다");
      expect(run("scripts/disclosures-import.ts", ["test/fixtures/dart-list.json"], env).out).toMatch(/추가 0, 고침 0, 그대로 14, 건너뜀 5/);

      // Cut off in the middle of an item: one line naming where, nothing written.
      const text = fs.readFileSync("test/fixtures/dart-list.json", "utf8").replace(/20261127800412/g, "20261127700412");
      fs.writeFileSync(broken, text.slice(0, text.indexOf('"rcept_no": "20261125800650"')));
      const cut = run("scripts/disclosures-import.ts", [broken], env);
      expect(cut.code).toBe(2);
      expect(cut.err).toMatch(/^disclosures:import: test\/\.tmp\/dart-broken-\d+\.json:\d+: JSON을 읽을 수 없습니다: JSON이 끝나지 않고 잘렸습니다\. 아무것도 들여오지 않았습니다\.\n$/);
      noStack(cut.err);
      fs.writeFileSync(refused, JSON.stringify({ status: "020", message: "요청 제한을 초과하였습니다" }));
      expect(run("scripts/disclosures-import.ts", [refused], env).err).toBe(
        'disclosures:import: 1번째 응답: DART가 오류로 답한 파일입니다 (status "020": 요청 제한을 초과하였습니다). 아무것도 들여오지 않았습니다.\n',
      );
      expect(count(file, "Disclosure")).toBe(14);

      const alerts = run("scripts/alerts-import.ts", ["test/fixtures/market-alerts-cp949.csv"], env);
      expect(alerts.code, alerts.err).toBe(0);
      expect(alerts.out).toMatch(/\(cp949\): 추가 6, 고침 0, 그대로 0, 건너뜀 4/);
      expect(alerts.err.trim().split("\n").map((l) => l.split(": ")[0])).toEqual([8, 9, 10, 11].map((n) => `test/fixtures/market-alerts-cp949.csv:${n}`));
      expect(run("scripts/alerts-import.ts", ["test/fixtures/market-alerts.csv"], env).out).toMatch(/\(utf-8\): 추가 0, 고침 0, 그대로 6, 건너뜀 4/);
      // CP949 with a stray byte: that row is refused by its line, the others are read.
      const bytes = fs.readFileSync("test/fixtures/market-alerts-cp949.csv");
      fs.writeFileSync(stray, Buffer.concat([bytes.subarray(0, bytes.indexOf("\n") + 1), Buffer.from("005930,"), Buffer.from([0xc5, 0xf5, 0xff, 0xfe]), Buffer.from(",2026-11-24,\n"), bytes.subarray(bytes.indexOf("\n") + 1)]));
      const strayRun = run("scripts/alerts-import.ts", [stray], env);
      expect(strayRun.out).toMatch(/\(cp949\): 추가 0, 고침 0, 그대로 6, 건너뜀 5/);
      expect(strayRun.err.split("\n")[0]).toMatch(/:2: 건너뜀: 읽을 수 없는 바이트가 있습니다/);
      // An unclosed quote: one line, nothing written.
      fs.writeFileSync(stray, '종목코드,구분,지정일,해제일\n005930,투자경고,2026-11-24,\n005930,"투자위험,2026-11-25,\n');
      const quote = run("scripts/alerts-import.ts", [stray], env);
      expect([quote.code, quote.err]).toEqual([2, "alerts:import: CSV를 읽을 수 없습니다 (3번째 줄): 따옴표가 닫히지 않았거나 형식이 깨졌습니다.\n"]);
      expect(count(file, "MarketAlert")).toBe(6);
    } finally {
      removeDatabaseFile(file);
      for (const f of [broken, refused, stray]) fs.rmSync(f, { force: true });
    }
  }, 120_000);

  it("streams a 100 MB answer in a 48 MB heap: every item checked, the last one written", async () => {
    const file = await freshDatabaseFile("market-big");
    const big = `test/.tmp/dart-big-${process.pid}.json`;
    try {
      const out = fs.openSync(big, "w");
      const filing = (n: number, code: string) =>
        JSON.stringify({ corp_code: "00999999", corp_name: "없는회사", stock_code: code, report_nm: "주식등의대량보유상황보고서(일반)", rcept_no: `20261120${String(n).padStart(6, "0")}`, flr_nm: "국민연금공단", rcept_dt: "20261120", rm: "" });
      fs.writeSync(out, '{"status":"000","message":"정상","list":[\n');
      let written = 0;
      let n = 0;
      while (written < 100 * 1024 * 1024) {
        const chunk = Array.from({ length: 1000 }, () => filing(n++ % 999_999, "999999")).join(",\n") + ",\n";
        fs.writeSync(out, chunk);
        written += Buffer.byteLength(chunk);
      }
      fs.writeSync(out, `${JSON.stringify({ ...JSON.parse(filing(999_999, "005930")), corp_code: "00126380", corp_name: "삼성전자", report_nm: "마지막 공시" })}]}\n`);
      fs.closeSync(out);
      const result = spawnSync(process.execPath, ["--max-old-space-size=48", ...TSX, "scripts/disclosures-import.ts", big], {
        encoding: "utf8",
        env: childEnv({ NODE_ENV: "", DATABASE_URL: `file:${file}` }),
        timeout: 120_000,
        maxBuffer: 16 * 1024 * 1024,
      });
      expect(result.status, result.stderr.slice(-500)).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`추가 1, 고침 0, 그대로 0, 건너뜀 ${n} `));
      // The report lists the first thousand skipped items and counts the rest.
      expect(result.stderr.trim().split("\n")).toHaveLength(1001);
      expect(result.stderr).toContain(`건너뛴 ${n - 1000}건은 더 적지 않았습니다.`);
      expect(count(file, "Disclosure")).toBe(1);
    } finally {
      removeDatabaseFile(file);
      fs.rmSync(big, { force: true });
    }
  }, 180_000);
});
