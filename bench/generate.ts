// `npm run bench:data [-- --quick] [-- --out file]`: a deterministic, realistic board for the
// benchmark, written straight through better-sqlite3 in large transactions (minutes, not
// hours). Full size: 10,000 users; 100,000 posts on 삼성전자 (005930) — so that its page 5,000
// exists — and 2,500 on each other seeded board; 1,000,000 comments; 500,000 votes; four months
// of history with jury panels and blinded posts; 3,000 listed boards, each with some posts of
// the last month (the most listed the most). --quick makes a small one for CI.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { parseCommand } from "../src/cli/command.ts";
import { openCtx } from "../src/context.ts";
import { systemClock } from "../src/lib/clock.ts";
import { migrateSqlite } from "../src/db/sqlite-migrate.ts";
import { seedDatabase } from "../src/modules/boards/seed.service.ts";
import { kstMonth, kstMonthRange, previousMonth } from "../src/lib/kst-time.ts";
import { hashPassword } from "../src/modules/accounts/passwords.service.ts";
import { indexTokens } from "../src/modules/search/search.rules.ts";
import { decodeText, readTable } from "../src/lib/tabular.ts";
import { readListing } from "../src/modules/boards/listing.rules.ts";
import { importListing } from "../src/modules/boards/listing.service.ts";
import { writeListing } from "./listing.ts";

export const BENCH_PASSWORD = "bench-password";

const { values } = parseCommand({
  name: "npm run bench:data --",
  usage: "[--quick | --size big] [--out FILE]",
  summary: "벤치마크용 SQLite 데이터베이스를 만듭니다 (언제나 같은 내용, 전체 크기는 1분쯤).",
  options: { quick: { type: "boolean" }, size: { type: "string" }, out: { type: "string" }, pg: { type: "boolean" } },
  optionHelp: {
    quick: "CI용 작은 데이터베이스",
    size: "big: 실제 큰 게시판 크기 — 005930에 글 200만 개, 댓글 2000만 개 (bench/data/big.db, 13분쯤, 메모리 약 1.7 GB, 만드는 동안 디스크 약 10 GB, 끝나면 7 GB)",
    out: "쓸 곳 (기본값: bench/data/bench.db)",
    pg: "PostgreSQL(BENCH_PG_URL)에도 불러옵니다",
  },
});
const quick = values.quick ?? false;
if (values.size !== undefined && values.size !== "big") {
  console.error(`npm run bench:data: --size는 big만 받습니다 (받은 값: ${values.size})`);
  process.exit(2);
}
const big = values.size === "big";
const SIZE = quick
  ? { users: 500, mainPosts: 4000, otherPosts: 250, comments: 20_000, votes: 10_000 }
  : big
    ? { users: 10_000, mainPosts: 2_000_000, otherPosts: 2_500, comments: 20_000_000, votes: 2_000_000 }
    : { users: 10_000, mainPosts: 100_000, otherPosts: 2_500, comments: 1_000_000, votes: 500_000 };
const out = path.resolve(values.out ?? (quick ? "bench/data/quick.db" : big ? "bench/data/big.db" : "bench/data/bench.db"));

// mulberry32: small, fast, and the same sequence on every machine.
let state = 20261128;
function random(): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;

