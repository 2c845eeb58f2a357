// Reading posts: the list page (plain and searched) and the post page.
import type { Ctx } from "../../context.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { NotFoundError } from "../../http/errors.ts";
import { maskLoginId } from "../../lib/mask.ts";
import { totalPages } from "../../lib/pagination.ts";
import type { SearchField } from "../../lib/paths.ts";
import type { BoardSummary } from "./boards.service.ts";
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

function searchCondition(search: Search): Prisma.Sql {
  const pattern = likeContains(search.q);
  switch (search.field) {
    case "title":
      return Prisma.sql`p."title" LIKE ${pattern} ESCAPE '\\'`;
    case "content":
      return Prisma.sql`p."body" LIKE ${pattern} ESCAPE '\\'`;
    case "title_content":
      return Prisma.sql`(p."title" LIKE ${pattern} ESCAPE '\\' OR p."body" LIKE ${pattern} ESCAPE '\\')`;
    case "author":
      return Prisma.sql`p."authorId" = (SELECT u."id" FROM "User" u WHERE u."nickname" = ${search.q})`;
  }
}

// Prisma's `contains` does not escape LIKE wildcards, so a search for "%" would match
// everything; the filter is raw SQL with an ESCAPE clause, the rows come through Prisma.
// Deleted and blinded posts are not searchable: their titles and bodies are not public.
async function searchPosts(ctx: Ctx, board: BoardSummary, page: number, search: Search) {
  const where = Prisma.sql`p."boardId" = ${board.id} AND p."deletedAt" IS NULL
    AND p."blindedAt" IS NULL AND ${searchCondition(search)}`;
  const [countRow] = await ctx.db.$queryRaw<{ n: bigint | number }[]>(
    Prisma.sql`SELECT COUNT(*) AS n FROM "Post" p WHERE ${where}`,
  );
  const pages = totalPages(Number(countRow?.n ?? 0), POSTS_PER_PAGE);
  const ids = await ctx.db.$queryRaw<{ id: bigint | number }[]>(
    Prisma.sql`SELECT p."id" FROM "Post" p WHERE ${where}
      ORDER BY p."number" DESC LIMIT ${POSTS_PER_PAGE} OFFSET ${(page - 1) * POSTS_PER_PAGE}`,
  );
  const rows = await ctx.db.post.findMany({
    where: { id: { in: ids.map((r) => Number(r.id)) } },
    orderBy: { number: "desc" },
    select: listSelect,
  });
  return { rows, page, totalPages: pages };
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
