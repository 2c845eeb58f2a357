// `npm run bench -- --data big`: the read routes at a real board's size (bench/data/big.db,
// `npm run bench:data -- --size big`: 2,000,000 posts on 005930, 20,000,000 comments) beside
// the same routes on the usual 100,000-post data, in one run: two servers (page cache off) on
// core 0, the load from core 1, every route once per round on each size, medians of three
// rounds. Prints the table and prepends it to bench/RESULTS.md. Fails on errors or non-2xx
// answers, never on speed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateSqlite } from "../src/db/sqlite-migrate.ts";
import { commentPosts, cores, load, median, peakRss, prepareRun, prependResults, RUN_DB, scenarioData, startApp, waitFor, type Result } from "./harness.ts";

const BIG_DB = path.resolve("bench/data/big.db");
const PORTS = { usual: 29_403, big: 29_413 };
const CONNECTIONS = 50;
const WARMUP = 2;
const DURATION = 5;
const ROUNDS = 3;
const POSTS_PER_SITEMAP = 1000;

interface Route {
  key: string;
  label: (posts: number) => string;
  scenario: string;
}
const ROUTES: Route[] = [
  { key: "page1", label: () => "board page 1", scenario: "page1" },
  { key: "deep", label: (posts) => `board page ${deepestFull(posts).toLocaleString("en-US")}`, scenario: "pageAt" },
  { key: "comments", label: () => "post with 5,000 comments, first comment page", scenario: "commentsHot" },
  { key: "search", label: () => "search 실적 (제목+내용)", scenario: "search" },
  { key: "popular", label: () => "인기 tab", scenario: "sortPopular" },
  { key: "sitemap", label: () => "the board's newest full sitemap (1,000 posts)", scenario: "sitemapAt" },
  { key: "suggest", label: () => "종목 suggestions", scenario: "suggest" },
];


/** The deepest list page whose twenty rows are all there: page 5,000 of 100,000 posts, 99,000 of 2,000,000 as the issue names it. */
const deepestFull = (posts: number) => (posts >= 2_000_000 ? 99_000 : Math.floor(posts / 20));

