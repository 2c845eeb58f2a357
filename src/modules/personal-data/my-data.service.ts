// 내 정보 내려받기 (docs/product.md §5): what the board keeps about a member, as one JSON
// document: the account, posts, comments, votes, 관심종목 and sign-in history. Reads only.
import type { Ctx } from "../../context.ts";
import { date, dateOrNull, num, type RowOf, type SqlInt } from "../../db/raw.ts";
import { readerOf } from "../../db/sql.ts";
import { NotFoundError } from "../../domain/errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";

const iso = (v: Parameters<typeof date>[0]) => date(v).toISOString();
const isoOrNull = (v: Parameters<typeof date>[0] | null) => dateOrNull(v)?.toISOString() ?? null;

export async function myData(ctx: Ctx, userId: number) {
  const r = readerOf(ctx.sql);
  const [account] = await r.all<RowOf<"User", "loginId" | "nickname" | "email" | "emailVerifiedAt" | "createdAt" | "nicknameChangedAt" | "policyVersion" | "policyAgreedAt" | "showFolded">[]>(Prisma.sql`
    SELECT "loginId", "nickname", "email", "emailVerifiedAt", "createdAt", "nicknameChangedAt", "policyVersion", "policyAgreedAt", "showFolded" FROM "User" WHERE "id" = ${userId} AND "withdrawnAt" IS NULL`);
  if (!account) throw new NotFoundError("회원 정보를 찾을 수 없습니다.");
  const [posts, comments, votes, commentVotes, follows, signIns, twoStep] = await Promise.all([
    r.all<(RowOf<"Post", "number" | "title" | "body" | "createdAt" | "deletedAt" | "upCount" | "downCount" | "viewCount"> & { stockCode: string })[]>(Prisma.sql`
      SELECT b."stockCode", p."number", p."title", p."body", p."createdAt", p."deletedAt", p."upCount", p."downCount", p."viewCount"
      FROM "Post" p JOIN "Board" b ON b."id" = p."boardId" WHERE p."authorId" = ${userId} ORDER BY p."id"`),
    r.all<(RowOf<"Comment", "id" | "parentId" | "body" | "createdAt" | "deletedAt"> & { stockCode: string; postNumber: SqlInt })[]>(Prisma.sql`
      SELECT b."stockCode", p."number" AS "postNumber", c."id", c."parentId", c."body", c."createdAt", c."deletedAt"
      FROM "Comment" c JOIN "Post" p ON p."id" = c."postId" JOIN "Board" b ON b."id" = p."boardId" WHERE c."authorId" = ${userId} ORDER BY c."id"`),
    r.all<(RowOf<"Vote", "value" | "createdAt" | "updatedAt"> & { stockCode: string; postNumber: SqlInt })[]>(Prisma.sql`
      SELECT b."stockCode", p."number" AS "postNumber", v."value", v."createdAt", v."updatedAt"
      FROM "Vote" v JOIN "Post" p ON p."id" = v."postId" JOIN "Board" b ON b."id" = p."boardId" WHERE v."userId" = ${userId} ORDER BY v."id"`),
    r.all<RowOf<"CommentVote", "commentId" | "value" | "createdAt">[]>(Prisma.sql`
      SELECT "commentId", "value", "createdAt" FROM "CommentVote" WHERE "userId" = ${userId} ORDER BY "id"`),
    r.all<(RowOf<"Follow", "position" | "createdAt"> & { stockCode: string; stockName: string })[]>(Prisma.sql`
      SELECT b."stockCode", b."stockName", f."position", f."createdAt" FROM "Follow" f JOIN "Board" b ON b."id" = f."boardId" WHERE f."userId" = ${userId} ORDER BY f."position"`),
    r.all<RowOf<"LoginEvent", "ip" | "userAgent" | "createdAt">[]>(Prisma.sql`
      SELECT "ip", "userAgent", "createdAt" FROM "LoginEvent" WHERE "userId" = ${userId} ORDER BY "id"`),
    r.all<RowOf<"TwoStep", "enabledAt">[]>(Prisma.sql`SELECT "enabledAt" FROM "TwoStep" WHERE "userId" = ${userId}`),
  ]);
  return {
    exportedAt: ctx.clock().toISOString(),
    account: {
      loginId: account.loginId,
      nickname: account.nickname,
      email: account.email,
      emailVerifiedAt: isoOrNull(account.emailVerifiedAt),
      joinedAt: iso(account.createdAt),
      nicknameChangedAt: isoOrNull(account.nicknameChangedAt),
      policyVersion: account.policyVersion,
      policyAgreedAt: isoOrNull(account.policyAgreedAt),
      twoStepOn: twoStep[0]?.enabledAt != null,
      showFolded: Boolean(account.showFolded),
    },
    posts: posts.map((p) => ({ stockCode: p.stockCode, number: num(p.number), title: p.title, body: p.body, createdAt: iso(p.createdAt), deletedAt: isoOrNull(p.deletedAt), up: num(p.upCount), down: num(p.downCount), views: num(p.viewCount) })),
    comments: comments.map((c) => ({ id: num(c.id), stockCode: c.stockCode, postNumber: num(c.postNumber), replyTo: c.parentId === null ? null : num(c.parentId), body: c.body, createdAt: iso(c.createdAt), deletedAt: isoOrNull(c.deletedAt) })),
    votes: votes.map((v) => ({ stockCode: v.stockCode, postNumber: num(v.postNumber), value: v.value === "UP" ? "추천" : "반대", createdAt: iso(v.createdAt), updatedAt: iso(v.updatedAt) })),
    commentVotes: commentVotes.map((v) => ({ commentId: num(v.commentId), value: v.value === "UP" ? "공감" : "비공감", createdAt: iso(v.createdAt) })),
    follows: follows.map((f) => ({ stockCode: f.stockCode, stockName: f.stockName, position: num(f.position), createdAt: iso(f.createdAt) })),
    signIns: signIns.map((s) => ({ ip: s.ip, userAgent: s.userAgent, at: iso(s.createdAt) })),
  };
}
