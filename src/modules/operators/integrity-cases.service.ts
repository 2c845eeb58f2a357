// The operators' view of integrity cases (/admin/integrity): the queue, and one case with its
// evidence made readable — nicknames for account ids, the posts with their counts now. The
// signals appear only as the labels the scan gave them.
import type { Ctx } from "../../context.ts";
import { chunks } from "../../lib/chunks.ts";
import { date, num, type RowOf, type SqlInt } from "../../db/raw.ts";
import { readerOf } from "../../db/sql.ts";
import { NotFoundError } from "../../domain/errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { listCases, readCase, type CaseRecord } from "../integrity/cases.queries.ts";

export async function integrityQueue(ctx: Ctx) {
  const { open, decided } = await listCases(readerOf(ctx.sql));
  const names = await nicknames(ctx, [...open, ...decided].flatMap((c) => c.evidence.accounts));
  const summary = (c: CaseRecord) => ({
    id: c.id,
    kind: c.kind,
    status: c.status,
    createdAt: c.createdAt,
    decidedAt: c.decidedAt,
    accounts: c.evidence.accounts.map((id) => names.get(id) ?? `#${id}`),
    posts: c.evidence.posts.length,
    votes: c.evidence.votes.length,
    voided: c.votes,
  });
  return { open: open.map(summary), decided: decided.map(summary) };
}

type CasePostSql = RowOf<"Post", "id" | "number" | "title" | "upCount" | "downCount" | "opinionCount" | "blindedAt"> & { stockCode: string; stockName: string };

export async function integrityCase(ctx: Ctx, id: number) {
  const found = await readCase(readerOf(ctx.sql), id);
  if (!found) throw new NotFoundError("없는 사례입니다.");
  const { evidence } = found;
  const names = await nicknames(ctx, evidence.accounts);
  const posts = evidence.posts.length === 0 ? [] : await ctx.sql.read<CasePostSql[]>(Prisma.sql`
    SELECT p."id", p."number", p."title", p."upCount", p."downCount", p."opinionCount", p."blindedAt", b."stockCode", b."stockName"
    FROM "Post" p JOIN "Board" b ON b."id" = p."boardId" WHERE p."id" IN (${Prisma.join(evidence.posts)}) ORDER BY p."id"`);
  const postOf = new Map(posts.map((p) => [num(p.id), { number: num(p.number), title: p.title, stockCode: p.stockCode, stockName: p.stockName, upCount: num(p.upCount), downCount: num(p.downCount), opinionCount: num(p.opinionCount), blinded: p.blindedAt !== null }]));
  const name = (userId: number) => names.get(userId) ?? `#${userId}`;
  return {
    ...found,
    accounts: evidence.accounts.map((userId) => ({ userId, nickname: name(userId) })),
    signals: evidence.signals.map((s) => ({ label: s.label, accounts: s.accounts.map(name) })),
    posts: evidence.posts.flatMap((postId) => (postOf.has(postId) ? [{ postId, ...postOf.get(postId)! }] : [])),
    votes: evidence.votes.map((v) => ({ ...v, at: date(v.at), nickname: name(v.userId), post: postOf.get(v.postId) ?? null })),
  };
}

async function nicknames(ctx: Ctx, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  const result = new Map<number, string>();
  for (const batch of chunks(unique, 500)) {
    const rows = await ctx.sql.read<{ id: SqlInt; nickname: string }[]>(Prisma.sql`
      SELECT "id", "nickname" FROM "User" WHERE "id" IN (${Prisma.join(batch)})`);
    for (const r of rows) result.set(num(r.id), r.nickname);
  }
  return result;
}
