// `npm run bench [-- --quick]`: the benchmark harness (docs/decisions/0011-benchmark.md).
// The production server runs on core 0 and the load generator on core 1 (taskset); each
// route is warmed up, then measured; two baselines run the same way. Prints one table with
// the target ratios and, for a full run, writes bench/RESULTS.md. Fails on errors or non-2xx
// answers, never on speed.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseCommand } from "../src/cli/command.ts";
import { createDb } from "../src/db/client.ts";
import { migrateSqlite } from "../src/db/sqlite-migrate.ts";
import { Prisma } from "../src/generated/prisma/client.ts";
import { num, type SqlInt } from "../src/db/raw.ts";
import { benchPostgresUrl } from "./load-pg.ts";
import { createSessions } from "./sessions.ts";

const { values } = parseCommand({
  name: "npm run bench --",
  usage: "[--quick] [--pg]",
  summary: "Measures the board under load beside baselines of the same stack; writes bench/RESULTS.md (docs/decisions/0011).",
  options: { quick: { type: "boolean" }, pg: { type: "boolean" } },
  optionHelp: { quick: "small data, short runs (CI): fails only on errors or non-2xx", pg: "the app on PostgreSQL (BENCH_PG_URL; npm run bench:data -- --pg first)" },
});
const quick = values.quick ?? false;
const onPg = values.pg ?? false; // the app on PostgreSQL (npm run bench:data -- --pg first)
const SOURCE = path.resolve(quick ? "bench/data/quick.db" : "bench/data/bench.db");
const RUN_DB = path.resolve("bench/data/run.db");
const CONNECTIONS = quick ? 10 : 50;
const WARMUP = quick ? 1 : 3;
const DURATION = quick ? 2 : 10;
const SECRET = "benchmark-secret-benchmark-secret-0123456789";
const cores = os.cpus().length;
const pin = (core: number, cmd: string[]) => (cores > 1 && fs.existsSync("/usr/bin/taskset") ? ["taskset", "-c", String(core), ...cmd] : cmd);

function sh(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  execFileSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
}

if (!fs.existsSync(SOURCE)) {
  if (quick) sh("npx", ["tsx", "bench/generate.ts", "--quick"]);
  else {
    console.error(`${SOURCE} is missing: run \`npm run bench:data\` first (about half a minute).`);
    process.exit(2);
  }
}
// The app's database: a copy of the file (so runs start alike), or the PostgreSQL schema.
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(RUN_DB + suffix, { force: true });
fs.copyFileSync(SOURCE, RUN_DB);
const APP_DB = onPg ? benchPostgresUrl(quick) : `file:${RUN_DB}`;
if (onPg) sh("npx", ["tsx", "bench/generate.ts", "--pg", ...(quick ? ["--quick"] : [])]);
else migrateSqlite(RUN_DB); // a data file from an older schema
sh(process.execPath, ["scripts/prestart.mjs", "--build-only"]); // builds only when the sources changed

const children: ChildProcess[] = [];
process.on("exit", () => children.forEach((c) => c.kill("SIGKILL")));

