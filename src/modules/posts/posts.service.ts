// Reading posts: the list page (plain and searched) and one post with its neighbours.
//
// These are the hottest queries of the board, so they are raw SQL: the benchmark showed a
// Prisma model query costing 0.5–1.2 ms of CPU against 0.17 ms for the same rows through
// $queryRaw (docs/decisions/0011-benchmark.md). Each query declares the row it returns and
// maps it once; what differs between databases comes from ctx.dialect.
import type { Ctx } from "../../context.ts";
import type { Category } from "../cleanbot/cleanbot.rules.ts";
import { NoSuchPost } from "../../domain/errors.ts";
import { date, dateOrNull, num, type SqlDate, type SqlInt, type RowOf } from "../../db/raw.ts";
import { visiblePost } from "../../db/visibility.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { maskLoginId } from "../../lib/mask.ts";
import { PAGE_BLOCK, totalPages } from "../../lib/pagination.ts";
import type { SearchField } from "../../lib/paths.ts";
import type { BoardSummary } from "../boards/boards.service.ts";
import { isFresh } from "../boards/directory.service.ts";
import { fullTextQuery } from "../search/search.rules.ts";
import { kstDay } from "../../lib/kst-time.ts";
import { stanceChart, stanceSince, type Holding, type Stance, type StanceChart } from "./stance.rules.ts";
import { likeContains, listPageOf, pageNumberRange, popularScore, POSTS_PER_PAGE, SORT_WINDOW_DAYS, SORTED_MAX, type SortTab } from "./posts.rules.ts";

export interface Search {
  field: SearchField;
  q: string;
}

export interface ListRow {
  id: number;
  number: number;
  title: string;
  createdAt: Date;
  viewCount: number;
  upCount: number;
  downCount: number;
  commentCount: number;
  deletedAt: Date | null;
  blindedAt: Date | null;
  hiddenAt: Date | null;
  author: { id: number; nickname: string; operator: boolean };
}

export interface PostList {
  rows: ListRow[];
  page: number;
  totalPages: number;
  /** A search's matches, counted up to COUNT_CAP (`atLeast` past it). */
  matches?: { count: number; atLeast: boolean };
}

/** A search counts its matches up to here and says "1,000건 이상" beyond. */
export const COUNT_CAP = 1000;

/** A list row as the database returns it (integers may be BigInt, dates may be text). */
type ListRowSql = RowOf<"Post", "id" | "number" | "title" | "createdAt" | "viewCount" | "upCount" | "downCount" | "commentCount" | "deletedAt" | "blindedAt" | "hiddenAt" | "authorId"> & {
  authorNickname: string;
  authorRole: string;
};

// The author's nickname by a subquery rather than a join: PostgreSQL cannot estimate the rows of
// a page's number range (its bounds come from the Board row), guesses thousands and hashes the
// whole User table for twenty names (2 ms instead of 0.08 ms, bench/RESULTS.md).
const LIST_COLUMNS = Prisma.sql`p."id", p."number", p."title", p."createdAt", p."viewCount", p."upCount",
  p."downCount", p."commentCount", p."deletedAt", p."blindedAt", p."hiddenAt", p."authorId",
  (SELECT u."nickname" FROM "User" u WHERE u."id" = p."authorId") AS "authorNickname",
  (SELECT u."role" FROM "User" u WHERE u."id" = p."authorId") AS "authorRole"`;

function toListRow(r: ListRowSql): ListRow {
  return {
    id: num(r.id),
    number: num(r.number),
    title: r.title,
    createdAt: date(r.createdAt),
    viewCount: num(r.viewCount),
    upCount: num(r.upCount),
    downCount: num(r.downCount),
    commentCount: num(r.commentCount),
    deletedAt: dateOrNull(r.deletedAt),
    blindedAt: dateOrNull(r.blindedAt),
    hiddenAt: dateOrNull(r.hiddenAt),
    author: { id: num(r.authorId), nickname: r.authorNickname, operator: r.authorRole === "operator" },
  };
}

