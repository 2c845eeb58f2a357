// Reading posts: the list page (plain and searched) and the post page.
//
// These are the hottest queries of the board, so they are raw SQL: the benchmark showed a
// Prisma model query costing 0.5–1.2 ms of CPU against 0.17 ms for the same rows through
// $queryRaw (docs/decisions/0011-benchmark.md). The SQL is portable (quoted identifiers,
// LIMIT/OFFSET) and every row is mapped to plain types here.
import type { Ctx } from "../../context.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { date, dateOrNull, num } from "../../db/raw.ts";
import { NotFoundError } from "../../http/errors.ts";
import { maskLoginId } from "../../lib/mask.ts";
import { PAGE_BLOCK, totalPages } from "../../lib/pagination.ts";
import type { SearchField } from "../../lib/paths.ts";
import { dialect } from "../../db/dialect.ts";
import { ftsQuery, tsQuery } from "../search/search.rules.ts";
import type { BoardSummary } from "./boards.service.ts";
import { likeContains, pageNumberRange, POSTS_PER_PAGE } from "./boards.rules.ts";

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
  author: { nickname: string };
}

export interface PostList {
  rows: ListRow[];
  page: number;
  totalPages: number;
}

const LIST_COLUMNS = Prisma.sql`p."id", p."number", p."title", p."createdAt", p."viewCount", p."upCount",
  p."downCount", p."commentCount", p."deletedAt", p."blindedAt", u."nickname" AS "authorNickname"`;

function toListRow(r: Record<string, unknown>): ListRow {
  return {
    id: num(r.id),
    number: num(r.number),
    title: r.title as string,
    createdAt: date(r.createdAt),
    viewCount: num(r.viewCount),
    upCount: num(r.upCount),
    downCount: num(r.downCount),
    commentCount: num(r.commentCount),
    deletedAt: dateOrNull(r.deletedAt),
    blindedAt: dateOrNull(r.blindedAt),
    author: { nickname: r.authorNickname as string },
  };
}