const SUBJECTS = ["삼성전자", "외국인", "기관", "개인", "HBM", "파운드리", "반도체", "메모리", "실적", "배당", "주가", "시총", "D램", "낸드", "엔비디아", "TSMC", "SK하이닉스", "환율", "코스피", "공매도"];
const PREDICATES = ["전망 어떻게 보시나요", "오늘 매수했습니다", "드디어 반등하나요", "이번 분기 기대됩니다", "너무 많이 빠졌네요", "물타기 해야 할까요", "목표가 상향 소식", "장기 보유 갑니다", "악재 정리해 봤습니다", "뉴스 정리", "차트 분석", "다음 주 일정 체크"];
const SENTENCES = [
  "외국인 순매수가 사흘째 이어지고 있습니다.",
  "이번 분기 실적은 시장 예상치를 웃돌 것으로 보입니다.",
  "HBM 공급 계약 소식이 나오면 흐름이 바뀔 수 있습니다.",
  "메모리 가격 반등이 확인되기 전까지는 조심스럽게 보고 있습니다.",
  "파운드리 수율 개선 이야기가 계속 나오네요.",
  "배당 기준일 전에 매수하려는 분들이 많은 것 같습니다.",
  "환율이 오르면 수출 기업에는 유리하다는 분석이 있습니다.",
  "단기 변동성은 크겠지만 장기적으로는 긍정적이라고 생각합니다.",
  "공매도 잔고가 줄어들고 있다는 기사가 있었습니다.",
  "기관 매도세가 언제 멈출지가 관건입니다.",
  "오늘 거래량이 평소보다 두 배 가까이 늘었습니다.",
  "목표가를 올린 증권사 리포트가 몇 개 나왔습니다.",
  "다들 손절 라인은 어디로 잡고 계신가요?",
  "실적 발표 전에 비중을 조금 줄였습니다.",
  "차트상으로는 이중 바닥을 만드는 모습입니다.",
];
const COMMENTS = ["좋은 정보 감사합니다", "저도 같은 생각입니다", "동의합니다 ㅎㅎ", "너무 낙관적인 것 아닌가요?", "내일 장 봐야 알겠네요", "출처가 어디인가요?", "버티면 오릅니다", "손절했습니다 ㅠㅠ", "추매 갑니다", "정리 잘 하셨네요 👍"];

function body(): string {
  const sentences = 2 + int(10);
  const parts: string[] = [];
  for (let i = 0; i < sentences; i++) {
    parts.push(pick(SENTENCES));
    if (random() < 0.2) parts.push("\n\n");
  }
  return parts.join(" ").replace(/ \n\n /g, "\n\n");
}

interface P { id: number; boardId: number; authorId: number; createdAt: number; up: number; down: number; comments: number; opinions: number; opinionPanelId: number | null; deleted: boolean; blinded: boolean }
type Statement = Database.Statement<unknown[]>;
const DAY = 86_400_000;

/** The full size's comments: picked (sqrt-skewed to recent posts) and written in the order of their time. */
function commentsInTimeOrder(posts: P[], insertComment: Statement, userId: () => number, now: number, db: Database.Database) {
  const comments: { postId: number; authorId: number; body: string; at: number }[] = [];
  for (let made = 0; made < SIZE.comments; ) {
    const p = posts[Math.floor(Math.sqrt(random()) * posts.length)]!;
    if (p.deleted) continue;
    made++;
    p.comments++;
    comments.push({ postId: p.id, authorId: userId(), body: pick(COMMENTS), at: Math.min(now, p.createdAt + int(3 * DAY)) });
  }
  comments.sort((a, b) => a.at - b.at);
  db.transaction(() => {
    for (const c of comments) insertComment.run(c.postId, c.authorId, c.body, iso(c.at));
  })();
}

/**
 * --size big: twenty million comments do not fit in memory as objects. Each post's count is
 * drawn the same way (sqrt-skewed to recent posts), then every post's comments are written
 * together in time order, half a million per transaction: a post's comments sit together in
 * the table, as an old thread's do on a real board.
 */
function commentsPostByPost(db: Database.Database, posts: P[], insertComment: Statement, userId: () => number, now: number) {
  const counts = new Uint32Array(posts.length);
  for (let made = 0; made < SIZE.comments; ) {
    const i = Math.floor(Math.sqrt(random()) * posts.length);
    if (posts[i]!.deleted) continue;
    counts[i]!++;
    made++;
  }
  const chunk = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const p = posts[i]!;
      p.comments = counts[i]!;
      const times = Array.from({ length: p.comments }, () => Math.min(now, p.createdAt + int(3 * DAY))).sort((a, b) => a - b);
      for (const at of times) insertComment.run(p.id, userId(), pick(COMMENTS), iso(at));
    }
  });
  for (let from = 0, written = 0; from < posts.length; ) {
    let to = from;
    for (let n = 0; to < posts.length && n < 500_000; to++) n += counts[to]!;
    chunk(from, to);
    written += counts.slice(from, to).reduce((a, b) => a + b, 0);
    process.stdout.write(`\r댓글 ${written.toLocaleString("ko-KR")}개 `);
    from = to;
  }
  process.stdout.write("\n");
}