export async function listPosts(ctx: Ctx, board: BoardSummary, page: number, search?: Search): Promise<PostList> {
  if (search) return searchPosts(ctx, board, page, search);
  // One query: the board's post count (for the page links) and the page's rows by their
  // number range (docs/decisions/0003), on the (boardId, number) index at any depth. Deleted
  // posts are left out; their numbers still count, so a page is always the same twenty
  // numbers and a deletion never moves a post to another page (docs/decisions/0017). The
  // LEFT JOIN keeps the board's row when the page is empty; its post columns are then null.
  const offset = (page - 1) * POSTS_PER_PAGE;
  const rows = await ctx.sql.read<(Nullable<ListRowSql> & { lastPostNumber: SqlInt })[]>(Prisma.sql`
    SELECT b."lastPostNumber" AS "lastPostNumber", ${LIST_COLUMNS}
    FROM "Board" b
    LEFT JOIN "Post" p ON p."boardId" = b."id" AND p."deletedAt" IS NULL AND p."heldAt" IS NULL
      AND p."number" > b."lastPostNumber" - ${offset + POSTS_PER_PAGE} AND p."number" <= b."lastPostNumber" - ${offset}
    WHERE b."id" = ${board.id}
    ORDER BY p."number" DESC`);
  const last = num(rows[0]?.lastPostNumber ?? 0);
  const { hi } = pageNumberRange(last, page);
  return {
    rows: hi > 0 ? rows.filter((r): r is ListRowSql & { lastPostNumber: SqlInt } => r.id !== null).map(toListRow) : [],
    page,
    totalPages: totalPages(last, POSTS_PER_PAGE),
  };
}

type Nullable<T> = { [K in keyof T]: T[K] | null };

/**
 * How each tab orders its window and which index serves it. 조회순 and 추천순 walk their
 * count index from the top and check the date in the index, so a page reads about its own
 * rows however large the week was. 인기 walks Post_popular_idx (board, KST day, score): a
 * page reads its own rows however many posts the day had (a 2,000,000-post board has about
 * 16,000 a day, which sorting cost twice the page: docs/decisions/0040).
 */
const SORTS: Record<SortTab, { key: Prisma.Sql; index: string | null }> = {
  popular: { key: Prisma.raw(popularScore("p")), index: "Post_popular_idx" },
  views: { key: Prisma.sql`p."viewCount"`, index: "Post_views_idx" },
  ups: { key: Prisma.sql`p."upCount"`, index: "Post_ups_idx" },
};

/**
 * A sorted tab: 인기 (today's posts by score), 조회순 and 추천순 (the last seven days'), the
 * top SORTED_MAX posts in pages; deleted, blinded and hidden posts are left out. Ties go to
 * the newer post.
 */
export async function listSortedPosts(ctx: Ctx, board: BoardSummary, sort: SortTab, page: number): Promise<PostList> {
  const now = ctx.clock();
  const since = new Date(now.getTime() - SORT_WINDOW_DAYS * 86_400_000);
  const { key, index } = SORTS[sort];
  const offset = (page - 1) * POSTS_PER_PAGE;
  // 인기's day is matched as the index has it (a post is never from a later day than today).
  const day = sort === "popular" ? Prisma.sql`${ctx.dialect.postKstDay} = ${kstDay(now)}` : Prisma.sql`p."createdAt" >= ${since}`;
  const window = Prisma.sql`p."boardId" = ${board.id} AND ${day} AND ${visiblePost()}`;
  if (offset >= SORTED_MAX) return { rows: [], page, totalPages: SORTED_MAX / POSTS_PER_PAGE };
  // One statement: the page's ids (from the index alone where it can), then their columns,
  // beside the count of the window up to SORTED_MAX for the page links. The LEFT JOIN keeps
  // the count's row when the page is empty.
  const rows = await ctx.sql.read<(Nullable<ListRowSql> & { shown: SqlInt })[]>(Prisma.sql`
    SELECT c."n" AS "shown", ${LIST_COLUMNS}
    FROM (SELECT COUNT(*) AS "n" FROM (SELECT 1 FROM "Post" p WHERE ${window} LIMIT ${SORTED_MAX}) AS capped) c
    LEFT JOIN (
      SELECT p."id" FROM "Post" p ${index ? ctx.dialect.indexedBy(index) : Prisma.empty} WHERE ${window}
      ORDER BY ${key} DESC, p."createdAt" DESC LIMIT ${POSTS_PER_PAGE} OFFSET ${offset}
    ) r ON TRUE
    LEFT JOIN "Post" p ON p."id" = r."id"
    ORDER BY ${key} DESC, p."createdAt" DESC`);
  const shown = num(rows[0]?.shown ?? 0);
  return {
    rows: rows.filter((r): r is ListRowSql & { shown: SqlInt } => r.id !== null).map(toListRow),
    page,
    totalPages: Math.max(totalPages(shown, POSTS_PER_PAGE), 1),
  };
}

