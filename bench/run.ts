// `npm run bench [-- --quick] [-- --pg]`: the benchmark harness (docs/decisions/0011, 0014,
// 0040); `-- --data big` runs bench/big.ts instead (the read routes at a real board's size).
// The servers run on core 0 and the load generator on core 1 (taskset). Baselines of the same
// stack run beside jongto in the same run: node:http and Express 5 answering "hello", node:http
// sending board page 1's bytes with the app's headers (a cache hit's ceiling), and the board
// page straight from better-sqlite3 with the app's templates, bare and through Express
// routing + res.render. jongto runs twice — page cache off and on (and on PostgreSQL with
// --pg), the cache-on server also under a market-open load over every board — and once more
// under the CPU profiler for the idle and garbage-collection share.
// The machines are shared and their speed drifts within minutes, so every server is started
// first and the routes are measured in rounds, each route once per round (warmed up, then
// measured, with a progress line); a route's figures are the medians of its rounds, so a slow
// minute moves one round of every route rather than all the rounds of a few. Prints one table
// with the target ratios and, for a full run, prepends it to bench/RESULTS.md. Fails on errors
// or non-2xx answers, never on speed.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import os from "node:os";
import path from "node:path";
import { parseCommand } from "../src/cli/command.ts";
import { childEnv } from "../src/config/env.ts";
import { writeListing } from "./listing.ts";
import { REFRESH_MS } from "../src/modules/boards/directory.service.ts";
import { setTimeout as sleep } from "node:timers/promises";
import { analyzeProfile, commentPosts, cores, marketBoards, median, prependResults, load, measureApart, peakRss, pin, prepareRun, profiledRun, RUN_DB, scenarioData, setMarketNews, sh, start, startApp, waitFor, type Result, type Server } from "./harness.ts";
import { benchPostgresUrl } from "./load-pg.ts";
import { openCtx } from "../src/context.ts";
import { systemClock } from "../src/lib/clock.ts";
import { scanIntegrity } from "../src/modules/integrity/scan.service.ts";
import type { CleanbotCost } from "./cleanbot.ts";

const { values } = parseCommand({
  name: "npm run bench --",
  usage: "[--quick] [--pg] | --data big",
  summary: "같은 스택의 기준선 옆에서 보드를 부하로 재고 bench/RESULTS.md를 씁니다 (보고는 영어, docs/decisions/0011, 0014, 0040).",
  options: { quick: { type: "boolean" }, pg: { type: "boolean" }, data: { type: "string" } },
  optionHelp: {
    quick: "작은 데이터, 짧은 실행 (CI): 오류나 2xx가 아닌 응답에서만 실패합니다",
    pg: "PostgreSQL(BENCH_PG_URL)에서도 재어 PostgreSQL ÷ SQLite 비율을 냅니다",
    data: "big: 읽기 경로를 실제 큰 게시판 크기(npm run bench:data -- --size big)와 평소 데이터에서 나란히 잽니다",
  },
});
const quick = values.quick ?? false;
const onPg = values.pg ?? false;
if (values.data !== undefined) {
  if (values.data !== "big" || quick || onPg) {
    console.error(`npm run bench: --data는 big만 받고 --quick, --pg와 함께 쓰지 않습니다 (받은 값: ${values.data})`);
    process.exit(2);
  }
  const { runBig } = await import("./big.ts");
  process.exit(await runBig());
}
const CONNECTIONS = quick ? 10 : 50;
const WARMUP = quick ? 1 : 2;
const DURATION = quick ? 2 : 5;
const ROUNDS = quick ? 1 : 3;
const PROFILE_DURATION = 10;
// Below Linux's ephemeral range (32768–60999): a port in it can be taken at any moment by an
// outgoing connection of this machine (the load generator's, a database client's), which once
// made a server fail to start with EADDRINUSE.
const PORTS = { baseline: 29_402, off: 29_403, on: 29_404, pg: 29_405, profiled: 29_406, silent: 29_410 };
const BASELINE_PORTS = { hello: 29_402, "express-hello": 29_407, stack: 29_408, "express-board": 29_409, "page-bytes": 29_412 };

