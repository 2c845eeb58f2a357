// One load run with autocannon, printed as JSON. Started by bench/run.ts on its own core.
// Usage: node --import tsx bench/load.ts <config.json: {scenario, url, connections, duration, ...}>
import fs from "node:fs";
import autocannon from "autocannon";
import type { MarketBoard } from "./harness.ts";
import type { BenchSession } from "./sessions.ts";

interface Config {
  scenario: string;
  url: string;
  connections: number;
  duration: number;
  posts: number; // highest post number on 005930
  sessions: BenchSession[];
  writable: { number: number; authorId: number }[]; // recent posts that accept votes and comments
  commentPosts: { hot: number; full: number; quiet: number }; // posts with 5,000 comments, with only the first page of those, and with 10
  market?: MarketBoard[]; // every board with posts, busiest first (the market-open scenario)
  page?: number; // the list page of pageAt
  sitemap?: number; // the sitemap part of sitemapAt
}

const config = JSON.parse(fs.readFileSync(process.argv[2]!, "utf8")) as Config;
const rand = (n: number) => Math.floor(Math.random() * n);
// Recent posts get most of the reads, as on a real board.
const postNumber = () => config.posts - rand(Math.min(config.posts, 2000));
const session = () => config.sessions[rand(config.sessions.length)]!;
const BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";

// `kind` names the request for the page-cache tally (X-Cache hit or miss per kind); `expect`
// is its answer when that is not a 2xx (a new post's form answers 303 to the post).
type Req = { kind: string; method?: string; path: string; headers?: Record<string, string>; body?: string; expect?: number };

// Readers of a busy board mostly open its first page and the newest posts: half of the reads
// are page 1, a tenth pages 2–5, the rest posts, most of them among the newest few dozen.
const hotPost = () => config.posts - Math.floor(Math.min(config.posts - 1, 2000) * Math.random() ** 3);
const read = (): Req => {
  const r = rand(10);
  if (r < 5) return { kind: "page 1", path: "/boards/005930" };
  if (r < 6) return { kind: "pages 2–5", path: `/boards/005930?page=${2 + rand(4)}` };
  return { kind: "posts", path: `/boards/005930/posts/${hotPost()}`, headers: { "user-agent": `${BROWSER} r${rand(1e9)}` } };
};
// A post the session's user may vote on or comment: visible, and not their own.
const target = (s: BenchSession) => {
  for (;;) {
    const p = config.writable[rand(config.writable.length)]!;
    if (p.authorId !== s.userId) return p.number;
  }
};
const formHeaders = (s: BenchSession) => ({ cookie: s.cookie, "x-csrf-token": s.csrf, accept: "application/json", "content-type": "application/x-www-form-urlencoded" });
/** A signed-in JSON form post to one of a recent post's actions. */
const write = (action: string, body: string): Req => {
  const s = session();
  return { kind: "writes", method: "POST", path: `/boards/005930/posts/${target(s)}/${action}`, headers: formHeaders(s), body };
};
const vote = () => write("vote", `value=${rand(2) ? "up" : "down"}`);
const comment = () => write("comments", `body=${encodeURIComponent(`벤치마크 댓글 ${rand(1e6)}`)}`);

