// Reading posts: the list page (plain and searched) and the post page.
import type { Ctx } from "../../context.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { NotFoundError } from "../../http/errors.ts";
import { maskLoginId } from "../../lib/mask.ts";
import { totalPages } from "../../lib/pagination.ts";
import type { SearchField } from "../../lib/paths.ts";
import type { BoardSummary } from "./boards.service.ts";
import { ftsQuery } from "../search/search.rules.ts";
import { likeContains, pageNumberRange, POSTS_PER_PAGE } from "./boards.rules.ts";

export interface Search {
  field: SearchField;
  q: string;
}

const listSelect = {
  id: true,
  number: true,
  title: true,
  createdAt: true,
  viewCount: true,
  upCount: true,
  downCount: true,
  commentCount: true,
  deletedAt: true,
  blindedAt: true,
  author: { select: { nickname: true } },
} as const;

export type ListRow = Prisma.PostGetPayload<{ select: typeof listSelect }>;

export interface PostList {
  rows: ListRow[];
  page: number;
  totalPages: number;
}

export async function listPosts(
  ctx: Ctx,
  board: BoardSummary,
  page: number,
  search?: Search,
): Promise<PostList> {
  if (search) return searchPosts(ctx, board, page, search);
  const pages = totalPages(board.lastPostNumber, POSTS_PER_PAGE);
  if (page > pages) return { rows: [], page, totalPages: pages };
  const { lo, hi } = pageNumberRange(board.lastPostNumber, page);
  const rows = await ctx.db.post.findMany({
    where: { boardId: board.id, number: { gt: lo, lte: hi } },
    orderBy: { number: "desc" },
    select: listSelect,
  });
  return { rows, page, totalPages: pages };
}

function likeCondition(field: Exclude<Search["field"], "author">, q: string): Prisma.Sql {
  const pattern = likeContains(q);
  switch (field) {
    case "title":
      return Prisma.sql`p."title" LIKE ${pattern} ESCAPE '\\'`;
    case "content":
      return Prisma.sql`p."body" LIKE ${pattern} ESCAPE '\\'`;
    case "title_content":
      return Prisma.sql`(p."title" LIKE ${pattern} ESCAPE '\\' OR p."body" LIKE ${pattern} ESCAPE '\\')`;
  }
}

const FTS_COLUMNS = { title: "{title}", content: "{body}", title_content: "{title body}" } as const;
// Counting every match of a common word would cost more than the page itself; the page
// links only need to know whether there are more pages, so the count stops here.
const SEARCH_COUNT_CAP = 100 * POSTS_PER_PAGE;

/**
 * The rows of a search as "FROM ... WHERE ...", and the order that walks them newest first.
 * Text searches walk the full-text index (docs/decisions/0010-search.md) newest first and keep
 * the rows that really contain the text; 글쓴이 is an exact nickname on the author index.
 * Prisma's `contains` does not escape LIKE wildcards, so the literal filter is raw SQL with an
 * ESCAPE clause. Deleted and blinded posts are not searchable: their text is not public.
 */
function searchFrom(board: BoardSummary, search: Search): { from: Prisma.Sql; order: Prisma.Sql } {
  const visible = Prisma.sql`p."boardId" = ${board.id} AND p."deletedAt" IS NULL AND p."blindedAt" IS NULL`;
  if (search.field === "author") {
    return {
      from: Prisma.sql`FROM "Post" p WHERE ${visible}
        AND p."authorId" = (SELECT u."id" FROM "User" u WHERE u."nickname" = ${search.q})`,
      order: Prisma.sql`p."number" DESC`,
    };
  }
  const literal = likeCondition(search.field, search.q);
  const fts = ftsQuery(search.q);
  if (fts === null) {
    // Punctuation only, or a lone syllable: the index cannot answer, so this one scans.
    return { from: Prisma.sql`FROM "Post" p WHERE ${visible} AND ${literal}`, order: Prisma.sql`p."number" DESC` };
  }
  return {
    from: Prisma.sql`FROM "PostSearch" s JOIN "Post" p ON p."id" = s.rowid
      WHERE "PostSearch" MATCH ${`${FTS_COLUMNS[search.field]} : (${fts})`} AND ${visible} AND ${literal}`,
    order: Prisma.sql`s.rowid DESC`,
  };
}

async function searchPosts(ctx: Ctx, board: BoardSummary, page: number, search: Search) {
  const { from, order } = searchFrom(board, search);
  const [countRow] = await ctx.db.$queryRaw<{ n: bigint | number }[]>(
    Prisma.sql`SELECT COUNT(*) AS n FROM (SELECT 1 ${from} LIMIT ${SEARCH_COUNT_CAP + 1}) AS capped`,
  );
  const matches = Number(countRow?.n ?? 0);
  const ids = await ctx.db.$queryRaw<{ id: bigint | number }[]>(
    Prisma.sql`SELECT p."id" AS id ${from} ORDER BY ${order} LIMIT ${POSTS_PER_PAGE} OFFSET ${(page - 1) * POSTS_PER_PAGE}`,
  );
  const rows = await ctx.db.post.findMany({
    where: { id: { in: ids.map((r) => Number(r.id)) } },
    orderBy: { number: "desc" },
    select: listSelect,
  });
  // Past the cap, one more page is always offered.
  const pages = totalPages(matches, POSTS_PER_PAGE) + (matches > SEARCH_COUNT_CAP ? 1 : 0);
  return { rows, page, totalPages: Math.max(pages, page) };
}

/** The post page: the post, its author (nickname and masked id) and its neighbours. */
export async function getPostPage(ctx: Ctx, board: BoardSummary, number: number) {
  const post = await ctx.db.post.findUnique({
    where: { boardId_number: { boardId: board.id, number } },
    include: { author: { select: { id: true, nickname: true, loginId: true } } },
  });
  if (!post) throw new NotFoundError("존재하지 않는 게시글입니다.");
  const neighbours = await ctx.db.post.findMany({
    where: { boardId: board.id, number: { in: [number - 1, number + 1] } },
    select: { number: true, title: true, deletedAt: true, blindedAt: true },
  });
  const { loginId, ...author } = post.author;
  return {
    post: { ...post, author: { ...author, maskedLoginId: maskLoginId(loginId) } },
    previous: neighbours.find((p) => p.number === number - 1) ?? null,
    next: neighbours.find((p) => p.number === number + 1) ?? null,
  };
}