const databaseUrl = prepareRun(quick);
// In a process of its own: the filter's cost, not the collection of what this process did
// before it.
const cleanbot = measureApart<CleanbotCost>("bench/cleanbot.ts", [databaseUrl]);
const worstHostile = Math.max(...Object.values(cleanbot.worst));
const pgUrl = onPg ? benchPostgresUrl(quick) : null;
if (pgUrl) sh(process.execPath, ["--import", "tsx", "bench/generate.ts", "--pg", ...(quick ? ["--quick"] : [])]);
const data = await scenarioData(databaseUrl, quick ? 100 : 1000);
const BOARD_COUNT = 3000;
const importTimes = timeBoardsImport();
const extra = { posts: data.posts, sessions: data.sessions, writable: data.writable, commentPosts: commentPosts(RUN_DB), market: marketBoards(RUN_DB) };
const integrity = await timeIntegrityScan();

/**
 * The integrity scan (docs/product.md §9) over the data's last 30 days, in this process on an
 * idle machine, as housekeeping runs it: the first run opens the planted ring's case, the
 * next two find nothing new (the hourly steady state).
 */
async function timeIntegrityScan() {
  const ctx = await openCtx({ DATABASE_URL: databaseUrl }, systemClock);
  try {
    const runs = [];
    for (let i = 0; i < 3; i++) {
      // The longest the scan holds the event loop at once: what a request waits behind it.
      const delay = monitorEventLoopDelay({ resolution: 1 });
      delay.enable();
      const result = await scanIntegrity(ctx);
      delay.disable();
      runs.push({ ...result, blockMs: delay.max / 1e6 });
    }
    return runs;
  } finally {
    await ctx.db.$disconnect();
  }
}

/**
 * `npm run boards:import` of a 3,000-row listing (CP949, as KRX writes it) as an operator runs
 * it: into a freshly migrated database, then again (nothing to change). Wall time of the
 * command, process start-up included.
 */
function timeBoardsImport(): { fresh: number; again: number } {
  const file = path.resolve("bench/data/import-check.db");
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  const env = { DATABASE_URL: `file:${file}`, LOG_LEVEL: "silent" };
  sh(process.execPath, ["--import", "tsx", "scripts/migrate.ts", "--seed", "--quiet"], env);
  const listing = path.resolve("bench/data/listing-3000.csv");
  writeListing(listing, BOARD_COUNT);
  const timed = () => {
    const t0 = performance.now();
    sh(process.execPath, ["--import", "tsx", "scripts/boards-import.ts", listing], env);
    return performance.now() - t0;
  };
  const fresh = timed();
  const again = timed();
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  return { fresh, again };
}