const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

async function main() {
  const started = Date.now();
  fs.mkdirSync(path.dirname(out), { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(out + suffix, { force: true });
  migrateSqlite(out);
  const ctx = await openCtx({ DATABASE_URL: `file:${out}` }, systemClock);
  await seedDatabase(ctx);
  await ctx.db.$disconnect();
  const passwordHash = await hashPassword(BENCH_PASSWORD);

  const db = new Database(out);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -1000000"); // 1 GB of pages: the big size's indexes stay in memory while written
  const now = Date.now();
  const historyStart = now - 120 * DAY;

  const boards = db.prepare(`SELECT id, stockCode, lastPostNumber FROM Board ORDER BY position`).all() as { id: number; stockCode: string; lastPostNumber: number }[];

  // Users
  const firstUserId = (db.prepare(`SELECT COALESCE(MAX(id), 0) + 1 AS n FROM User`).get() as { n: number }).n;
  const insertUser = db.prepare(`INSERT INTO User (id, loginId, nickname, passwordHash, createdAt) VALUES (?, ?, ?, ?, ?)`);
  db.transaction(() => {
    for (let i = 0; i < SIZE.users; i++) {
      insertUser.run(firstUserId + i, `bench_u${i}`, `개미${i}`, passwordHash, iso(historyStart - 60 * DAY + int(60 * DAY)));
    }
  })();
  const userId = () => firstUserId + int(SIZE.users);

  // Posts: times sorted per board so dense numbers follow creation order.
  const posts: P[] = [];
  const insertPost = db.prepare(`INSERT INTO Post (id, boardId, number, authorId, title, body, viewCount, createdAt, deletedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertSearch = db.prepare(`INSERT INTO PostSearch (rowid, title, body) VALUES (?, ?, ?)`);
  let nextPostId = (db.prepare(`SELECT COALESCE(MAX(id), 0) + 1 AS n FROM Post`).get() as { n: number }).n;
  db.transaction(() => {
    for (const board of boards) {
      const count = board.stockCode === "005930" ? SIZE.mainPosts : SIZE.otherPosts;
      const times = Array.from({ length: count }, () => historyStart + int(now - historyStart - 60_000)).sort((a, b) => a - b);
      let number = board.lastPostNumber;
      for (const createdAt of times) {
        const title = `${pick(SUBJECTS)} ${pick(PREDICATES)}`;
        const text = body();
        const deleted = random() < 0.005;
        const p: P = { id: nextPostId++, boardId: board.id, authorId: userId(), createdAt, up: 0, down: 0, comments: 0, opinions: 0, opinionPanelId: null, deleted, blinded: false };
        insertPost.run(p.id, board.id, ++number, p.authorId, title, text, int(2000), iso(createdAt), deleted ? iso(createdAt + DAY) : null);
        if (!deleted) insertSearch.run(p.id, indexTokens(title, board.id), indexTokens(text, board.id));
        posts.push(p);
      }
      db.prepare(`UPDATE Board SET lastPostNumber = ? WHERE id = ?`).run(number, board.id);
    }
  })();

  // Comments, weighted toward recent posts (the square root skews the pick to the end), written
  // in the order of their time as a real board writes them, so a post's comments sit near each
  // other in the table as they would (picked in random order, each would land on its own page).
  const insertComment = db.prepare(`INSERT INTO Comment (postId, authorId, body, createdAt) VALUES (?, ?, ?, ?)`);
  if (big) commentsPostByPost(db, posts, insertComment, userId, now);
  else commentsInTimeOrder(posts, insertComment, userId, now, db);


  // Votes: unique (post, user) pairs, 70% 추천.
  const insertVote = db.prepare(`INSERT INTO Vote (postId, userId, value, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?)`);
  const seen = new Set<number>();
  db.transaction(() => {
    let made = 0;
    while (made < SIZE.votes) {
      const p = posts[Math.floor(Math.sqrt(random()) * posts.length)]!;
      const u = userId();
      const key = p.id * 100_000 + (u - firstUserId);
      if (p.deleted || seen.has(key) || u === p.authorId) continue;
      seen.add(key);
      const up = random() < 0.7;
      if (up) p.up++;
      else p.down++;
      const at = iso(Math.min(now, p.createdAt + int(2 * DAY)));
      insertVote.run(p.id, u, up ? "UP" : "DOWN", at, at);
      made++;
    }
  })();

  // Client signals (docs/product.md §9), as a board's last 30 days leave them: every user seen
  // on a network shared with about two others (households, offices) and a browser of their
  // own, one in twenty sharing a browser with another user; and one planted ring, eight
  // accounts on one network that 추천 the same five recent posts minutes apart, for the scan
  // to find.
  const insertSignal = db.prepare(`INSERT OR IGNORE INTO ClientSignal (userId, kind, key, firstSeenAt, lastSeenAt) VALUES (?, ?, ?, ?, ?)`);
  const networks = Math.ceil(SIZE.users / 3);
  db.transaction(() => {
    for (let i = 0; i < SIZE.users; i++) {
      const lastSeen = iso(now - int(30 * DAY));
      insertSignal.run(firstUserId + i, "network", `bench-net-${int(networks)}`, lastSeen, lastSeen);
      insertSignal.run(firstUserId + i, "browser", `bench-browser-${random() < 0.05 ? int(SIZE.users) : SIZE.users + i}`, lastSeen, lastSeen);
    }
    const ring = Array.from({ length: 8 }, (_, i) => firstUserId + i);
    const targets = posts.filter((p) => !p.deleted && p.createdAt > now - 3 * DAY && !ring.includes(p.authorId)).slice(-5);
    for (const [k, p] of targets.entries()) {
      for (const [j, u] of ring.entries()) {
        const key = p.id * 100_000 + (u - firstUserId);
        if (seen.has(key)) continue;
        seen.add(key);
        const at = iso(Math.min(now, p.createdAt + 60_000 * (k + 1) + 15_000 * j));
        insertVote.run(p.id, u, "UP", at, at);
        p.up++;
      }
    }
    for (const u of ring) insertSignal.run(u, "network", "bench-ring-net", iso(now), iso(now));
  })();

  // Jury history: a panel per board for each of the last four months and this one; about
  // one post in a thousand with 반대 > 추천 blinded by four opinions, with its log row.
  const insertPanel = db.prepare(`INSERT INTO JuryPanel (boardId, month, createdAt) VALUES (?, ?, ?)`);
  const insertMember = db.prepare(`INSERT INTO JuryMember (panelId, userId, rank, score, posts, comments, upsReceived) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const insertOpinion = db.prepare(`INSERT INTO JuryOpinion (postId, jurorId, panelId, createdAt) VALUES (?, ?, ?, ?)`);
  const insertLog = db.prepare(`INSERT INTO BlindLog (boardId, postId, opinionCount, upCount, downCount, createdAt) VALUES (?, ?, ?, ?, ?, ?)`);
  const deleteSearch = db.prepare(`DELETE FROM PostSearch WHERE rowid = ?`);
  db.transaction(() => {
    let month = kstMonth(new Date(now));
    const panels = new Map<string, { id: number; members: number[] }>();
    for (let m = 0; m < 5; m++) {
      for (const board of boards) {
        const created = kstMonthRange(month).start.getTime() + 60_000;
        const panelId = Number(insertPanel.run(board.id, month, iso(created)).lastInsertRowid);
        const members: number[] = [];
        while (members.length < 10) {
          const u = userId();
          if (!members.includes(u)) members.push(u);
        }
        members.forEach((u, i) => insertMember.run(panelId, u, i + 1, 100 - i * 5, 20 - i, 60 - i * 3, 20 - i));
        panels.set(`${board.id}:${month}`, { id: panelId, members });
      }
      month = previousMonth(month);
    }
    for (const p of posts) {
      if (p.deleted || p.down <= p.up || random() > 0.05) continue;
      const panel = panels.get(`${p.boardId}:${kstMonth(new Date(p.createdAt))}`);
      if (!panel) continue;
      const jurors = panel.members.filter((u) => u !== p.authorId).slice(0, 4);
      const at = p.createdAt + DAY;
      for (const j of jurors) insertOpinion.run(p.id, j, panel.id, iso(at));
      p.opinions = jurors.length;
      p.opinionPanelId = panel.id;
      p.blinded = true;
      insertLog.run(p.boardId, p.id, jurors.length, p.up, p.down, iso(at));
      deleteSearch.run(p.id);
    }
  })();

  // Counters, equal to their rows.
  const setCounters = db.prepare(`UPDATE Post SET upCount = ?, downCount = ?, commentCount = ?, opinionCount = ?, opinionPanelId = ?, blindedAt = ? WHERE id = ?`);
  db.transaction(() => {
    for (const p of posts) setCounters.run(p.up, p.down, p.comments, p.opinions, p.opinionPanelId, p.blinded ? iso(p.createdAt + DAY) : null, p.id);
  })();

  // As `npm run search:reindex` does after a bulk load: one index segment.
  db.exec(`INSERT INTO PostSearch (PostSearch) VALUES ('optimize')`);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();

  // Every listed company: 3,000 boards (the posts above are on the five seeded ones), through
  // the importer the operators use.
  const listingFile = path.join(path.dirname(out), "listing-3000.csv");
  writeListing(listingFile, 3000);
  const importCtx = await openCtx({ DATABASE_URL: `file:${out}` }, systemClock);
  await importListing(importCtx, readListing(readTable(decodeText(fs.readFileSync(listingFile)).text)), { delist: false });
  await importCtx.db.$disconnect();
  const listedPosts = postOnEveryBoard(firstUserId, now);
  const size = (fs.statSync(out).size / 1024 / 1024).toFixed(0);
  console.log(`${out}: 회원 ${SIZE.users}명, 글 ${posts.length + listedPosts}개, 댓글 ${SIZE.comments}개, 추천/반대 ${SIZE.votes}개 (${size} MB, ${((Date.now() - started) / 1000).toFixed(1)}초)`);
}

/**
 * Posts on every listed board, for the market-open scenario's reads spread over 3,000 boards
 * (bench/load.ts): the board at rank r in the listing (after the five seeded ones) gets about
 * 2,000 / r posts of the last 30 days, at least 10 (2 for --quick). Drawn after everything
 * above, so the seeded boards' data is what it was before this step existed.
 */
function postOnEveryBoard(firstUserId: number, now: number): number {
  const db = new Database(out);
  db.pragma("synchronous = OFF");
  const listed = db.prepare(`SELECT id, lastPostNumber FROM Board WHERE lastPostNumber = 0 ORDER BY id`).all() as { id: number; lastPostNumber: number }[];
  const insertPost = db.prepare(`INSERT INTO Post (boardId, number, authorId, title, body, viewCount, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const insertSearch = db.prepare(`INSERT INTO PostSearch (rowid, title, body) VALUES (?, ?, ?)`);
  const setLast = db.prepare(`UPDATE Board SET lastPostNumber = ? WHERE id = ?`);
  let made = 0;
  db.transaction(() => {
    for (const [rank, board] of listed.entries()) {
      const count = quick ? 2 : Math.max(10, Math.round(2000 / (rank + 1)));
      const times = Array.from({ length: count }, () => now - int(30 * 86_400_000)).sort((a, b) => a - b);
      times.forEach((at, i) => {
        const title = `${pick(SUBJECTS)} ${pick(PREDICATES)}`;
        const text = body();
        const id = Number(insertPost.run(board.id, i + 1, firstUserId + int(SIZE.users), title, text, int(500), iso(at)).lastInsertRowid);
        insertSearch.run(id, indexTokens(title, board.id), indexTokens(text, board.id));
      });
      setLast.run(count, board.id);
      made += count;
    }
  })();
  db.exec(`INSERT INTO PostSearch (PostSearch) VALUES ('optimize')`);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  return made;
}

// --pg: copy the file (made now, or by an earlier run) into PostgreSQL for `npm run bench -- --pg`.
if (values.pg) {
  if (!fs.existsSync(out)) await main();
  const { benchPostgresUrl, loadIntoPostgres } = await import("./load-pg.ts");
  await loadIntoPostgres(out, benchPostgresUrl(quick));
} else {
  await main();
}