function likeCondition(ctx: Ctx, field: Exclude<SearchField, "author">, q: string): Prisma.Sql {
  const pattern = likeContains(q);
  const like = ctx.dialect.caseInsensitiveLike;
  switch (field) {
    case "title":
      return Prisma.sql`p."title" ${like} ${pattern} ESCAPE '\\'`;
    case "content":
      return Prisma.sql`p."body" ${like} ${pattern} ESCAPE '\\'`;
    case "title_content":
      return Prisma.sql`(p."title" ${like} ${pattern} ESCAPE '\\' OR p."body" ${like} ${pattern} ESCAPE '\\')`;
  }
}

const INDEX_FIELDS = { title: "title", content: "body", title_content: "both" } as const;
// How many members a part of a nickname may stand for in one 글쓴이 search.
const AUTHOR_MATCHES = 100;

interface SearchSql {
  rows: Prisma.Sql; // "FROM ... WHERE ... ORDER BY ..." of the rows to show
  counted: Prisma.Sql; // "FROM ... WHERE ..." of what the page links count
}

/**
 * A search as SQL. Text searches walk the board's part of the full-text index
 * (docs/decisions/0010-search.md) newest first and keep the rows that really contain the
 * text, so a page reads about twenty posts; the page links count the index's candidates
 * alone, which can only overcount in rare cases. 글쓴이 is part of a nickname: the members
 * first, then their posts on the author index. Prisma's `contains` does not escape LIKE wildcards, so the literal filter is raw SQL
 * with an ESCAPE clause. Deleted and blinded posts are not searchable: their text is
 * not public (they are never in the index either).
 */
function searchSql(ctx: Ctx, board: BoardSummary, search: Search): SearchSql {
  const visible = Prisma.sql`p."boardId" = ${board.id} AND ${visiblePost()}`;
  if (search.field === "author") {
    // Part of a nickname finds its posts (개미 → 개미왕, 왕개미); the members are looked up
    // first, at most AUTHOR_MATCHES of them, and their posts on this board by the author index.
    const authors = Prisma.sql`SELECT a."id" FROM "User" a WHERE a."nickname" ${ctx.dialect.caseInsensitiveLike} ${likeContains(search.q)} ESCAPE '\\' LIMIT ${AUTHOR_MATCHES}`;
    const from = Prisma.sql`FROM "Post" p WHERE ${visible} AND p."authorId" IN (${authors})`;
    return { rows: Prisma.sql`${from} ORDER BY p."number" DESC`, counted: from };
  }
  const literal = likeCondition(ctx, search.field, search.q);
  const query = fullTextQuery(search.q, board.id);
  if (query === null) {
    // Punctuation only, or a lone syllable: the index cannot answer, so this one scans.
    const from = Prisma.sql`FROM "Post" p WHERE ${visible} AND ${literal}`;
    return { rows: Prisma.sql`${from} ORDER BY p."number" DESC`, counted: from };
  }
  const index = ctx.dialect.fullText.match(board.id, INDEX_FIELDS[search.field], query);
  return {
    rows: Prisma.sql`FROM "PostSearch" s JOIN "Post" p ON p."id" = ${index.postId}
      WHERE ${index.where} AND ${visible} AND ${literal} ORDER BY ${index.postId} DESC`,
    counted: Prisma.sql`FROM "PostSearch" s WHERE ${index.where}`,
  };
}

async function searchPosts(ctx: Ctx, board: BoardSummary, page: number, search: Search): Promise<PostList> {
  const sql = searchSql(ctx, board, search);
  // Counting every match of a common word costs more than the page: the count stops past
  // COUNT_CAP, or one row past the current block of page links when that is further.
  const blockEnd = Math.ceil(page / PAGE_BLOCK) * PAGE_BLOCK;
  const cap = Math.max(blockEnd * POSTS_PER_PAGE, COUNT_CAP) + 1;
  const [countRow] = await ctx.sql.read<{ n: SqlInt }[]>(
    Prisma.sql`SELECT COUNT(*) AS n FROM (SELECT 1 ${sql.counted} LIMIT ${cap}) AS capped`,
  );
  const matches = num(countRow?.n ?? 0);
  const rows = await ctx.sql.read<ListRowSql[]>(
    Prisma.sql`SELECT ${LIST_COLUMNS} ${sql.rows} LIMIT ${POSTS_PER_PAGE} OFFSET ${(page - 1) * POSTS_PER_PAGE}`,
  );
  return {
    rows: rows.map(toListRow),
    page,
    totalPages: Math.max(totalPages(matches, POSTS_PER_PAGE), page),
    matches: matches >= cap ? { count: cap - 1, atLeast: true } : { count: matches, atLeast: false },
  };
}