// What runs, in order, for the progress line's estimate.
interface Step {
  key: string;
  label: string;
  server: "baseline" | "off" | "silent" | "on" | "pg";
  scenario: string;
  baseline?: string;
  connections?: number; // CONNECTIONS unless set
  market?: boolean; // 005930 under 투자경고 with today's 공시 while it runs (setMarketNews)
}
const deepPage = data.posts >= 100_000 ? "board page 5,000" : `board page ${Math.ceil(data.posts / 20).toLocaleString("en-US")} (the deepest)`;
const steps: Step[] = [
  { key: "hello", label: "baseline: node:http hello", server: "baseline", scenario: "hello", baseline: "hello" },
  { key: "expressHello", label: "baseline: Express 5 hello", server: "baseline", scenario: "hello", baseline: "express-hello" },
  { key: "pageBytes", label: "baseline: node:http sending board page 1's bytes from memory, the app's headers", server: "baseline", scenario: "page1", baseline: "page-bytes" },
  { key: "pageBytesBrowser", label: "baseline: the same, brotli-compressed for a browser's Accept-Encoding", server: "baseline", scenario: "page1Browser", baseline: "page-bytes" },
  { key: "stack", label: "baseline: board page 1, node:http + EJS + better-sqlite3", server: "baseline", scenario: "page1", baseline: "stack" },
  { key: "expressBoard", label: "baseline: board page 1, Express 5 + EJS + better-sqlite3", server: "baseline", scenario: "page1", baseline: "express-board" },
  { key: "page1", label: "board page 1, cache off", server: "off", scenario: "page1" },
  { key: "page1Market", label: "board page 1 with a 투자경고 badge, its banner and 3 of today's 공시, cache off", server: "off", scenario: "page1", market: true },
  { key: "page1Silent", label: "board page 1, cache off, request logs off (LOG_LEVEL=silent)", server: "silent", scenario: "page1" },
  { key: "page5000", label: `${deepPage}, cache off`, server: "off", scenario: "page5000" },
  { key: "search", label: "search 실적 (제목+내용), cache off", server: "off", scenario: "search" },
  { key: "apiPosts", label: "JSON API: a board's newest 20 posts", server: "off", scenario: "apiPosts" },
  { key: "sortPopular", label: "board 인기 tab (today's posts by score), cache off", server: "off", scenario: "sortPopular" },
  { key: "sortViews", label: "board 조회순 tab (last 7 days), cache off", server: "off", scenario: "sortViews" },
  { key: "sortUps", label: "board 추천순 tab (last 7 days), cache off", server: "off", scenario: "sortUps" },
  { key: "suggest", label: `종목 suggestions over ${BOARD_COUNT.toLocaleString("en-US")} boards`, server: "off", scenario: "suggest" },
  { key: "suggestOne", label: `종목 suggestions, one person typing (1 connection)`, server: "off", scenario: "suggest", connections: 1 },
  { key: "postAnonymous", label: "post page, anonymous, new viewer each time, cache off", server: "off", scenario: "postAnonymous" },
  { key: "postSignedIn", label: "post page, signed in", server: "off", scenario: "postSignedIn" },
  { key: "commentsQuiet", label: "post page with 10 comments, cache off", server: "off", scenario: "commentsQuiet" },
  { key: "commentsFull", label: "post page with the 5,000-comment post's first page only (50 comments and their replies), cache off", server: "off", scenario: "commentsFull" },
  { key: "commentsHot", label: "post page with 5,000 comments: first comment page, cache off", server: "off", scenario: "commentsHot" },
  { key: "commentsHotLast", label: "post page with 5,000 comments: comment page 90 (the last), cache off", server: "off", scenario: "commentsHotLast" },
  { key: "commentsHotBest", label: "post page with 5,000 comments: 공감순, cache off", server: "off", scenario: "commentsHotBest" },
  { key: "vote", label: "vote POST (JSON)", server: "off", scenario: "vote" },
  { key: "comment", label: "comment POST (JSON)", server: "off", scenario: "comment" },
  { key: "page1Cached", label: "board page 1, cache on", server: "on", scenario: "page1" },
  { key: "page1CachedBrowser", label: "board page 1, cache on, a browser's Accept-Encoding (brotli)", server: "on", scenario: "page1Browser" },
  { key: "postCached", label: "post page, cache on, new viewer each time", server: "on", scenario: "postHot" },
  { key: "mixed", label: "mixed: 90% reads, 10% writes, cache on", server: "on", scenario: "mixed" },
  {
    key: "marketOpen",
    label: `market open: ${extra.market.length.toLocaleString("en-US")} boards, Zipf reads (90 % anonymous), 5 % votes, 3 % comments, 2 % new posts, cache on`,
    server: "on",
    scenario: "marketOpen",
  },
  ...(pgUrl ? [{ key: "page1Pg", label: "board page 1 on PostgreSQL, cache off", server: "pg" as const, scenario: "page1" }] : []),
];
const STEP_SECONDS = WARMUP + DURATION + 2; // load runs plus start-up of the load generator
const PROFILE_SECONDS = 2 * (3 + PROFILE_DURATION + 3);
const started = Date.now();
let done = 0;
const total = ROUNDS * steps.length * STEP_SECONDS + PROFILE_SECONDS;
function progress(round: number, label: string, r: Result) {
  done += STEP_SECONDS;
  const left = Math.max(0, total - done);
  console.log(
    `[${String(Math.round((Date.now() - started) / 1000)).padStart(4)} s] round ${round}/${ROUNDS} ${label}: ${r.rps.toFixed(0)} req/s, p99 ${r.p99} ms` +
      `${r.errors + r.non2xx ? `, ${r.errors} errors, ${r.non2xx} non-2xx` : ""} — about ${Math.ceil(left / 60)} min left`,
  );
}

// Every server up first, each on core 0 (an idle one costs nothing): the baselines, then
// jongto started as `npm start` starts it, page cache off, on, and on PostgreSQL.
const ports: Record<string, number> = {};
const baselineServers: Server[] = [];
for (const step of steps.filter((s) => s.server === "baseline")) {
  const port = BASELINE_PORTS[step.baseline as keyof typeof BASELINE_PORTS];
  ports[step.key] = port;
  if (Object.values(ports).filter((p) => p === port).length > 1) continue; // one server for the rows it answers
  const server = start([process.execPath, "--import", "tsx", "bench/baselines.ts", step.baseline!, String(port), RUN_DB], {});
  await waitFor(`http://127.0.0.1:${port}${step.scenario === "page1" ? "/boards/005930" : "/"}`, server);
  baselineServers.push(server);
}
const servers: Record<string, { app: Server; startupMs: number }> = {};
for (const [name, env] of [
  ["off", { PAGE_CACHE: "off", DATABASE_URL: databaseUrl }],
  ["silent", { PAGE_CACHE: "off", DATABASE_URL: databaseUrl, LOG_LEVEL: "silent" }],
  ["on", { PAGE_CACHE: "on", DATABASE_URL: databaseUrl }],
  ...(pgUrl ? [["pg", { PAGE_CACHE: "off", DATABASE_URL: pgUrl }]] : []),
] as [keyof typeof PORTS, Record<string, string>][]) {
  const app = startApp(PORTS[name], env.DATABASE_URL!, env);
  servers[name] = { app, startupMs: await waitFor(`http://127.0.0.1:${PORTS[name]}/`, app) };
}
const portOf = (step: Step) => (step.server === "baseline" ? ports[step.key]! : PORTS[step.server]);

