// One person, one voice (docs/product.md §3), for 추천/반대 of posts and 공감/비공감 of comments
// alike, each counted on its own rows: the new-account wait, the per-author daily cap and the
// per-minute cap. Called inside the vote's transaction with the member's row locked, so
// parallel votes count one at a time.
import type { Ctx, SqlTx } from "../../context.ts";
import { date, num, type SqlDate, type SqlInt } from "../../db/raw.ts";
import { ForbiddenError, RateLimitedError } from "../../domain/errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { kstDayWindow, secondsUntil } from "../../lib/daily-cap.ts";
import { formatKst } from "../../lib/kst-time.ts";
import { newAccountWait } from "../accounts/new-account.rules.ts";
import { perAuthorCapMessage, perMinuteCapMessage, type VoteTarget, type VoteValue } from "./votes.rules.ts";

const MINUTE_MS = 60_000;

// Each target's vote rows, what they are on, and the column that names it.
const ROWS: Record<VoteTarget, { votes: Prisma.Sql; on: Prisma.Sql; key: Prisma.Sql; wait: "vote" | "commentVote" }> = {
  post: { votes: Prisma.raw(`"Vote"`), on: Prisma.raw(`"Post"`), key: Prisma.raw(`"postId"`), wait: "vote" },
  comment: { votes: Prisma.raw(`"CommentVote"`), on: Prisma.raw(`"Comment"`), key: Prisma.raw(`"commentId"`), wait: "commentVote" },
};

/**
 * Refuses a vote the rules do not allow, counted from the member's vote rows of this kind. The
 * vote on the target itself is left out: switching it is the same voice.
 */
export async function checkVoice(
  t: SqlTx,
  ctx: Ctx,
  target: VoteTarget,
  v: { userId: number; joinedAt: Date; authorId: number; targetId: number; value: VoteValue; now: Date },
): Promise<void> {
  const rules = ctx.trust;
  const { votes, on, key, wait: action } = ROWS[target];
  const wait = newAccountWait(action, v.joinedAt, v.now, rules.minAccountAgeHours);
  if (wait) throw new ForbiddenError(wait);
  const day = kstDayWindow(v.now);
  const cap = v.value === "UP" ? rules.upsPerAuthorPerDay : rules.downsPerAuthorPerDay;
  const [toAuthor] = await t.all<{ n: SqlInt }[]>(Prisma.sql`
    SELECT COUNT(*) AS n FROM ${votes} x JOIN ${on} p ON p."id" = x.${key}
    WHERE x."userId" = ${v.userId} AND x."updatedAt" >= ${day.since} AND x."value" = ${v.value}
      AND p."authorId" = ${v.authorId} AND x.${key} <> ${v.targetId}`);
  if (num(toAuthor!.n) >= cap) throw new RateLimitedError(perAuthorCapMessage(v.value, cap, formatKst(day.reopensAt), target), day.retryAfterSeconds);
  const since = new Date(v.now.getTime() - MINUTE_MS);
  const [recent] = await t.all<{ n: SqlInt; first: SqlDate | null }[]>(Prisma.sql`
    SELECT COUNT(*) AS n, MIN("updatedAt") AS "first" FROM ${votes}
    WHERE "userId" = ${v.userId} AND "updatedAt" > ${since} AND ${key} <> ${v.targetId}`);
  if (num(recent!.n) >= rules.votesPerMinute) {
    const seconds = secondsUntil(new Date(date(recent!.first!).getTime() + MINUTE_MS), v.now);
    throw new RateLimitedError(perMinuteCapMessage(rules.votesPerMinute, seconds, target), seconds);
  }
}
