// 도배 (flood) protection, inside the posting transaction (after the daily cap's lock on the
// author, so one account's posts are checked one at a time). Every check is an indexed
// lookup: by (author, content hash), by (author, band key) and by (body hash, time); none
// scans recent posts (docs/decisions/0015).
import type { Ctx, SqlTx } from "../../context.ts";
import { date, num, type SqlInt } from "../../db/raw.ts";
import { SAME_SUBMISSION_MS } from "../../domain/post-policy.ts";
import { ConflictError } from "../../domain/errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import {
  bandKeys,
  decodeSignature,
  encodeSignature,
  minhash,
  NEAR_DUPLICATE_BOARDS,
  NEAR_DUPLICATE_SIMILARITY,
  NEAR_DUPLICATE_WINDOW_MS,
  postHashes,
  SAME_BODY_ACCOUNTS,
  SAME_BODY_WINDOW_MS,
  SAME_POST_WINDOW_MS,
  similarity,
} from "./flood.rules.ts";
import { autoReportPosts } from "./reports.service.ts";

/**
 * A refused repeat, with the earlier post to link to. `sameSubmission`: the very same post on
 * the same board moments ago (SAME_SUBMISSION_MS) — one 등록 sent twice, answered with the first.
 */
export class RepeatedPostError extends ConflictError {
  constructor(
    message: string,
    readonly earlier: { stockCode: string; number: number },
    readonly sameSubmission = false,
  ) {
    super(message);
  }
}

export interface NewPost {
  authorId: number;
  boardId: number;
  title: string;
  body: string;
}

/** What the checks computed, for recording the post once it has an id. */
export interface Fingerprint {
  contentHash: string;
  bodyHash: string;
  signature: Uint32Array;
  bands: number[];
}

/**
 * Refuses a repeat (the same post within a day; a near-copy on two other boards within an hour).
 * An edit passes its post's id, so the post is never compared with itself: editing into a copy
 * of another recent post is refused like posting it (a clean post edited into spam would
 * otherwise slip past).
 */
export async function checkFlood(t: SqlTx, now: Date, post: NewPost, editedPostId: number | null = null): Promise<Fingerprint> {
  const { contentHash, bodyHash } = postHashes(post.title, post.body);
  const others = editedPostId === null ? Prisma.empty : Prisma.sql` AND p."id" <> ${editedPostId}`;
  const [same] = await t.all<{ stockCode: string; number: SqlInt; boardId: SqlInt; createdAt: Date | string }[]>(Prisma.sql`
    SELECT b."stockCode", p."number", p."boardId", p."createdAt" FROM "Post" p JOIN "Board" b ON b."id" = p."boardId"
    WHERE p."authorId" = ${post.authorId} AND p."contentHash" = ${contentHash}
      AND p."createdAt" >= ${new Date(now.getTime() - SAME_POST_WINDOW_MS)} AND p."deletedAt" IS NULL${others}
    ORDER BY p."id" DESC LIMIT 1`);
  if (same) {
    const moments = num(same.boardId) === post.boardId && now.getTime() - date(same.createdAt).getTime() <= SAME_SUBMISSION_MS;
    throw new RepeatedPostError(
      "같은 제목과 내용의 글을 24시간 안에 다시 올릴 수 없습니다. 먼저 올린 글을 확인해 주세요.",
      { stockCode: same.stockCode, number: num(same.number) },
      moments && editedPostId === null,
    );
  }
  const signature = minhash(`${post.title}\n${post.body}`);
  const bands = bandKeys(signature);
  // Candidates share a band with this text; the signatures decide.
  const candidates = await t.all<{ boardId: SqlInt; minhash: string; stockCode: string; number: SqlInt }[]>(Prisma.sql`
    SELECT f."boardId", f."minhash", b."stockCode", p."number"
    FROM "PostFingerprint" f JOIN "Board" b ON b."id" = f."boardId" JOIN "Post" p ON p."id" = f."postId"
    WHERE f."postId" IN (
      SELECT DISTINCT x."postId" FROM "PostFingerprintBand" x
      WHERE x."authorId" = ${post.authorId} AND x."key" IN (${Prisma.join(bands)})
        AND x."createdAt" >= ${new Date(now.getTime() - NEAR_DUPLICATE_WINDOW_MS)})
      AND f."boardId" <> ${post.boardId} AND p."deletedAt" IS NULL${others}`);
  const similar = candidates.filter((c) => similarity(signature, decodeSignature(c.minhash)) >= NEAR_DUPLICATE_SIMILARITY);
  if (new Set(similar.map((c) => num(c.boardId))).size >= NEAR_DUPLICATE_BOARDS) {
    throw new RepeatedPostError(
      `거의 같은 글을 1시간 안에 ${NEAR_DUPLICATE_BOARDS + 1}개 이상의 종목 게시판에 올릴 수 없습니다 (도배 방지). 먼저 올린 글을 확인해 주세요.`,
      { stockCode: similar[0]!.stockCode, number: num(similar[0]!.number) },
    );
  }
  return { contentHash, bodyHash, signature, bands };
}

