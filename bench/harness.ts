// What the benchmark (bench/run.ts) and the profiler (bench/profile.ts) share: a copy of the
// data, servers pinned to core 0, load from core 1 (autocannon in its own process), and the
// signed-in sessions and writable posts the write scenarios need.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import Database from "better-sqlite3";
import { COMMENTS_PER_PAGE } from "../src/modules/comments/comments.rules.ts";
import os from "node:os";
import path from "node:path";
import { driverFor } from "../src/db/driver.ts";
import { num, type SqlInt } from "../src/db/raw.ts";
import { migrateSqlite } from "../src/db/sqlite-migrate.ts";
import { Prisma } from "../src/generated/prisma/client.ts";
import { createSessions } from "./sessions.ts";
import { childEnv } from "../src/config/env.ts";

export const SECRET = "benchmark-secret-benchmark-secret-0123456789";
export const RUN_DB = path.resolve("bench/data/run.db");
export const cores = os.cpus().length;

export const pin = (core: number, cmd: string[]) =>
  cores > 1 && fs.existsSync("/usr/bin/taskset") ? ["taskset", "-c", String(core), ...cmd] : cmd;

export function sh(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  execFileSync(cmd, args, { stdio: "inherit", env: childEnv({ ...env }) });
}

/**
 * A measuring script's answer: it runs in a process of its own and prints JSON. Not pinned: on
 * one core its main thread shares the core with V8's compiler and collector threads, and a
 * sub-millisecond p99 then measures those threads (1.5–2.8 ms pinned against 0.9 unpinned for
 * 클린봇's screening, bench/RESULTS.md "Issue 30").
 */
export function measureApart<T>(script: string, args: string[]): T {
  const out = execFileSync(process.execPath, ["--import", "tsx", script, ...args], { stdio: ["ignore", "pipe", "inherit"], env: childEnv({ LOG_LEVEL: "silent" }) });
  return JSON.parse(out.toString()) as T;
}

/** The data file for a run (generated first for --quick), copied so runs start alike, and a fresh build. */
export function prepareRun(quick: boolean): string {
  const source = path.resolve(quick ? "bench/data/quick.db" : "bench/data/bench.db");
  if (!fs.existsSync(source)) {
    if (quick) sh(process.execPath, ["--import", "tsx", "bench/generate.ts", "--quick"]);
    else {
      console.error(`${source} is missing: run \`npm run bench:data\` first (about half a minute).`);
      process.exit(2);
    }
  }
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(RUN_DB + suffix, { force: true });
  fs.copyFileSync(source, RUN_DB);
  migrateSqlite(RUN_DB); // a data file from an older schema
  sh(process.execPath, ["scripts/prestart.mjs", "--build-only"]); // builds only when the sources changed
  return `file:${RUN_DB}`;
}