async function waitFor(url: string, child: ChildProcess, log: () => string): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${log()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return performance.now() - started;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 30_000) throw new Error(`no answer from ${url}:\n${log()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function start(cmd: string[], env: NodeJS.ProcessEnv) {
  const [bin, ...args] = pin(0, cmd);
  const child = spawn(bin!, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  children.push(child);
  return { child, log: () => out };
}

interface Result { rps: number; p50: number; p99: number; errors: number; non2xx: number; total: number }

function load(scenario: string, port: number, duration: number, extra: object = {}): Result {
  // The configuration (with a thousand session cookies) goes through a file: too long for argv.
  const configFile = path.resolve("bench/data/load-config.json");
  fs.writeFileSync(configFile, JSON.stringify({ scenario, url: `http://127.0.0.1:${port}`, connections: CONNECTIONS, duration, ...extra }));
  const output = execFileSync(pin(1, [process.execPath])[0]!, [...pin(1, [process.execPath]).slice(1), "--import", "tsx", "bench/load.ts", configFile], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(output.trim().split("\n").at(-1)!) as Result;
}

function measure(scenario: string, port: number, extra: object = {}): Result {
  load(scenario, port, WARMUP, extra);
  return load(scenario, port, DURATION, extra);
}

function peakRss(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

const APP_PORT = 39_401;
const HELLO_PORT = 39_402;
const STACK_PORT = 39_403;

// Baselines first, each alone on core 0.
const hello = start([process.execPath, "--import", "tsx", "bench/baselines.ts", "hello", String(HELLO_PORT), RUN_DB], {});
await waitFor(`http://127.0.0.1:${HELLO_PORT}/`, hello.child, hello.log);
const results: Record<string, Result> = {};
results.hello = measure("hello", HELLO_PORT);
hello.child.kill();
const stack = start([process.execPath, "--import", "tsx", "bench/baselines.ts", "stack", String(STACK_PORT), RUN_DB], {});
await waitFor(`http://127.0.0.1:${STACK_PORT}/boards/005930`, stack.child, stack.log);
results.stack = measure("page1", STACK_PORT);
stack.child.kill();

// The production server, started as `npm start` starts it (same V8 flag).
const app = start([process.execPath, "--max-semi-space-size=4", "--max-old-space-size=128", "dist/src/server.js"], {
  NODE_ENV: "production",
  PORT: String(APP_PORT),
  HOST: "127.0.0.1",
  DATABASE_URL: APP_DB,
  SESSION_SECRET: SECRET,
  RATE_LIMIT_SCALE: "1000000",
});
const startupMs = await waitFor(`http://127.0.0.1:${APP_PORT}/`, app.child, app.log);
const db = createDb(APP_DB);
const main = await db.board.findUniqueOrThrow({ where: { stockCode: "005930" } });
const posts = main.lastPostNumber;
const counts = { posts: await db.post.count(), comments: await db.comment.count(), votes: await db.vote.count(), users: await db.user.count() };
const sessions = await createSessions(db, SECRET, quick ? 100 : 1000);
// Writes go to recent posts that can take them (not deleted or blinded).
const writable = (
  await db.$queryRaw<{ number: SqlInt; authorId: SqlInt }[]>(Prisma.sql`SELECT "number", "authorId" FROM "Post"
    WHERE "boardId" = ${main.id} AND "deletedAt" IS NULL AND "blindedAt" IS NULL ORDER BY "number" DESC LIMIT 2000`)
).map((r) => ({ number: num(r.number), authorId: num(r.authorId) }));
await db.$disconnect();
const extra = { posts, sessions, writable };

// The deep page is page 5,000 on the full data; the quick data has fewer pages, so the row
// names the page it really measured.
const deepPage = posts >= 100_000 ? "board page 5,000" : `board page ${Math.ceil(posts / 20).toLocaleString("en-US")} (the deepest)`;
const routes: [string, string][] = [
  ["page1", "board page 1"],
  ["page5000", deepPage],
  ["search", "search 실적 (제목+내용)"],
  ["postAnonymous", "post page, anonymous, counting a view"],
  ["postSignedIn", "post page, signed in"],
  ["vote", "vote POST (JSON)"],
  ["comment", "comment POST (JSON)"],
  ["mixed", "mixed: 90% reads, 10% writes"],
];
for (const [scenario] of routes) results[scenario] = measure(scenario, APP_PORT, extra);
const rss = peakRss(app.child.pid!);
app.child.kill("SIGTERM");

// The table.
const f = (n: number, d = 0) => n.toFixed(d);
const rows = [
  ["hello", "baseline: node:http hello (ceiling)"],
  ["stack", "baseline: board page 1 from better-sqlite3 + EJS (stack limit)"],
  ...routes,
].map(([key, label]) => {
  const r = results[key!]!;
  return `| ${label} | ${f(r.rps)} | ${f(r.p50, 1)} | ${f(r.p99, 1)} | ${r.errors} | ${r.non2xx} |`;
});
const ratio = (a: number, b: number) => a / b;
const readRoutes = ["page1", "page5000", "search", "postAnonymous", "postSignedIn"];
const checks: [string, string, boolean][] = [
  ["board page 1 ÷ stack limit", f(ratio(results.page1!.rps, results.stack!.rps), 2), ratio(results.page1!.rps, results.stack!.rps) >= 0.8],
  [`${deepPage} ÷ board page 1`, f(ratio(results.page5000!.rps, results.page1!.rps), 2), ratio(results.page5000!.rps, results.page1!.rps) >= 0.95],
  ["post page with view counting ÷ board page 1", f(ratio(results.postAnonymous!.rps, results.page1!.rps), 2), ratio(results.postAnonymous!.rps, results.page1!.rps) >= 0.8],
  ["signed-in post page ÷ anonymous post page", f(ratio(results.postSignedIn!.rps, results.postAnonymous!.rps), 2), ratio(results.postSignedIn!.rps, results.postAnonymous!.rps) >= 0.85],
  ["worst p99 of the read routes (ms)", f(Math.max(...readRoutes.map((k) => results[k]!.p99)), 1), Math.max(...readRoutes.map((k) => results[k]!.p99)) <= 50],
  ["search p50 (ms)", f(results.search!.p50, 1), results.search!.p50 <= 20],
  ["peak RSS of the server (MB)", f(rss), rss <= 200],
  ["errors and non-2xx answers", String(Object.values(results).reduce((n, r) => n + r.errors + r.non2xx, 0)), Object.values(results).every((r) => r.errors + r.non2xx === 0)],
  ["start-up to first answer (ms)", f(startupMs), startupMs <= 1500],
];
const targets = { "board page 1 ÷ stack limit": "≥ 0.8", [`${deepPage} ÷ board page 1`]: "≥ 0.95", "post page with view counting ÷ board page 1": "≥ 0.8", "signed-in post page ÷ anonymous post page": "≥ 0.85", "worst p99 of the read routes (ms)": "≤ 50", "search p50 (ms)": "≤ 20", "peak RSS of the server (MB)": "≤ 200", "errors and non-2xx answers": "0", "start-up to first answer (ms)": "≤ 1500" } as Record<string, string>;

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
const report = [
  `## ${quick ? "Quick run" : "Run"} of ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC — jongto on ${onPg ? "PostgreSQL" : "SQLite"}`,
  "",
  `Machine: ${cpu}, ${cores} cores, ${f(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}. ` +
    `Server pinned to core 0, load (autocannon, ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s) to core 1. ` +
    `${onPg ? "jongto on PostgreSQL 15 (127.0.0.1, pool of 10); the baselines on SQLite as always. " : ""}Data: ${counts.users} users, ${counts.posts} posts (${posts} on 005930), ${counts.comments} comments, ${counts.votes} votes.`,
  "",
  "| route | req/s | p50 ms | p99 ms | errors | non-2xx |",
  "|---|---:|---:|---:|---:|---:|",
  ...rows,
  "",
  "| ratio | target | measured | met |",
  "|---|---|---:|:-:|",
  ...checks.map(([name, value, ok]) => `| ${name} | ${targets[name]} | ${value} | ${ok ? "yes" : "**no**"} |`),
  "",
].join("\n");
console.log(`\n${report}`);

if (!quick) {
  const file = path.resolve("bench/RESULTS.md");
  const header = "# Benchmark results\n\nWritten by `npm run bench` (newest first). See docs/decisions/0011-benchmark.md for what is measured and why.\n\n";
  const previous = fs.existsSync(file) ? fs.readFileSync(file, "utf8").replace(header, "") : "";
  fs.writeFileSync(file, header + report + "\n" + previous);
  console.log(`written to ${file}`);
}
const failed = Object.values(results).some((r) => r.errors + r.non2xx > 0);
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(RUN_DB + suffix, { force: true });
process.exit(failed ? 1 : 0);