const rounds: Record<string, Result[]> = {};
for (let round = 1; round <= ROUNDS; round++) {
  for (const step of steps) {
    const connections = step.connections ?? CONNECTIONS;
    // The servers' copies of a board's 시장경보 and today's 공시 are at most REFRESH_MS old.
    if (step.market) {
      setMarketNews(RUN_DB, true);
      await sleep(REFRESH_MS + 500);
    }
    load(step.scenario, portOf(step), { connections, duration: WARMUP, extra });
    const r = load(step.scenario, portOf(step), { connections, duration: DURATION, extra });
    if (step.market) {
      const page = await (await fetch(`http://127.0.0.1:${portOf(step)}/boards/005930`)).text();
      if (!page.includes("투자경고 종목입니다.") || !page.includes("오늘 공시 3건")) throw new Error("the board page did not show the 투자경고 banner and today's 공시");
      setMarketNews(RUN_DB, false);
      await sleep(REFRESH_MS + 500);
    }
    (rounds[step.key] ??= []).push(r);
    progress(round, step.label, r);
  }
}

/** A route's result: the median of its rounds (errors and cache answers added up). */
const results: Record<string, Result> = Object.fromEntries(
  Object.entries(rounds).map(([key, rs]) => {
    const cache: Record<string, { hit: number; miss: number }> = {};
    for (const r of rs) for (const [kind, c] of Object.entries(r.cache ?? {})) {
      const sum = (cache[kind] ??= { hit: 0, miss: 0 });
      sum.hit += c.hit;
      sum.miss += c.miss;
    }
    const sum = (pick: (r: Result) => number) => rs.reduce((n, r) => n + pick(r), 0);
    const result: Result = {
      rps: median(rs.map((r) => r.rps)),
      p50: median(rs.map((r) => r.p50)),
      p97_5: median(rs.map((r) => r.p97_5 ?? 0)),
      p99: median(rs.map((r) => r.p99)),
      errors: sum((r) => r.errors),
      non2xx: sum((r) => r.non2xx),
      total: sum((r) => r.total),
      cache,
    };
    return [key, result];
  }),
);

// The costliest anonymous requests, one at a time on an idle server (cache off): the answer's
// time is about how long the request held the event loop, since nothing else is running. No
// anonymous request may hold it past 50 ms (a slow one stalls every other reader meanwhile).
const SOLO_REQUESTS = quick ? 3 : 10;
const lastSitemap = Math.max(1, Math.ceil(data.posts / 1000));
const soloUrls = [
  "/",
  "/users/2",
  "/sitemap.xml",
  "/sitemaps/005930/1.xml",
  `/sitemaps/005930/${lastSitemap}.xml`,
  "/boards/005930/feed.atom",
  `/boards/005930?field=title_content&q=${encodeURIComponent("실적")}`,
  "/boards/005930?field=title_content&q=a",
  "/boards/005930?field=title_content&q=%21", // refused (400) without a scan
  `/boards/005930?field=content&q=${encodeURIComponent("삼")}`, // refused (400) without a scan
  "/boards/005930?sort=popular",
  "/boards/005930/jury",
  "/boards/005930/jury?page=30",
  "/moderation",
  "/api/v1/boards/005930/posts?limit=50",
  `/boards?q=${encodeURIComponent("ㅅ")}`,
];
const solo: { url: string; p50: number; max: number; status: number }[] = [];
for (const url of soloUrls) {
  const times: number[] = [];
  let status = 0;
  for (let i = 0; i < SOLO_REQUESTS + 2; i++) {
    const t0 = performance.now();
    // A kept-alive socket the server closed meanwhile fails the write (EPIPE); one more try
    // on a new connection, since this measures the server, not undici's pool.
    const res = await fetch(`http://127.0.0.1:${PORTS.off}${url}`).catch(() => fetch(`http://127.0.0.1:${PORTS.off}${url}`));
    await res.arrayBuffer();
    status = res.status;
    if (i >= 2) times.push(performance.now() - t0); // two warm-ups
  }
  solo.push({ url, p50: median(times), max: Math.max(...times), status });
}
const slowestSolo = solo.reduce((a, b) => (b.max > a.max ? b : a));
console.log(`one at a time: slowest ${slowestSolo.url} ${slowestSolo.max.toFixed(1)} ms`);

