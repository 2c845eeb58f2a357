// One load run with autocannon, printed as JSON. Started by bench/run.ts on its own core.
// Usage: node --import tsx bench/load.ts <config.json: {scenario, url, connections, duration, ...}>
import fs from "node:fs";
import autocannon from "autocannon";
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
}

const config = JSON.parse(fs.readFileSync(process.argv[2]!, "utf8")) as Config;
const rand = (n: number) => Math.floor(Math.random() * n);
// Recent posts get most of the reads, as on a real board.
const postNumber = () => config.posts - rand(Math.min(config.posts, 2000));
const session = () => config.sessions[rand(config.sessions.length)]!;
const BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";

// `kind` names the request for the page-cache tally (X-Cache hit or miss per kind).
type Req = { kind: string; method?: string; path: string; headers?: Record<string, string>; body?: string };

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
/** A signed-in JSON form post to one of a recent post's actions. */
const write = (action: string, body: string): Req => {
  const s = session();
  return {
    kind: "writes",
    method: "POST",
    path: `/boards/005930/posts/${target(s)}/${action}`,
    headers: { cookie: s.cookie, "x-csrf-token": s.csrf, accept: "application/json", "content-type": "application/x-www-form-urlencoded" },
    body,
  };
};
const vote = () => write("vote", `value=${rand(2) ? "up" : "down"}`);
const comment = () => write("comments", `body=${encodeURIComponent(`벤치마크 댓글 ${rand(1e6)}`)}`);

const SUGGEST = ["ㅅㅅ", "ㅅㅅㅈㅈ", "삼성", "삼성ㅈ", "0059", "1000", "전자", "하이", "ㅎㄷ", "에코ㅍ", "sk", "LG화", "ㅋㅋㅇ", "바이오", "홀딩스", "ㄷㅇ"];

const scenarios: Record<string, () => Req> = {
  hello: () => ({ kind: "hello", path: "/" }),
  // One popular post, every request a new cookieless reader: with the page cache, copies answer
  // and each still counts a view.
  postHot: () => ({ kind: "post", path: `/boards/005930/posts/${config.posts}`, headers: { "user-agent": `${BROWSER} h${rand(1e9)}` } }),
  page1: () => ({ kind: "page 1", path: "/boards/005930" }),
  // Page 5,000, or the deepest page of a smaller data set.
  page5000: () => ({ kind: "deep page", path: `/boards/005930?page=${Math.min(5000, Math.ceil(config.posts / 20))}` }),
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
};

const make = scenarios[config.scenario];
if (!make) throw new Error(`unknown scenario ${config.scenario}`);

// X-Cache answers by kind: how often the page cache answered (cache-on runs).
const cache: Record<string, { hit: number; miss: number }> = {};
const result = await autocannon({
  url: config.url,
  connections: config.connections,
  duration: config.duration,
  requests: [
    {
      setupRequest: (req, context) => {
        const { kind, ...next } = make();
        (context as { kind: string }).kind = kind;
        return { ...req, ...next } as typeof req;
      },
      onResponse: (_status, _body, context, headers) => {
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
    non2xx: result.non2xx,
    total: result.requests.total,
    cache,
  }),
);