/** The post and its two neighbours as the database returns them (the body only for the post). */
type PostRowSql = RowOf<"Post", "id" | "number" | "title" | "createdAt" | "editedAt" | "deletedAt" | "blindedAt" | "hiddenAt" | "hiddenReason" | "heldAt" | "cleanbot" | "viewCount" | "upCount" | "downCount" | "commentCount" | "opinionCount" | "opinionPanelId" | "authorId" | "closeAtPosting" | "closeDayAtPosting" | "holding" | "stance"> & {
  body: string | null;
  nickname: string;
  loginId: string;
  role: string;
  lastPostNumber: SqlInt;
};

/** One post as its page shows it: the post, its author (nickname, masked id) and its neighbours. */
export async function readPost(ctx: Ctx, board: BoardSummary, number: number) {
  const rows = await ctx.sql.read<PostRowSql[]>(Prisma.sql`
    SELECT p."id", p."number", p."title", CASE WHEN p."number" = ${number} THEN p."body" END AS "body", p."createdAt", p."editedAt", p."deletedAt",
      p."blindedAt", p."hiddenAt", p."hiddenReason", p."heldAt", p."cleanbot", p."viewCount", p."upCount", p."downCount", p."commentCount", p."opinionCount", p."opinionPanelId",
      p."authorId", p."closeAtPosting", p."closeDayAtPosting", p."holding", p."stance", u."nickname", u."loginId", u."role",
      (SELECT b."lastPostNumber" FROM "Board" b WHERE b."id" = p."boardId") AS "lastPostNumber"
    FROM "Post" p JOIN "User" u ON u."id" = p."authorId"
    WHERE p."boardId" = ${board.id} AND p."number" BETWEEN ${number - 1} AND ${number + 1}`);
  const row = rows.find((r) => num(r.number) === number);
  if (!row) throw new NoSuchPost();
  const neighbour = (n: number) => {
    // A held neighbour is not there yet for anyone but its author.
    const r = rows.find((x) => num(x.number) === n && x.heldAt === null);
    return r ? { number: n, title: r.title, deletedAt: dateOrNull(r.deletedAt), blindedAt: dateOrNull(r.blindedAt), hiddenAt: dateOrNull(r.hiddenAt) } : null;
  };
  return {
    post: {
      id: num(row.id),
      number,
      title: row.title,
      body: row.body ?? "",
      createdAt: date(row.createdAt),
      editedAt: dateOrNull(row.editedAt),
      deletedAt: dateOrNull(row.deletedAt),
      blindedAt: dateOrNull(row.blindedAt),
      hiddenAt: dateOrNull(row.hiddenAt),
      hiddenReason: row.hiddenReason,
      heldAt: dateOrNull(row.heldAt),
      cleanbot: row.cleanbot as Category | null,
      viewCount: num(row.viewCount),
      upCount: num(row.upCount),
      downCount: num(row.downCount),
      commentCount: num(row.commentCount),
      opinionCount: num(row.opinionCount),
      opinionPanelId: row.opinionPanelId === null ? null : num(row.opinionPanelId),
      authorId: num(row.authorId),
      author: { id: num(row.authorId), nickname: row.nickname, maskedLoginId: maskLoginId(row.loginId), operator: row.role === "operator" },
      closeAtPosting: row.closeAtPosting === null ? null : num(row.closeAtPosting),
      closeDayAtPosting: row.closeDayAtPosting,
      holding: (row.holding as Holding | null) ?? null,
      stance: (row.stance as Stance | null) ?? null,
    },
    previous: neighbour(number - 1),
    next: neighbour(number + 1),
    // The list page this post is on (the page shows it under the comments, as Naver does).
    listPage: listPageOf(num(row.lastPostNumber), number),
  };
}

export type PostView = Awaited<ReturnType<typeof readPost>>;