export async function listPosts(ctx: Ctx, board: BoardSummary, page: number, search?: Search): Promise<PostList> {
  if (search) return searchPosts(ctx, board, page, search);
  // One query: the board's post count (for the page links) and the page's rows by their
  // number range (docs/decisions/0003), on the (boardId, number) index at any depth.
  const offset = (page - 1) * POSTS_PER_PAGE;
  const rows = await ctx.db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    SELECT b."lastPostNumber" AS "lastPostNumber", ${LIST_COLUMNS}
    FROM "Board" b
    LEFT JOIN "Post" p ON p."boardId" = b."id"
      AND p."number" > b."lastPostNumber" - ${offset + POSTS_PER_PAGE} AND p."number" <= b."lastPostNumber" - ${offset}
    LEFT JOIN "User" u ON u."id" = p."authorId"
    WHERE b."id" = ${board.id}
    ORDER BY p."number" DESC`);
  const last = num(rows[0]?.lastPostNumber ?? 0);
  const { hi } = pageNumberRange(last, page);
  return {
    rows: hi > 0 ? rows.filter((r) => r.id !== null).map(toListRow) : [],
    page,
    totalPages: totalPages(last, POSTS_PER_PAGE),
  };
}

function likeCondition(field: Exclude<Search["field"], "author">, q: string): Prisma.Sql {
  const pattern = likeContains(q);
  // SQLite's LIKE ignores ASCII case; PostgreSQL's ILIKE does the same there.
  const like = Prisma.raw(dialect() === "sqlite" ? "LIKE" : "ILIKE");
  switch (field) {
    case "title":
      return Prisma.sql`p."title" ${like} ${pattern} ESCAPE '\\'`;
    case "content":
      return Prisma.sql`p."body" ${like} ${pattern} ESCAPE '\\'`;
    case "title_content":
      return Prisma.sql`(p."title" ${like} ${pattern} ESCAPE '\\' OR p."body" ${like} ${pattern} ESCAPE '\\')`;
  }
}

const FTS_COLUMNS = { title: "{title}", content: "{body}", title_content: "{title body}" } as const;
const TS_VECTORS = { title: `s."title"`, content: `s."body"`, title_content: `(s."title" || s."body")` } as const;

/** The index match and its newest-first order, in the dialect's full-text syntax. */
function indexMatch(board: BoardSummary, search: Search & { field: keyof typeof FTS_COLUMNS }) {
  if (dialect() === "sqlite") {
    const fts = ftsQuery(search.q, board.id);
    if (fts === null) return null;
    return {
      match: Prisma.sql`"PostSearch" MATCH ${`${FTS_COLUMNS[search.field]} : (${fts})`}`,
      key: Prisma.sql`s.rowid`,
    };
  }
  const ts = tsQuery(search.q, board.id);
  if (ts === null) return null;
  return {
    match: Prisma.sql`s."boardId" = ${board.id} AND ${Prisma.raw(TS_VECTORS[search.field])} @@ to_tsquery('simple', ${ts})`,
    key: Prisma.sql`s."postId"`,
  };
}

interface SearchSql {
  rows: Prisma.Sql; // "FROM ... WHERE ... ORDER BY ..." of the rows to show
  counted: Prisma.Sql; // "FROM ... WHERE ..." of what the page links count
}

/**
 * A search as SQL. Text searches walk the board's part of the full-text index
 * (docs/decisions/0010-search.md) newest first and keep the rows that really contain the
 * text, so a page reads about twenty posts; the page links count the index's candidates
 * alone, which can only overcount in rare cases. 글쓴이 is an exact nickname on the author
 * index. Prisma's `contains` does not escape LIKE wildcards, so the literal filter is raw SQL
 * with an ESCAPE clause. Deleted and blinded posts are not searchable: their text is not
 * public (they are never in the index either).
 */
function searchSql(board: BoardSummary, search: Search): SearchSql {
  const visible = Prisma.sql`p."boardId" = ${board.id} AND p."deletedAt" IS NULL AND p."blindedAt" IS NULL`;
  const author = Prisma.sql`JOIN "User" u ON u."id" = p."authorId"`;
  if (search.field === "author") {
    const from = Prisma.sql`FROM "Post" p ${author} WHERE ${visible} AND u."nickname" = ${search.q}`;
    return { rows: Prisma.sql`${from} ORDER BY p."number" DESC`, counted: from };
  }
  const literal = likeCondition(search.field, search.q);
  const index = indexMatch(board, { ...search, field: search.field });
  if (index === null) {
    // Punctuation only, or a lone syllable: the index cannot answer, so this one scans.
    const from = Prisma.sql`FROM "Post" p ${author} WHERE ${visible} AND ${literal}`;
    return { rows: Prisma.sql`${from} ORDER BY p."number" DESC`, counted: from };
  }
  return {
    rows: Prisma.sql`FROM "PostSearch" s JOIN "Post" p ON p."id" = ${index.key} ${author}
      WHERE ${index.match} AND ${visible} AND ${literal} ORDER BY ${index.key} DESC`,
    counted: Prisma.sql`FROM "PostSearch" s WHERE ${index.match}`,
  };
}

async function searchPosts(ctx: Ctx, board: BoardSummary, page: number, search: Search): Promise<PostList> {
  const sql = searchSql(board, search);
  // Counting every match of a common word costs more than the page; the page links show one
  // block of ten pages, so the count only needs to reach one row past the current block.
  const blockEnd = Math.ceil(page / PAGE_BLOCK) * PAGE_BLOCK;
  const cap = blockEnd * POSTS_PER_PAGE + 1;
  const [countRow] = await ctx.db.$queryRaw<{ n: unknown }[]>(
    Prisma.sql`SELECT COUNT(*) AS n FROM (SELECT 1 ${sql.counted} LIMIT ${cap}) AS capped`,
  );
  const matches = num(countRow?.n ?? 0);
  const rows = await ctx.db.$queryRaw<Record<string, unknown>[]>(
    Prisma.sql`SELECT ${LIST_COLUMNS} ${sql.rows} LIMIT ${POSTS_PER_PAGE} OFFSET ${(page - 1) * POSTS_PER_PAGE}`,
  );
  return { rows: rows.map(toListRow), page, totalPages: Math.max(totalPages(matches, POSTS_PER_PAGE), page) };
}

/** The post page: the post, its author (nickname and masked id) and its neighbours. */
export async function getPostPage(ctx: Ctx, board: BoardSummary, number: number) {
  const rows = await ctx.db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    SELECT p."id", p."number", p."title", CASE WHEN p."number" = ${number} THEN p."body" END AS "body", p."createdAt", p."editedAt", p."deletedAt",
      p."blindedAt", p."viewCount", p."upCount", p."downCount", p."commentCount", p."opinionCount",
      p."authorId", u."nickname", u."loginId"
    FROM "Post" p JOIN "User" u ON u."id" = p."authorId"
    WHERE p."boardId" = ${board.id} AND p."number" BETWEEN ${number - 1} AND ${number + 1}`);
  const row = rows.find((r) => num(r.number) === number);
  if (!row) throw new NotFoundError("존재하지 않는 게시글입니다.");
  const neighbour = (n: number) => {
    const r = rows.find((x) => num(x.number) === n);
    return r ? { number: n, title: r.title as string, deletedAt: dateOrNull(r.deletedAt), blindedAt: dateOrNull(r.blindedAt) } : null;
  };
  return {
    post: {
      id: num(row.id),
      number,
      title: row.title as string,
      body: row.body as string,
      createdAt: date(row.createdAt),
      editedAt: dateOrNull(row.editedAt),
      deletedAt: dateOrNull(row.deletedAt),
      blindedAt: dateOrNull(row.blindedAt),
      viewCount: num(row.viewCount),
      upCount: num(row.upCount),
      downCount: num(row.downCount),
      commentCount: num(row.commentCount),
      opinionCount: num(row.opinionCount),
      authorId: num(row.authorId),
      author: { id: num(row.authorId), nickname: row.nickname as string, maskedLoginId: maskLoginId(row.loginId as string) },
    },
    previous: neighbour(number - 1),
    next: neighbour(number + 1),
  };
}