const rss: Record<string, number> = {};
for (const [name, { app }] of Object.entries(servers)) {
  rss[name] = peakRss(app.child.pid!);
  app.child.kill("SIGTERM");
  await new Promise((resolve) => app.child.once("exit", resolve));
}
for (const server of baselineServers) {
  server.child.kill();
  await new Promise((resolve) => server.child.once("exit", resolve));
}

// The live board (docs/decisions/0038): open streams, the fan-out of a comment, the board page
// beside idle streams, and on PostgreSQL the time from one instance's commit to another's event.
const live = measureLive();
done += quick ? 20 : 120;

// The main thread's idle and GC share on board page 1 (cache off), beside the same share for
// the Express + EJS + better-sqlite3 baseline under the same load: the part of it that comes
// from the load, not the app.
const profiled = await profiledRun("page1", PORTS.profiled, databaseUrl, { connections: CONNECTIONS, duration: PROFILE_DURATION, extra }, { PAGE_CACHE: "off" });
const baselineProfile = await profiledBaseline();
done += PROFILE_SECONDS;
const share = (a: { idle: number; gc: number; total: number }) => ({ idle: (100 * a.idle) / a.total, gc: (100 * a.gc) / a.total });
const appShare = share(profiled.analysis);
const baseShare = share(baselineProfile);

interface LiveCost {
  streams: number;
  rssWith: number;
  peak: number;
  rpsWithout: number;
  rpsBeside: number;
  rounds: { without: number[]; beside: number[] };
  failures: number;
  fanout: { p50: number; p99: number; comments: number };
  cross: { p50: number; p99: number; fromRequestP50: number; samples: number } | null;
}

/** bench/live.ts in a process of its own on core 1 (it holds the streams), its servers on core 0. */
function measureLive(): LiveCost {
  // 10,000 streams want the 160 MB old space docs/deploy.md gives an instance meant for them.
  const flags = quick ? ["--quick"] : ["--node=--max-old-space-size=160"];
  const [bin, ...args] = pin(1, [process.execPath, "--import", "tsx", "bench/live.ts", databaseUrl, ...flags, ...(pgUrl ? [pgUrl] : [])]);
  const out = execFileSync(bin!, args, { stdio: ["ignore", "pipe", "inherit"], env: childEnv({ LOG_LEVEL: "silent" }), maxBuffer: 16 * 1024 * 1024 });
  const result = JSON.parse(out.toString().trim().split("\n").at(-1)!) as LiveCost;
  console.log(`live: ${result.streams} streams, RSS ${result.rssWith.toFixed(0)} MB, a comment to all in p99 ${result.fanout.p99.toFixed(0)} ms`);
  return result;
}

async function profiledBaseline() {
  const dir = path.resolve("bench/data/profiles");
  const before = new Set(fs.readdirSync(dir));
  const server = start([process.execPath, "--cpu-prof", `--cpu-prof-dir=${dir}`, "--cpu-prof-interval=200", "--import", "tsx", "bench/baselines.ts", "express-board", String(PORTS.baseline), RUN_DB], {});
  await waitFor(`http://127.0.0.1:${PORTS.baseline}/boards/005930`, server);
  load("page1", PORTS.baseline, { connections: CONNECTIONS, duration: 3, extra });
  const start_ = Date.now();
  load("page1", PORTS.baseline, { connections: CONNECTIONS, duration: PROFILE_DURATION, extra });
  const end = Date.now();
  const exited = new Promise<number>((resolve) => server.child.once("exit", () => resolve(Date.now())));
  server.child.kill("SIGTERM");
  const exit = await exited;
  const name = fs.readdirSync(dir).find((f) => f.endsWith(".cpuprofile") && !before.has(f))!;
  return analyzeProfile(path.join(dir, name), { start: start_, end, exit });
}