// Each process keeps each board's chart until a post on the board is written, edited or
// deleted (a "board" change, from this instance or another through the change feed), the day
// turns, or REFRESH_MS passes (the feed may be down): page 1 reads it on every uncached view.
// A read that began before a change and ends after it is not kept (`changed` counts changes).
interface ChartMemo {
  kept: Map<number, { at: number; day: string; chart: StanceChart | null }>;
  changed: number;
}
const charts = new WeakMap<object, ChartMemo>();

function chartsOf(ctx: Ctx): ChartMemo {
  let memo = charts.get(ctx.db);
  if (!memo) {
    const m: ChartMemo = (memo = { kept: new Map(), changed: 0 });
    charts.set(ctx.db, m);
    ctx.changes.subscribe((change) => {
      if (change.kind !== "board") return;
      m.kept.delete(change.boardId);
      m.changed++;
    });
    ctx.changes.onResumed(() => {
      m.kept.clear();
      m.changed++;
    });
  }
  return memo;
}

/** The board's 7-day chart of posts by stated view (stance.rules.ts), or null when none stated one. */
export async function readStanceChart(ctx: Ctx, boardId: number): Promise<StanceChart | null> {
  const today = kstDay(ctx.clock());
  const memo = chartsOf(ctx);
  const kept = memo.kept.get(boardId);
  if (kept && kept.day === today && isFresh(ctx, kept.at)) return kept.chart;
  const before = memo.changed;
  const rows = await ctx.sql.read<{ day: string; stance: string; posts: SqlInt }[]>(
    Prisma.sql`SELECT "day", "stance", "posts" FROM "StanceDay" WHERE "boardId" = ${boardId} AND "day" >= ${stanceSince(today)}`,
  );
  const chart = stanceChart(rows.map((r) => ({ day: r.day, stance: r.stance, posts: num(r.posts) })), today);
  if (memo.changed === before) memo.kept.set(boardId, { at: ctx.clock().getTime(), day: today, chart });
  return chart;
}

/**
 * The board's posts before post number `before` (all of them without it), newest first, for
 * other software (the JSON API): keyset paging on the (boardId, number) index, so any depth
 * costs what the first page costs. Deleted posts are left out, as on the list page.
 */
export async function listPostsBefore(ctx: Ctx, board: BoardSummary, before: number | null, limit: number): Promise<ListRow[]> {
  const rows = await ctx.sql.read<ListRowSql[]>(Prisma.sql`
    SELECT ${LIST_COLUMNS} FROM "Post" p
    WHERE p."boardId" = ${board.id} ${before === null ? Prisma.empty : Prisma.sql`AND p."number" < ${before}`} AND p."deletedAt" IS NULL AND p."heldAt" IS NULL
    ORDER BY p."number" DESC LIMIT ${limit}`);
  return rows.map(toListRow);
}

type FeedPostSql = RowOf<"Post", "number" | "title" | "body" | "createdAt" | "editedAt" | "cleanbot"> & {
  nickname: string;
};

/** The board's newest visible posts with their text (the Atom feed). */
export async function feedPosts(ctx: Ctx, board: BoardSummary, limit: number) {
  const rows = await ctx.sql.read<FeedPostSql[]>(Prisma.sql`
    SELECT p."number", p."title", p."body", p."createdAt", p."editedAt", p."cleanbot", u."nickname"
    FROM "Post" p JOIN "User" u ON u."id" = p."authorId"
    WHERE p."boardId" = ${board.id} AND ${visiblePost()}
    ORDER BY p."number" DESC LIMIT ${limit}`);
  return rows.map((r) => ({
    number: num(r.number),
    title: r.title,
    body: r.body,
    folded: r.cleanbot !== null, // visible, so not held: folded
    createdAt: date(r.createdAt),
    editedAt: dateOrNull(r.editedAt),
    author: r.nickname,
  }));
}

/** A board's visible posts with numbers in (lo, hi], oldest first, for its sitemap. */
export async function sitemapPosts(ctx: Ctx, board: BoardSummary, lo: number, hi: number) {
  const rows = await ctx.sql.read<{ number: SqlInt; createdAt: SqlDate; editedAt: SqlDate | null }[]>(Prisma.sql`
    SELECT p."number", p."createdAt", p."editedAt" FROM "Post" p
    WHERE p."boardId" = ${board.id} AND p."number" > ${lo} AND p."number" <= ${hi}
      AND ${visiblePost()}
    ORDER BY p."number"`);
  return rows.map((r) => ({ number: num(r.number), changedAt: dateOrNull(r.editedAt) ?? date(r.createdAt) }));
}
