// The writes of "Post" that other modules cause: the counters kept beside each post (추천/반대,
// 댓글, 조회수, 글 내리기 opinions) and the jury's blinding and restoring. posts owns the table, so
// every UPDATE of it is here or in posts' own writing.service.ts; the counters change by
// increments inside the transaction that changes what they count, so they always equal it.
import type { SqlTx } from "../../context.ts";
import { num, type RowOf } from "../../db/raw.ts";
import { Prisma } from "../../generated/prisma/client.ts";

/** 추천 and 반대 moved by a vote's change; returns the new counts. */
export async function addVotes(t: SqlTx, postId: number, up: number, down: number): Promise<{ upCount: number; downCount: number }> {
  const [row] = await t.all<RowOf<"Post", "upCount" | "downCount">[]>(Prisma.sql`
    UPDATE "Post" SET "upCount" = "upCount" + ${up}, "downCount" = "downCount" + ${down}
    WHERE "id" = ${postId} RETURNING "upCount", "downCount"`);
  return { upCount: num(row!.upCount), downCount: num(row!.downCount) };
}

/**
 * 추천 and 반대 counted afresh from the post's vote rows (after an operator voided a ring's
 * votes); returns the new counts.
 */
export async function recountVotes(t: SqlTx, postId: number): Promise<{ upCount: number; downCount: number }> {
  const [row] = await t.all<RowOf<"Post", "upCount" | "downCount">[]>(Prisma.sql`
    UPDATE "Post" SET
      "upCount" = (SELECT COUNT(*) FROM "Vote" v WHERE v."postId" = ${postId} AND v."value" = 'UP'),
      "downCount" = (SELECT COUNT(*) FROM "Vote" v WHERE v."postId" = ${postId} AND v."value" = 'DOWN')
    WHERE "id" = ${postId} RETURNING "upCount", "downCount"`);
  return { upCount: num(row!.upCount), downCount: num(row!.downCount) };
}

/** The live comments count moved by `delta`; returns the new count. */
export async function addComments(t: SqlTx, postId: number, delta: number): Promise<number> {
  const [row] = await t.all<RowOf<"Post", "commentCount">[]>(
    Prisma.sql`UPDATE "Post" SET "commentCount" = "commentCount" + ${delta} WHERE "id" = ${postId} RETURNING "commentCount"`,
  );
  return num(row!.commentCount);
}

/** New views per post, one statement per `chunk` posts (each post gains its own number). */
export async function addViews(t: SqlTx, added: [postId: number, views: number][], chunk: number): Promise<void> {
  for (let i = 0; i < added.length; i += chunk) {
    const part = added.slice(i, i + chunk);
    const cases = part.map(([postId, n]) => Prisma.sql`WHEN ${postId} THEN CAST(${n} AS INTEGER)`);
    await t.run(Prisma.sql`UPDATE "Post" SET "viewCount" = "viewCount" + CASE "id" ${Prisma.join(cases, " ")} END
      WHERE "id" IN (${Prisma.join(part.map(([postId]) => postId))})`);
  }
}

/** The 글 내리기 opinions of `panelId` on the post (the panel's first opinion starts the count afresh). */
export async function setOpinions(t: SqlTx, postId: number, count: number, panelId: number): Promise<number> {
  const [row] = await t.all<RowOf<"Post", "opinionCount">[]>(Prisma.sql`
    UPDATE "Post" SET "opinionCount" = ${count}, "opinionPanelId" = ${panelId} WHERE "id" = ${postId} RETURNING "opinionCount"`);
  return num(row!.opinionCount);
}

/** Blinds the post if it is not blinded yet; true when this call blinded it. */
export async function blindPost(t: SqlTx, postId: number, now: Date): Promise<boolean> {
  return (await t.run(Prisma.sql`UPDATE "Post" SET "blindedAt" = ${now} WHERE "id" = ${postId} AND "blindedAt" IS NULL`)) === 1;
}

/** A restoring appeal: visible again, and the opinions that blinded it no longer count. */
export async function unblindPost(t: SqlTx, postId: number): Promise<void> {
  await t.run(Prisma.sql`UPDATE "Post" SET "blindedAt" = NULL, "opinionCount" = 0, "opinionPanelId" = NULL WHERE "id" = ${postId}`);
}

/**
 * An operator's decision on a post 클린봇 held: it is no longer held, and nothing about it is
 * folded. False when it was not held (another operator decided first).
 */
export async function releaseHeldPost(t: SqlTx, postId: number): Promise<boolean> {
  return (await t.run(Prisma.sql`UPDATE "Post" SET "heldAt" = NULL, "cleanbot" = NULL WHERE "id" = ${postId} AND "heldAt" IS NOT NULL`)) > 0;
}

/** An operator's 숨김 (hiddenAt null: 복원), with its public reason category. */
export async function setPostHidden(t: SqlTx, postId: number, hiddenAt: Date | null, reason: string | null): Promise<void> {
  await t.run(Prisma.sql`UPDATE "Post" SET "hiddenAt" = ${hiddenAt}, "hiddenReason" = ${reason} WHERE "id" = ${postId}`);
}