/** The middle of some figures (the mean of the middle two for an even count). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** Puts a run's report at the top of bench/RESULTS.md (newest first). */
export function prependResults(report: string): void {
  const file = path.resolve("bench/RESULTS.md");
  const header = "# Benchmark results\n\nWritten by `npm run bench` (newest first). See docs/decisions/0011-benchmark.md, 0014-direct-sql-and-the-anonymous-page-cache.md and 0040-hits-at-the-wire-market-open-a-real-boards-size.md for what is measured and why.\n\n";
  const previous = fs.existsSync(file) ? fs.readFileSync(file, "utf8").replace(/^# Benchmark results\n\n[^\n]*\n\n/, "") : "";
  fs.writeFileSync(file, header + report + "\n" + previous);
  console.log(`written to ${file}`);
}

const children: ChildProcess[] = [];
process.on("exit", () => children.forEach((c) => c.kill("SIGKILL")));

export interface Server {
  child: ChildProcess;
  log: () => string;
}

let serversStarted = 0;

export function start(cmd: string[], env: NodeJS.ProcessEnv): Server {
  const [bin, ...args] = pin(0, cmd);
  // The server's output (a JSON log line per request) goes to a file, as journald would keep it:
  // read through a pipe by this process, the lines would compete with the server for a core.
  const dir = path.resolve("bench/data/logs");
  if (serversStarted === 0) fs.rmSync(dir, { recursive: true, force: true }); // the previous run's
  const file = path.join(dir, `server-${++serversStarted}.log`);
  fs.mkdirSync(dir, { recursive: true });
  const fd = fs.openSync(file, "w");
  const child = spawn(bin!, args, { env: childEnv({ ...env }), stdio: ["ignore", fd, fd] });
  fs.closeSync(fd);
  children.push(child);
  const log = () => {
    const size = fs.statSync(file).size;
    const tail = Buffer.alloc(Math.min(size, 65_536));
    const handle = fs.openSync(file, "r");
    fs.readSync(handle, tail, 0, tail.length, size - tail.length);
    fs.closeSync(handle);
    return tail.toString();
  };
  return { child, log };
}

export async function waitFor(url: string, server: Server): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`server exited:\n${server.log()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return performance.now() - started;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 30_000) throw new Error(`no answer from ${url}:\n${server.log()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

// The V8 flags `npm start` gives the server (package.json): the same here.
const SERVER_NODE_FLAGS = ((JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: { start: string } }).scripts.start.match(/--max-[a-z-]+=\d+/g) ?? []);

/** The production server, started as `npm start` starts it (same V8 flags), plus `nodeFlags`. */
export function startApp(port: number, databaseUrl: string, env: NodeJS.ProcessEnv = {}, nodeFlags: string[] = []): Server {
  return start([process.execPath, ...SERVER_NODE_FLAGS, ...nodeFlags, "dist/src/server.js"], {
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: SECRET,
    RATE_LIMIT_SCALE: "1000000",
    ...env,
  });
}

export interface Result {
  rps: number;
  p50: number;
  p97_5?: number; // autocannon's nearest percentile at or above p95
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
  cache?: Record<string, { hit: number; miss: number }>; // X-Cache answers by request kind
}

export interface LoadOptions {
  connections: number;
  duration: number;
  extra?: object;
}

export function load(scenario: string, port: number, { connections, duration, extra = {} }: LoadOptions): Result {
  // The configuration (with a thousand session cookies) goes through a file: too long for argv.
  const configFile = path.resolve("bench/data/load-config.json");
  fs.writeFileSync(configFile, JSON.stringify({ scenario, url: `http://127.0.0.1:${port}`, connections, duration, ...extra }));
  const [bin, ...args] = pin(1, [process.execPath, "--import", "tsx", "bench/load.ts", configFile]);
  const output = execFileSync(bin!, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(output.trim().split("\n").at(-1)!) as Result;
}

export function peakRss(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/** CPU seconds (user + system) a process has used so far, from /proc. */
export function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

const HOT_COMMENTS = 5000;

/**
 * The comment-page rows' posts on 005930: one with 5,000 comments (a tenth of them replies)
 * and one with exactly its first page (50 comments and their replies, so the two pages draw
 * the same), added to the run's copy when the data lacks them, and one with 10 (or as near
 * as the data has). Written straight through
 * better-sqlite3, as bench/generate.ts writes.
 */
export function commentPosts(file: string): { hot: number; full: number; quiet: number } {
  const db = new Database(file);
  try {
    const board = db.prepare(`SELECT id FROM Board WHERE stockCode = '005930'`).get() as { id: number };
    const open = `boardId = ? AND deletedAt IS NULL AND blindedAt IS NULL AND hiddenAt IS NULL AND heldAt IS NULL`;
    const quiet = db.prepare(`SELECT number FROM Post WHERE ${open} ORDER BY ABS(commentCount - 10), number DESC LIMIT 1`).get(board.id) as { number: number } | undefined;
    if (!quiet) throw new Error("bench data has no open post on 005930");
    const users = (db.prepare(`SELECT id FROM User ORDER BY id LIMIT 1000`).all() as { id: number }[]).map((u) => u.id);
    const insert = db.prepare(`INSERT INTO Comment (postId, authorId, parentId, body, createdAt) VALUES (?, ?, ?, ?, ?)`);
    const marked = (marker: string) => (db.prepare(`SELECT number FROM Post WHERE ${open} AND body LIKE ? LIMIT 1`).get(board.id, `%${marker}`) as { number: number } | undefined)?.number;
    const emptyPost = (skip: number) => db.prepare(`SELECT id, number, createdAt FROM Post WHERE ${open} AND commentCount = 0 ORDER BY number DESC LIMIT 1 OFFSET ?`).get(board.id, skip) as { id: number; number: number; createdAt: string };
    // Marked, so a second run on the same copy finds it.
    const mark = (postId: number, count: number, marker: string) => db.prepare(`UPDATE Post SET commentCount = ?, body = body || ' ' || ? WHERE id = ?`).run(count, marker, postId);

    // The hot thread: 5,000 comments, every tenth a reply to an earlier comment.
    let hot = marked("bench-comments-hot");
    if (hot === undefined) {
      const post = emptyPost(0);
      db.transaction(() => {
        const start = new Date(post.createdAt).getTime();
        const top: number[] = [];
        for (let i = 0; i < HOT_COMMENTS; i++) {
          const parent = i % 10 === 9 && top.length > 0 ? top[(i * 7919) % top.length]! : null;
          const id = Number(insert.run(post.id, users[i % users.length], parent, `댓글 ${i + 1}번입니다. 오늘도 외국인 순매수가 이어지네요.`, new Date(start + i * 1000).toISOString()).lastInsertRowid);
          if (parent === null) top.push(id);
        }
        mark(post.id, HOT_COMMENTS, "bench-comments-hot");
      })();
      hot = post.number;
    }
    // The hot thread's first page alone: its first 50 comments and their replies, copied.
    let full = marked("bench-comments-page");
    if (full === undefined) {
      const post = emptyPost(1);
      const hotId = (db.prepare(`SELECT id FROM Post WHERE boardId = ? AND number = ?`).get(board.id, hot) as { id: number }).id;
      const first = db.prepare(`SELECT id FROM Comment WHERE postId = ? AND parentId IS NULL ORDER BY id LIMIT ?`).all(hotId, COMMENTS_PER_PAGE) as { id: number }[];
      const rows = db.prepare(`SELECT id, authorId, parentId, body, createdAt FROM Comment WHERE postId = ? AND (id IN (${first.map((c) => c.id).join(",")}) OR parentId IN (${first.map((c) => c.id).join(",")})) ORDER BY id`).all(hotId) as { id: number; authorId: number; parentId: number | null; body: string; createdAt: string }[];
      db.transaction(() => {
        const copied = new Map<number, number>();
        for (const c of rows) copied.set(c.id, Number(insert.run(post.id, c.authorId, c.parentId === null ? null : copied.get(c.parentId)!, c.body, c.createdAt).lastInsertRowid));
        mark(post.id, rows.length, "bench-comments-page");
      })();
      full = post.number;
    }
    return { hot, full, quiet: quiet.number };
  } finally {
    db.close();
  }
}

/** A board for the market-open scenario: its code, its newest post number, and its newest open posts (number, author). */
export interface MarketBoard {
  code: string;
  last: number;
  open: [number, number][];
}

/**
 * Every board with posts, the busiest (most posts) first: the market-open scenario's ranks
 * for its Zipf spread of reads and writes, with up to 50 newest open posts of each to vote on
 * and comment (bench/load.ts). Read from the run's SQLite copy.
 */
export function marketBoards(file: string): MarketBoard[] {
  const db = new Database(file, { readonly: true });
  try {
    const boards = db.prepare(`SELECT id, stockCode, lastPostNumber FROM Board WHERE lastPostNumber > 0 AND delistedAt IS NULL ORDER BY lastPostNumber DESC, id`).all() as { id: number; stockCode: string; lastPostNumber: number }[];
    const open = db.prepare(`SELECT number, authorId FROM Post WHERE boardId = ? AND deletedAt IS NULL AND blindedAt IS NULL AND hiddenAt IS NULL AND heldAt IS NULL ORDER BY number DESC LIMIT 50`).raw();
    return boards.map((b) => ({ code: b.stockCode, last: b.lastPostNumber, open: open.all(b.id) as [number, number][] }));
  } finally {
    db.close();
  }
}

/** What the write and signed-in scenarios need: sessions, and recent posts that accept votes and comments. */
export async function scenarioData(databaseUrl: string, sessionCount: number) {
  const { db } = driverFor(databaseUrl).open();
  try {
    const main = await db.board.findUniqueOrThrow({ where: { stockCode: "005930" } });
    const sessions = await createSessions(db, SECRET, sessionCount);
    const writable = (
      await db.$queryRaw<{ number: SqlInt; authorId: SqlInt }[]>(Prisma.sql`SELECT "number", "authorId" FROM "Post"
        WHERE "boardId" = ${main.id} AND "deletedAt" IS NULL AND "blindedAt" IS NULL ORDER BY "number" DESC LIMIT 2000`)
    ).map((r) => ({ number: num(r.number), authorId: num(r.authorId) }));
    const counts = { posts: await db.post.count(), comments: await db.comment.count(), votes: await db.vote.count(), users: await db.user.count() };
    return { posts: main.lastPostNumber, sessions, writable, counts };
  } finally {
    await db.$disconnect();
  }
}

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/**
 * A V8 CPU profile read back: own and inclusive time per function and own time per package,
 * counting only the samples inside the window (wall-clock ms: when the measured load started
 * and ended, and when the profiled process exited, which is where the profile's time ends).
 */
export function analyzeProfile(file: string, window: { start: number; end: number; exit: number }) {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const short = (url: string) =>
    url.replace(/^file:\/\//, "").replace(/.*\/node_modules\//, "").replace(`${process.cwd()}/`, "").replace(/^node:/, "node:");
  const label = (n: Node) => {
    const f = n.callFrame;
    if (!f.url) return f.functionName || "(anonymous)";
    return `${f.functionName || "(anonymous)"} ${short(f.url)}:${f.lineNumber + 1}`;
  };
  const packageOf = (n: Node) => {
    const url = n.callFrame.url;
    if (!url) return n.callFrame.functionName.startsWith("(") ? n.callFrame.functionName : "(native)";
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    if (m) return m[1]!;
    if (url.startsWith("node:")) return "node:" + url.slice(5).split("/")[0];
    return short(url).split("/").slice(0, 2).join("/");
  };

  // The samples inside the measured window: profile time runs to the process's exit.
  const lastWindowUs = (window.exit - window.end) * 1000;
  const firstWindowUs = (window.exit - window.start) * 1000;
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const packages = new Map<string, number>();
  let total = 0;
  let t = profile.startTime;
  const times = profile.samples.map((_, i) => (t += profile.timeDeltas[i]!));
  for (let i = 0; i < profile.samples.length; i++) {
    const fromEnd = profile.endTime - times[i]!;
    if (fromEnd > firstWindowUs || fromEnd < lastWindowUs) continue;
    const delta = profile.timeDeltas[i + 1] ?? 0;
    const node = byId.get(profile.samples[i]!)!;
    total += delta;
    self.set(label(node), (self.get(label(node)) ?? 0) + delta);
    packages.set(packageOf(node), (packages.get(packageOf(node)) ?? 0) + delta);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const key = label(byId.get(id)!);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + delta);
    }
  }
  const idle = self.get("(idle)") ?? 0;
  const gc = self.get("(garbage collector)") ?? 0;
  return { self, inclusive, packages, total, idle, gc };
}

/**
 * One scenario against a production server under V8's CPU profiler: 3 s of warm-up, then the
 * measured load; the process's CPU time over the window (all threads, from /proc) and the
 * profile of the window.
 */
export async function profiledRun(scenario: string, port: number, databaseUrl: string, options: LoadOptions, env: NodeJS.ProcessEnv = {}) {
  const dir = path.resolve("bench/data/profiles");
  fs.mkdirSync(dir, { recursive: true });
  const before = new Set(fs.readdirSync(dir));
  const app = startApp(port, databaseUrl, env, ["--cpu-prof", `--cpu-prof-dir=${dir}`, "--cpu-prof-interval=200"]);
  await waitFor(`http://127.0.0.1:${port}/`, app);
  load(scenario, port, { ...options, duration: 3 }); // warm-up
  const cpuBefore = cpuSeconds(app.child.pid!);
  const start = Date.now();
  const result = load(scenario, port, options);
  const end = Date.now();
  const cpuUsed = cpuSeconds(app.child.pid!) - cpuBefore;
  const exited = new Promise<number>((resolve) => app.child.once("exit", () => resolve(Date.now())));
  app.child.kill("SIGTERM");
  const exit = await exited;
  const name = fs.readdirSync(dir).find((f) => f.endsWith(".cpuprofile") && !before.has(f));
  if (!name) throw new Error(`no profile written:\n${app.log()}`);
  const file = path.join(dir, name);
  return { result, cpuUsed, seconds: (end - start) / 1000, file, analysis: analyzeProfile(file, { start, end, exit }) };
}

/**
 * Puts 005930 under 투자경고 with three filings received today (or takes them away), as
 * alerts:import and disclosures:import would: the header then shows a badge, a banner and
 * today's 공시. A running server sees it within REFRESH_MS, as it would another process's import.
 */
export function setMarketNews(file: string, on: boolean): void {
  const db = new Database(file);
  try {
    const board = db.prepare(`SELECT id FROM Board WHERE stockCode = '005930'`).get() as { id: number };
    db.prepare(`DELETE FROM MarketAlert WHERE boardId = ?`).run(board.id);
    db.prepare(`DELETE FROM Disclosure WHERE boardId = ? AND receiptNo LIKE 'bench%'`).run(board.id);
    if (!on) return;
    const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
    db.prepare(`INSERT INTO MarketAlert (boardId, kind, startDay, endDay) VALUES (?, 'warning', ?, NULL)`).run(board.id, today);
    const insert = db.prepare(`INSERT INTO Disclosure (receiptNo, boardId, corpCode, corpName, reportName, filerName, day, remark, importedAt) VALUES (?, ?, '00126380', '삼성전자', ?, '삼성전자', ?, '유', ?)`);
    for (const [i, name] of ["기업설명회(IR)개최(안내공시)", "현금ㆍ현물배당결정", "연결재무제표기준영업(잠정)실적(공정공시)"].entries()) insert.run(`bench${i}`, board.id, name, today, new Date().toISOString());
  } finally {
    db.close();
  }
}
