// A member's public profile: who they are, what they wrote (newest first, paged by id, never
// by OFFSET), and the months and boards they served as a juror. Deleted posts and comments are
// left out; a blinded or hidden post shows its notice instead of its title.
import type { Ctx } from "../../context.ts";
import { date, dateOrNull, num, type SqlDate, type SqlInt, type RowOf } from "../../db/raw.ts";
import { NotFoundError } from "../../domain/errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { maskLoginId } from "../../lib/mask.ts";
import { priceSince } from "../quotes/quotes.rules.ts";
import { readPriceHeader } from "../quotes/quotes.service.ts";

export const PROFILE_ITEMS_PER_PAGE = 20;

type MemberSql = RowOf<"User", "id" | "nickname" | "loginId" | "role" | "createdAt" | "withdrawnAt"> & {
  posts: SqlInt;
  comments: SqlInt;
};

export async function readProfile(ctx: Ctx, userId: number) {
  const [row] = await ctx.sql.read<MemberSql[]>(Prisma.sql`
    SELECT u."id", u."nickname", u."loginId", u."role", u."createdAt", u."withdrawnAt",
      (SELECT COUNT(*) FROM "Post" p WHERE p."authorId" = u."id" AND p."deletedAt" IS NULL AND p."heldAt" IS NULL) AS "posts",
      (SELECT COUNT(*) FROM "Comment" c WHERE c."authorId" = u."id" AND c."deletedAt" IS NULL) AS "comments"
    FROM "User" u WHERE u."id" = ${userId}`);
  if (!row) throw new NotFoundError("존재하지 않는 회원입니다.");
  // 회원탈퇴: the writing stays under 탈퇴한 회원, but there is no one's page to show.
  if (row.withdrawnAt !== null) throw new NotFoundError("탈퇴한 회원입니다.");
  // 이전 닉네임: a name given up within its 30-day hold (닉네임 변경), so readers who trusted
  // or distrusted it can follow the member across the change.
  const former = await ctx.sql.read<RowOf<"NicknameHold", "nickname">[]>(Prisma.sql`
    SELECT "nickname" FROM "NicknameHold" WHERE "userId" = ${userId} AND "until" > ${ctx.clock()} ORDER BY "until" DESC LIMIT 3`);
  const served = await ctx.sql.read<{ month: string; stockCode: string; stockName: string; rank: SqlInt }[]>(Prisma.sql`
    SELECT j."month", b."stockCode", b."stockName", m."rank"
    FROM "JuryMember" m JOIN "JuryPanel" j ON j."id" = m."panelId" JOIN "Board" b ON b."id" = j."boardId"
    WHERE m."userId" = ${userId} ORDER BY j."month" DESC, b."position" LIMIT 60`);
  return {
    id: num(row.id),
    nickname: row.nickname,
    operator: row.role === "operator",
    maskedLoginId: maskLoginId(row.loginId),
    previousNicknames: former.map((f) => f.nickname),
    joinedAt: date(row.createdAt),
    posts: num(row.posts),
    comments: num(row.comments),
    juror: served.map((s) => ({ month: s.month, stockCode: s.stockCode, stockName: s.stockName, rank: num(s.rank) })),
  };
}

/** Where a keyset page starts: before this id (exclusive), or from the newest. */
const before = (id: number | undefined) => (id ? Prisma.sql`AND x."id" < ${id}` : Prisma.empty);

type PostItemSql = RowOf<"Post", "id" | "number" | "title" | "createdAt" | "viewCount" | "upCount" | "commentCount" | "blindedAt" | "hiddenAt" | "closeAtPosting" | "closeDayAtPosting"> & {
  boardId: SqlInt;
  stockCode: string;
  stockName: string;
};

export async function profilePosts(ctx: Ctx, userId: number, beforeId?: number) {
  const rows = await ctx.sql.read<PostItemSql[]>(Prisma.sql`
    SELECT x."id", x."number", x."title", x."createdAt", x."viewCount", x."upCount", x."commentCount", x."blindedAt", x."hiddenAt",
      x."closeAtPosting", x."closeDayAtPosting", x."boardId", b."stockCode", b."stockName"
    FROM "Post" x JOIN "Board" b ON b."id" = x."boardId"
    WHERE x."authorId" = ${userId} AND x."deletedAt" IS NULL AND x."heldAt" IS NULL ${before(beforeId)}
    ORDER BY x."id" DESC LIMIT ${PROFILE_ITEMS_PER_PAGE + 1}`);
  const shown = rows.slice(0, PROFILE_ITEMS_PER_PAGE);
  const boardIds = [...new Set(shown.filter((r) => r.closeAtPosting !== null).map((r) => num(r.boardId)))];
  const headers = new Map(await Promise.all(boardIds.map(async (id) => [id, await readPriceHeader(ctx, id)] as const)));
  const items = shown.map((r) => ({
    id: num(r.id),
    number: num(r.number),
    title: r.title,
    createdAt: date(r.createdAt),
    viewCount: num(r.viewCount),
    upCount: num(r.upCount),
    commentCount: num(r.commentCount),
    deletedAt: null,
    blindedAt: dateOrNull(r.blindedAt),
    hiddenAt: dateOrNull(r.hiddenAt),
    board: { stockCode: r.stockCode, stockName: r.stockName },
    // The close the post was written beside, against the board's latest (from the header's copy).
    priceSince: priceSince({ close: r.closeAtPosting === null ? null : num(r.closeAtPosting), day: r.closeDayAtPosting }, headers.get(num(r.boardId))),
  }));
  return { items, nextBefore: rows.length > PROFILE_ITEMS_PER_PAGE ? items.at(-1)!.id : null };
}

type CommentItemSql = RowOf<"Post", "id" | "body" | "createdAt" | "hiddenAt" | "cleanbot" | "number" | "title"> & {
  postDeletedAt: SqlDate | null;
  postBlindedAt: SqlDate | null;
  postHiddenAt: SqlDate | null;
  stockCode: string;
  stockName: string;
};

export async function profileComments(ctx: Ctx, userId: number, beforeId?: number) {
  const rows = await ctx.sql.read<CommentItemSql[]>(Prisma.sql`
    SELECT x."id", x."body", x."createdAt", x."hiddenAt", x."cleanbot", p."number", p."title", p."deletedAt" AS "postDeletedAt",
      p."blindedAt" AS "postBlindedAt", p."hiddenAt" AS "postHiddenAt", b."stockCode", b."stockName"
    FROM "Comment" x JOIN "Post" p ON p."id" = x."postId" JOIN "Board" b ON b."id" = p."boardId"
    WHERE x."authorId" = ${userId} AND x."deletedAt" IS NULL AND x."heldAt" IS NULL ${before(beforeId)}
    ORDER BY x."id" DESC LIMIT ${PROFILE_ITEMS_PER_PAGE + 1}`);
  const items = rows.slice(0, PROFILE_ITEMS_PER_PAGE).map((r) => ({
    id: num(r.id),
    body: r.body,
    hidden: r.hiddenAt !== null,
    folded: r.cleanbot !== null, // listed, so not held: folded
    createdAt: date(r.createdAt),
    post: {
      number: num(r.number),
      title: r.title,
      deletedAt: dateOrNull(r.postDeletedAt),
      blindedAt: dateOrNull(r.postBlindedAt),
      hiddenAt: dateOrNull(r.postHiddenAt),
    },
    board: { stockCode: r.stockCode, stockName: r.stockName },
  }));
  return { items, nextBefore: rows.length > PROFILE_ITEMS_PER_PAGE ? items.at(-1)!.id : null };
}