// The table.
const f = (n: number, d = 0) => n.toFixed(d);
const r = (key: string) => results[key]!;
const ratio = (a: string, b: string) => r(a).rps / r(b).rps;
const spread = (key: string) => {
  const rps = rounds[key]!.map((x) => x.rps);
  return rps.length > 1 ? ` (${f(Math.min(...rps))}–${f(Math.max(...rps))})` : "";
};
/** The share of answers the page cache gave, over all kinds or one. */
const hitRate = (c: Record<string, { hit: number; miss: number }> | undefined, kind?: string) => {
  const counts = Object.entries(c ?? {}).filter(([k]) => !kind || k === kind).map(([, v]) => v);
  const hit = counts.reduce((n, v) => n + v.hit, 0);
  const all = counts.reduce((n, v) => n + v.hit + v.miss, 0);
  return all ? `${f((100 * hit) / all)} %` : "—";
};
const rows = steps.map(
  (s) => `| ${s.label} | ${f(r(s.key).rps)}${spread(s.key)} | ${f(r(s.key).p50, 1)} | ${f(r(s.key).p99, 1)} | ${hitRate(r(s.key).cache)} | ${r(s.key).errors} | ${r(s.key).non2xx} |`,
);
const hitsByKind = (key: string) => Object.keys(r(key).cache ?? {}).sort().map((kind) => `${kind} ${hitRate(r(key).cache, kind)}`).join(", ") || "—";
const cachedReads = ["page1Cached", "page1CachedBrowser", "postCached"];
const peak = Math.max(...Object.values(rss));
const failures = Object.values(results).reduce((n, x) => n + x.errors + x.non2xx, 0);
const checks: [string, string, string, boolean][] = [
  ["board page 1 with a 투자경고 badge, banner and today's 공시 ÷ without (cache off)", "≥ 0.95", f(ratio("page1Market", "page1"), 2), ratio("page1Market", "page1") >= 0.95],
  ["board page 1 with a log line per request ÷ with logs off (cache off)", "≥ 0.95", f(ratio("page1", "page1Silent"), 2), ratio("page1", "page1Silent") >= 0.95],
  ["board page 1, cache off ÷ Express + EJS + better-sqlite3 board baseline", "≥ 0.6", f(ratio("page1", "expressBoard"), 2), ratio("page1", "expressBoard") >= 0.6],
  ["post page with view counting, cache off ÷ board page 1, cache off", "≥ 0.85", f(ratio("postAnonymous", "page1"), 2), ratio("postAnonymous", "page1") >= 0.85],
  ["board page 1, cache on ÷ node:http hello baseline", "≥ 0.5", f(ratio("page1Cached", "hello"), 2), ratio("page1Cached", "hello") >= 0.5],
  ["board page 1, cache on ÷ node:http sending the same bytes and headers (plain / brotli)", "≥ 0.8", `${f(ratio("page1Cached", "pageBytes"), 2)} / ${f(ratio("page1CachedBrowser", "pageBytesBrowser"), 2)}`, Math.min(ratio("page1Cached", "pageBytes"), ratio("page1CachedBrowser", "pageBytesBrowser")) >= 0.8],
  ["board page 1, cache on ÷ Express hello baseline", "≥ 0.5", f(ratio("page1Cached", "expressHello"), 2), ratio("page1Cached", "expressHello") >= 0.5],
  ["post page, cache on, every request a new viewer ÷ Express hello baseline", "≥ 0.4", f(ratio("postCached", "expressHello"), 2), ratio("postCached", "expressHello") >= 0.4],
  ["vote POST ÷ board page 1, cache off", "≥ 0.5", f(ratio("vote", "page1"), 2), ratio("vote", "page1") >= 0.5],
  ["comment POST ÷ board page 1, cache off", "≥ 0.4", f(ratio("comment", "page1"), 2), ratio("comment", "page1") >= 0.4],
  ["mixed 90 % reads / 10 % writes, cache on ÷ board page 1, cache off", "≥ 1.5", f(ratio("mixed", "page1"), 2), ratio("mixed", "page1") >= 1.5],
  ["market open over every board, cache on ÷ board page 1, cache off", "≥ 1.5", f(ratio("marketOpen", "page1"), 2), ratio("marketOpen", "page1") >= 1.5],
  ["post with 5,000 comments ÷ post with 10, first comment page (time per request)", "≤ 1.2", f(ratio("commentsQuiet", "commentsHot"), 2), ratio("commentsQuiet", "commentsHot") <= 1.2],
  ["post with 5,000 comments ÷ post with only its first page (the same page: the total's own cost)", "≤ 1.2", f(ratio("commentsFull", "commentsHot"), 2), ratio("commentsFull", "commentsHot") <= 1.2],
  ["signed-in post page ÷ anonymous post page, cache off", "≥ 0.85", f(ratio("postSignedIn", "postAnonymous"), 2), ratio("postSignedIn", "postAnonymous") >= 0.85],
  ["p99 of every cached read route (ms)", "≤ 20", f(Math.max(...cachedReads.map((k) => r(k).p99)), 1), Math.max(...cachedReads.map((k) => r(k).p99)) <= 20],
  [
    `idle + GC share of main-thread samples, board page 1 at ${CONNECTIONS} connections`,
    "≤ 10 %",
    `${f(appShare.idle + appShare.gc, 1)} % (idle ${f(appShare.idle, 1)}, GC ${f(appShare.gc, 1)}; the Express board baseline: ${f(baseShare.idle + baseShare.gc, 1)} %)`,
    appShare.idle + appShare.gc <= 10,
  ],
  ["peak RSS of the server (MB)", "≤ 200", `${f(peak)} (${Object.entries(rss).map(([k, v]) => `cache ${k === "pg" ? "off, PostgreSQL" : k}: ${f(v)}`).join(", ")})`, peak <= 200],
  ...(pgUrl ? [["PostgreSQL board page 1, cache off ÷ SQLite board page 1, cache off", "≥ 0.8", f(ratio("page1Pg", "page1"), 2), ratio("page1Pg", "page1") >= 0.8] as [string, string, string, boolean]] : []),
  [`${deepPage} ÷ board page 1 (cache off)`, "≥ 0.95", f(ratio("page5000", "page1"), 2), ratio("page5000", "page1") >= 0.95],
  ["search p50 (ms)", "≤ 20", f(r("search").p50, 1), r("search").p50 <= 20],
  ["JSON API newest posts ÷ board page 1 (cache off)", "≥ 0.9", f(ratio("apiPosts", "page1"), 2), ratio("apiPosts", "page1") >= 0.9],
  ...(["sortPopular", "sortViews", "sortUps"] as const).map(
    (k): [string, string, string, boolean] => [`${steps.find((s) => s.key === k)!.label.split(" (")[0]} ÷ board page 1 (cache off)`, "≥ 0.9", f(ratio(k, "page1"), 2), ratio(k, "page1") >= 0.9],
  ),
  [`종목 suggestions over ${BOARD_COUNT.toLocaleString("en-US")} boards, one person typing: p97.5 (ms; ≥ p95)`, "≤ 50", f(r("suggestOne").p97_5 ?? 0, 1), (r("suggestOne").p97_5 ?? 0) <= 50],
  [
    `boards:import of a ${BOARD_COUNT.toLocaleString("en-US")}-row listing into a fresh database, the command's wall time (ms)`,
    "≤ 5000",
    `${f(importTimes.fresh)} (run again, nothing to change: ${f(importTimes.again)})`,
    importTimes.fresh <= 5000 && importTimes.again <= 5000,
  ],
  [
    "integrity scan of the last 30 days (ms; first run, then the steady state)",
    "≤ 5000",
    `${f(integrity[0]!.ms)}, then ${integrity.slice(1).map((x) => f(x.ms)).join(" and ")} (${integrity[0]!.votesRead} votes read, ${integrity[0]!.sharedSignals} shared signals, ${integrity[0]!.opened} case opened)`,
    Math.max(...integrity.map((x) => x.ms)) <= 5000 && integrity[0]!.opened >= 1,
  ],
  ["integrity scan: longest event-loop block (ms)", "≤ 50", f(Math.max(...integrity.map((x) => x.blockMs)), 1), Math.max(...integrity.map((x) => x.blockMs)) <= 50],
  ["클린봇 screening a 6,000-character post, rules' version read included: p99 (ms)", "≤ 1", `${f(cleanbot.p99, 2)} (p50 ${f(cleanbot.p50, 2)})`, cleanbot.p99 <= 1],
  [
    "클린봇 on hostile text of a post's largest size, slowest of 5 (ms)",
    "≤ 50",
    Object.entries(cleanbot.worst).map(([name, ms]) => `${name}: ${f(ms, 1)}`).join(", "),
    worstHostile <= 50,
  ],
  [
    "클린봇 corpus: evasions caught / ordinary texts touched",
    "≥ 95 % / ≤ 1 %",
    `${cleanbot.caught}/${cleanbot.evasions} (${f((100 * cleanbot.caught) / cleanbot.evasions, 1)} %) / ${cleanbot.touched}/${cleanbot.ordinary} (${f((100 * cleanbot.touched) / cleanbot.ordinary, 1)} %)`,
    cleanbot.caught / cleanbot.evasions >= 0.95 && cleanbot.touched / cleanbot.ordinary <= 0.01,
  ],
  ["start-up to first answer (ms)", "≤ 1500", f(servers.off!.startupMs), servers.off!.startupMs <= 1500],
  [`slowest anonymous answer, one request at a time (ms; max of ${SOLO_REQUESTS})`, "≤ 50", `${f(slowestSolo.max, 1)} (${slowestSolo.url})`, slowestSolo.max <= 50],
  [`${live.streams.toLocaleString("en-US")} open live streams: RSS of the server with them open (MB${quick ? "" : "; LIVE_STREAMS_MAX=10000, --max-old-space-size=160"})`, "≤ 256", `${f(live.rssWith)} (peak ${f(live.peak)} while board pages were served beside them)`, live.rssWith <= 256],
  [`a new comment reaching all ${live.streams.toLocaleString("en-US")} streams: p99 from its answer (ms; ${live.fanout.comments} comments)`, "≤ 1000", `${f(live.fanout.p99)} (p50 ${f(live.fanout.p50)})`, live.fanout.p99 <= 1000],
  [`board page 1 with ${live.streams.toLocaleString("en-US")} idle streams open ÷ without (cache off)`, "≥ 0.9", `${f(live.rpsBeside / live.rpsWithout, 2)} (medians ${f(live.rpsBeside)} ÷ ${f(live.rpsWithout)} req/s; turns without ${live.rounds.without.map((x) => f(x)).join(", ")}, beside ${live.rounds.beside.map((x) => f(x)).join(", ")})`, live.rpsBeside / live.rpsWithout >= 0.9],
  ...(live.cross
    ? [[`PostgreSQL, two instances: a comment's answer on A to its event on B (p50 / p99 ms, ${live.cross.samples} comments)`, "reported", `${f(live.cross.p50, 1)} / ${f(live.cross.p99, 1)} (from the request: p50 ${f(live.cross.fromRequestP50, 1)})`, true] as [string, string, string, boolean]]
    : []),
  ["errors and non-2xx answers", "0", String(failures + live.failures), failures + live.failures === 0],
];

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
const report = [
  `## ${quick ? "Quick run" : "Run"} of ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC${pgUrl ? " (with PostgreSQL)" : ""}`,
  "",
  `Machine: ${cpu}, ${cores} cores, ${f(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}. ` +
    `Servers pinned to core 0, load (autocannon, ${CONNECTIONS} connections) to core 1. ` +
    `Every route measured in ${ROUNDS} round${ROUNDS > 1 ? "s" : ""} of ${WARMUP} s warm-up + ${DURATION} s; req/s, p50 and p99 are the medians of the rounds${ROUNDS > 1 ? " (req/s range in brackets)" : ""}. ` +
    `Data: ${data.counts.users} users, ${data.counts.posts} posts (${data.posts} on 005930), ${data.counts.comments} comments, ${data.counts.votes} votes. ` +
    `Profile of board page 1 (cache off): ${path.relative(process.cwd(), profiled.file)}.`,
  "",
  "| route | req/s | p50 ms | p99 ms | cache hits | errors | non-2xx |",
  "|---|---:|---:|---:|---:|---:|---:|",
  ...rows,
  "",
  `Page-cache hits by request kind, mixed run: ${hitsByKind("mixed")}; market open: ${hitsByKind("marketOpen")} (signed-in reads never use the cache and are not counted).`,
  "",
  `The costliest anonymous requests, one at a time on an idle server (cache off, ${SOLO_REQUESTS} each after two warm-ups):`,
  "",
  "| request | status | p50 ms | max ms |",
  "|---|---:|---:|---:|",
  ...solo.map((x) => `| \`${decodeURIComponent(x.url)}\` | ${x.status} | ${f(x.p50, 1)} | ${f(x.max, 1)} |`),
  "",
  "| ratio | target | measured | met |",
  "|---|---|---:|:-:|",
  ...checks.map(([name, target, value, ok]) => `| ${name} | ${target} | ${value} | ${ok ? "yes" : "**no**"} |`),
  "",
].join("\n");
console.log(`\n${report}`);

if (!quick) prependResults(report);
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(RUN_DB + suffix, { force: true });
process.exit(failures + live.failures > 0 ? 1 : 0);