export async function runBig(): Promise<number> {
  if (!fs.existsSync(BIG_DB)) {
    console.error(`${BIG_DB} is missing: run \`npm run bench:data -- --size big\` first (about 13 minutes, 10 GB of disk while it writes, 7 GB after).`);
    return 2;
  }
  const usualUrl = prepareRun(false);
  // Used in place (a copy would be 10 GB): the runs add the 5,000-comment thread once (marked)
  // and count views; nothing else is written.
  migrateSqlite(BIG_DB);
  const sizes = {
    usual: { url: usualUrl, file: RUN_DB },
    big: { url: `file:${BIG_DB}`, file: BIG_DB },
  } as const;
  const extras: Record<string, { posts: number; counts: { posts: number; comments: number; votes: number } } & Record<string, unknown>> = {};
  for (const [name, { url, file }] of Object.entries(sizes)) {
    const data = await scenarioData(url, 10);
    const sitemap = Math.max(1, Math.floor(data.posts / POSTS_PER_SITEMAP));
    extras[name] = { posts: data.posts, sessions: data.sessions, writable: data.writable, commentPosts: commentPosts(file), page: deepestFull(data.posts), sitemap, counts: data.counts };
  }
  const servers = Object.fromEntries(Object.entries(sizes).map(([name, { url }]) => [name, startApp(PORTS[name as keyof typeof PORTS], url, { PAGE_CACHE: "off", DATABASE_URL: url })]));
  for (const [name, server] of Object.entries(servers)) await waitFor(`http://127.0.0.1:${PORTS[name as keyof typeof PORTS]}/boards/005930`, server);

  const rounds: Record<string, Result[]> = {};
  const started = Date.now();
  for (let round = 1; round <= ROUNDS; round++) {
    for (const route of ROUTES) {
      for (const name of Object.keys(sizes) as (keyof typeof sizes)[]) {
        const options = { connections: CONNECTIONS, extra: extras[name] };
        load(route.scenario, PORTS[name], { ...options, duration: WARMUP });
        const r = load(route.scenario, PORTS[name], { ...options, duration: DURATION });
        (rounds[`${route.key}:${name}`] ??= []).push(r);
        console.log(`[${String(Math.round((Date.now() - started) / 1000)).padStart(4)} s] round ${round}/${ROUNDS} ${route.label(extras[name]!.posts)} (${name}): ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms${r.errors + r.non2xx ? `, ${r.errors} errors, ${r.non2xx} non-2xx` : ""}`);
      }
    }
  }
  // The same searches one at a time on the idle servers: the answer's own time, where the
  // loaded p50 above is mostly the queue of 50 connections (p50 ≈ 50 ÷ req/s).
  const solo: Record<string, number> = {};
  for (const name of Object.keys(sizes) as (keyof typeof sizes)[]) {
    const times: number[] = [];
    for (let i = 0; i < 12; i++) {
      const t0 = performance.now();
      const url = `http://127.0.0.1:${PORTS[name]}/boards/005930?field=title_content&q=${encodeURIComponent("실적")}&page=${1 + (i % 3)}`;
      // A kept-alive socket the server closed meanwhile fails the write (EPIPE): one more try on
      // a new connection, as bench/run.ts does, since this measures the server, not undici's pool.
      const res = await fetch(url).catch(() => fetch(url));
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`search answered ${res.status}`);
      if (i >= 2) times.push(performance.now() - t0); // two warm-ups
    }
    solo[name] = median(times);
  }
  const rss: Record<string, number> = {};
  for (const [name, server] of Object.entries(servers)) {
    rss[name] = peakRss(server.child.pid!);
    server.child.kill("SIGTERM");
    await new Promise((resolve) => server.child.once("exit", resolve));
  }

  const of = (key: string) => ({ rps: median(rounds[key]!.map((r) => r.rps)), p50: median(rounds[key]!.map((r) => r.p50)), p99: median(rounds[key]!.map((r) => r.p99)) });
  const f = (n: number, d = 0) => n.toFixed(d);
  const failures = Object.values(rounds).flat().reduce((n, r) => n + r.errors + r.non2xx, 0);
  const rows = ROUTES.map((route) => {
    const usual = of(`${route.key}:usual`);
    const large = of(`${route.key}:big`);
    const ratio = large.rps / usual.rps;
    const [atBig, atUsual] = [route.label(extras.big!.posts), route.label(extras.usual!.posts)];
    return `| ${atBig}${atUsual === atBig ? "" : ` (usual data: ${atUsual})`} | ${f(usual.rps)} | ${f(usual.p50, 1)} | ${f(large.rps)} | ${f(large.p50, 1)} | ${f(large.p99, 1)} | ${f(ratio, 2)} | ${ratio >= 0.8 ? "yes" : "**no**"} |`;
  });
  const searchP50 = Math.max(of("search:usual").p50, of("search:big").p50);
  const peak = Math.max(...Object.values(rss));
  const counts = (name: string) => extras[name]!;
  const dbSize = (file: string) => `${f(fs.statSync(file).size / 2 ** 30, 1)} GiB`;
  const report = [
    `## Run of ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC at a real board's size (SQLite)`,
    "",
    `Machine: ${os.cpus()[0]?.model ?? "unknown CPU"}, ${cores} cores, Node ${process.version}. Servers (page cache off) pinned to core 0, load (autocannon, ${CONNECTIONS} connections) to core 1; ` +
      `each route ${ROUNDS} rounds of ${WARMUP} s + ${DURATION} s on each size, alternating; medians. ` +
      `Usual data: ${counts("usual").counts.posts} posts (${extras.usual!.posts} on 005930), ${counts("usual").counts.comments} comments (${dbSize(RUN_DB)}). ` +
      `Big data: ${counts("big").counts.posts} posts (${extras.big!.posts} on 005930), ${counts("big").counts.comments} comments, ${counts("big").counts.votes} votes (${dbSize(BIG_DB)}).`,
    "",
    "| route | usual req/s | usual p50 ms | big req/s | big p50 ms | big p99 ms | big ÷ usual | within 1.25× (≥ 0.8) |",
    "|---|---:|---:|---:|---:|---:|---:|:-:|",
    ...rows,
    "",
    "| check | target | measured | met |",
    "|---|---|---:|:-:|",
    `| search p50 at both sizes, under the load above (ms; usual / big) | ≤ 20 | ${f(of("search:usual").p50, 1)} / ${f(of("search:big").p50, 1)} | ${searchP50 <= 20 ? "yes" : "**no**"} |`,
    `| the same search one request at a time, pages 1–3: p50 (ms; usual / big) | ≤ 20 | ${f(solo.usual!, 1)} / ${f(solo.big!, 1)} | ${Math.max(solo.usual!, solo.big!) <= 20 ? "yes" : "**no**"} |`,
    `| peak RSS of the servers (MB) | ≤ 200 | usual ${f(rss.usual!)}, big ${f(rss.big!)} | ${peak <= 200 ? "yes" : "**no**"} |`,
    `| errors and non-2xx answers | 0 | ${failures} | ${failures === 0 ? "yes" : "**no**"} |`,
    "",
  ].join("\n");
  console.log(`\n${report}`);
  prependResults(report);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(RUN_DB + suffix, { force: true });
  return failures > 0 ? 1 : 0;
}