/** A sampler of ranks 0..n-1 by Zipf's law (weight 1 / (rank + 1)): real traffic's spread over boards and posts. */
function zipf(n: number): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cdf[i] = sum += 1 / (i + 1);
  return () => {
    const x = Math.random() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

// Market open (docs/decisions/0040): readers spread over every board by Zipf's law (the
// busiest board about a tenth of it), each board's reads as on 005930 — half its first page,
// a tenth pages 2–5, the rest its posts, the newest the most read (Zipf again) — nine in ten
// of them anonymous; 5 % votes, 3 % comments and 2 % new posts by signed-in members.
const market = config.market ?? [];
const boardRank = zipf(Math.max(1, market.length));
const postRanks = new Map<number, () => number>();
const rankOf = (n: number) => postRanks.get(n) ?? postRanks.set(n, zipf(n)).get(n)!;
const marketBoard = () => market[boardRank()]!;
const marketRead = (): Req => {
  const b = marketBoard();
  const signedIn: Record<string, string> = rand(10) === 0 ? { cookie: session().cookie } : {};
  const r = rand(10);
  const pages = Math.ceil(b.last / 20);
  if (r < 5 || (r < 6 && pages < 2)) return { kind: "page 1", path: `/boards/${b.code}`, headers: signedIn };
  if (r < 6) return { kind: "pages 2–5", path: `/boards/${b.code}?page=${2 + rand(Math.min(4, pages - 1))}`, headers: signedIn };
  const number = b.last - rankOf(Math.min(b.last, 2000))();
  return { kind: "posts", path: `/boards/${b.code}/posts/${number}`, headers: { ...signedIn, "user-agent": `${BROWSER} m${rand(1e9)}` } };
};
/** A signed-in member's form post on a busy board's recent open post (not their own). */
const marketWrite = (action: "vote" | "comments", body: string): Req => {
  const s = session();
  for (;;) {
    const b = marketBoard();
    if (b.open.length === 0) continue;
    const [number, authorId] = b.open[rankOf(b.open.length)()]!;
    if (authorId === s.userId) continue;
    return { kind: "writes", method: "POST", path: `/boards/${b.code}/posts/${number}/${action}`, headers: formHeaders(s), body };
  }
};
const marketPost = (): Req => {
  const s = session();
  const b = marketBoard();
  const title = encodeURIComponent(`장 시작 ${rand(1e9)}번 이야기`);
  const text = encodeURIComponent(`동시호가 보고 왔습니다. 오늘 거래량이 평소보다 많네요. ${rand(1e9)}`);
  return { kind: "writes", method: "POST", path: `/boards/${b.code}/posts`, headers: formHeaders(s), body: `title=${title}&body=${text}`, expect: 303 };
};
const marketOpen = (): Req => {
  const r = rand(100);
  if (r < 5) return marketWrite("vote", `value=${rand(2) ? "up" : "down"}`);
  if (r < 8) return marketWrite("comments", `body=${encodeURIComponent(`장 초반 댓글 ${rand(1e9)}`)}`);
  if (r < 10) return marketPost();
  return marketRead();
};

const SUGGEST = ["ㅅㅅ", "ㅅㅅㅈㅈ", "삼성", "삼성ㅈ", "0059", "1000", "전자", "하이", "ㅎㄷ", "에코ㅍ", "sk", "LG화", "ㅋㅋㅇ", "바이오", "홀딩스", "ㄷㅇ"];

const scenarios: Record<string, () => Req> = {
  hello: () => ({ kind: "hello", path: "/" }),
  // One popular post, every request a new cookieless reader: with the page cache, copies answer
  // and each still counts a view.
  postHot: () => ({ kind: "post", path: `/boards/005930/posts/${config.posts}`, headers: { "user-agent": `${BROWSER} h${rand(1e9)}` } }),
  page1: () => ({ kind: "page 1", path: "/boards/005930" }),
  // As a browser asks for it: compressed.
  page1Browser: () => ({ kind: "page 1", path: "/boards/005930", headers: { "accept-encoding": "gzip, deflate, br, zstd" } }),
  // Page 5,000, or the deepest page of a smaller data set.
  page5000: () => ({ kind: "deep page", path: `/boards/005930?page=${Math.min(5000, Math.ceil(config.posts / 20))}` }),
  pageAt: () => ({ kind: "deep page", path: `/boards/005930?page=${config.page ?? 1}` }),
  sitemapAt: () => ({ kind: "sitemap", path: `/sitemaps/005930/${config.sitemap ?? 1}.xml` }),
  search: () => ({ kind: "search", path: `/boards/005930?field=title_content&q=${encodeURIComponent("실적")}` }),
  // The search box's suggestions as people type: initials, parts of names, code prefixes, mixed.
  suggest: () => ({ kind: "suggest", path: `/boards/suggest?q=${encodeURIComponent(SUGGEST[rand(SUGGEST.length)]!)}` }),
  // The JSON API's newest posts of the board: the same twenty rows as board page 1.
  apiPosts: () => ({ kind: "api posts", path: "/api/v1/boards/005930/posts?limit=20" }),
  sortPopular: () => ({ kind: "인기", path: "/boards/005930?sort=popular" }),
  sortViews: () => ({ kind: "조회순", path: "/boards/005930?sort=views" }),
  sortUps: () => ({ kind: "추천순", path: "/boards/005930?sort=ups" }),
  // Every request a new cookieless reader of a recent post: each one is a counted view.
  commentsHot: () => ({ kind: "post", path: `/boards/005930/posts/${config.commentPosts.hot}`, headers: { "user-agent": `${BROWSER} v${rand(1e9)}` } }),
  commentsHotLast: () => ({ kind: "post", path: `/boards/005930/posts/${config.commentPosts.hot}?cpage=90`, headers: { "user-agent": `${BROWSER} v${rand(1e9)}` } }),
  commentsHotBest: () => ({ kind: "post", path: `/boards/005930/posts/${config.commentPosts.hot}?csort=best`, headers: { "user-agent": `${BROWSER} v${rand(1e9)}` } }),
  commentsFull: () => ({ kind: "post", path: `/boards/005930/posts/${config.commentPosts.full}`, headers: { "user-agent": `${BROWSER} v${rand(1e9)}` } }),
  commentsQuiet: () => ({ kind: "post", path: `/boards/005930/posts/${config.commentPosts.quiet}`, headers: { "user-agent": `${BROWSER} v${rand(1e9)}` } }),
  postAnonymous: () => ({ kind: "post", path: `/boards/005930/posts/${postNumber()}`, headers: { "user-agent": `${BROWSER} v${rand(1e9)}` } }),
  postSignedIn: () => ({ kind: "post", path: `/boards/005930/posts/${postNumber()}`, headers: { cookie: session().cookie } }),
  vote,
  comment,
  mixed: () => (rand(10) === 0 ? (rand(2) ? vote() : comment()) : read()),
  marketOpen,
};

const make = scenarios[config.scenario];
if (!make) throw new Error(`unknown scenario ${config.scenario}`);

// X-Cache answers by kind: how often the page cache answered (cache-on runs). Answers other
// than a 2xx or the request's `expect` are counted as failures (autocannon counts a 303 as one).
const cache: Record<string, { hit: number; miss: number }> = {};
let unexpected = 0;
let expected = 0;
const result = await autocannon({
  url: config.url,
  connections: config.connections,
  duration: config.duration,
  requests: [
    {
      setupRequest: (req, context) => {
        const { kind, expect, ...next } = make();
        Object.assign(context as object, { kind, expect });
        return { ...req, ...next } as typeof req;
      },
      onResponse: (status, _body, context, headers) => {
        const wanted = (context as { expect?: number }).expect;
        if (wanted !== undefined && status === wanted) expected++;
        else if (status < 200 || status > 299) unexpected++;
        const answer = headers?.["X-Cache"] ?? headers?.["x-cache"]; // raw header names, as sent
        if (answer !== "hit" && answer !== "miss") return;
        (cache[(context as { kind: string }).kind] ??= { hit: 0, miss: 0 })[answer]++;
      },
    },
  ],
});

console.log(
  JSON.stringify({
    rps: result.requests.average,
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: unexpected,
    expected, // answers other than a 2xx that were the request's own (a new post's 303)
    total: result.requests.total,
    cache,
  }),
);