/**
 * Keeps the new post's fingerprint, and reports the body automatically (자동 감지) when
 * SAME_BODY_ACCOUNTS or more accounts posted it within the window: every such post lands in
 * the operators' queue once.
 */
export async function recordFlood(t: SqlTx, now: Date, post: NewPost & { id: number }, fingerprint: Fingerprint): Promise<void> {
  // An edited post's old fingerprint gives way to the new one (a new post has none).
  await t.run(Prisma.sql`DELETE FROM "PostFingerprintBand" WHERE "postId" = ${post.id}`);
  await t.run(Prisma.sql`DELETE FROM "PostFingerprint" WHERE "postId" = ${post.id}`);
  await t.run(Prisma.sql`
    INSERT INTO "PostFingerprint" ("postId", "authorId", "boardId", "minhash", "createdAt")
    VALUES (${post.id}, ${post.authorId}, ${post.boardId}, ${encodeSignature(fingerprint.signature)}, ${now})`);
  for (const [band, key] of fingerprint.bands.entries()) {
    await t.run(Prisma.sql`
      INSERT INTO "PostFingerprintBand" ("postId", "band", "key", "authorId", "createdAt") VALUES (${post.id}, ${band}, ${key}, ${post.authorId}, ${now})`);
  }
  const copies = await t.all<{ id: SqlInt; boardId: SqlInt; authorId: SqlInt }[]>(Prisma.sql`
    SELECT "id", "boardId", "authorId" FROM "Post"
    WHERE "bodyHash" = ${fingerprint.bodyHash} AND "createdAt" >= ${new Date(now.getTime() - SAME_BODY_WINDOW_MS)} AND "deletedAt" IS NULL
    LIMIT 200`);
  if (new Set(copies.map((c) => num(c.authorId))).size >= SAME_BODY_ACCOUNTS) {
    await autoReportPosts(
      t,
      now,
      copies.map((c) => ({ id: num(c.id), boardId: num(c.boardId) })),
      `자동 감지: 1시간 안에 ${SAME_BODY_ACCOUNTS}개 이상의 계정이 같은 내용을 올렸습니다.`,
    );
  }
}

// Fingerprints serve a one-hour window (flood.rules.ts); a day leaves room for clock skew
// between instances.
const FINGERPRINT_KEEP_MS = 24 * 60 * 60 * 1000;

/** Forgets fingerprints older than a day; returns how many posts' fingerprints went. */
export async function forgetOldFingerprints(ctx: Ctx): Promise<number> {
  const before = new Date(ctx.clock().getTime() - FINGERPRINT_KEEP_MS);
  return ctx.sql.transaction(async (t) => {
    await t.run(Prisma.sql`DELETE FROM "PostFingerprintBand" WHERE "createdAt" < ${before}`);
    return t.run(Prisma.sql`DELETE FROM "PostFingerprint" WHERE "createdAt" < ${before}`);
  });
}
