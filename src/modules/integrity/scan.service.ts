// The integrity scan (housekeeping hourly, and `npm run integrity:scan`): reads the last 30
// days' shared signals and votes, finds rings and bursts (integrity.rules.ts) and opens a case
// for each group not seen before. Reads in bounded batches; writes one short transaction per
// new case. Idempotent: a group found again with the same votes has the same key and changes
// nothing, so every instance may run it; the same accounts with new votes make a new case (one
// an operator dismissed, only with enough votes cast after the dismissal).
import type { Ctx } from "../../context.ts";
import { chunks } from "../../lib/chunks.ts";
import { date, num, type RowOf } from "../../db/raw.ts";
import { readerOf } from "../../db/sql.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { lastDismissal, openCase } from "./cases.queries.ts";
import { bringsNewEvidence, findBursts, findRings, isYoungAt, YOUNG_ACCOUNT_DAYS, type ScanVote, type VoteValue } from "./integrity.rules.ts";
import { sharedSignals, signalsSince } from "./signals.queries.ts";

// Ids per statement: a batch of 200 accounts' 30 days of votes is a few thousand rows, a few
// milliseconds of a synchronous SQLite read; between batches the scan yields to the event loop
// so the requests waiting meanwhile are answered (housekeeping runs it inside the server).
const BATCH = 200;
const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));
const DAY_MS = 86_400_000;

export interface ScanResult {
  opened: number; // new cases
  rings: number; // groups found (new or not)
  bursts: number;
  sharedSignals: number;
  publicNetworks: number; // signals shared by too many accounts to mean one person
  votesRead: number;
  ms: number;
}

type VoteRowSql = RowOf<"Vote", "postId" | "userId" | "updatedAt"> & { value: VoteValue };

/** The votes cast or changed since `since` by `userIds`, a batch of ids at a time. */
async function votesOf(ctx: Ctx, userIds: number[], since: Date): Promise<ScanVote[]> {
  const votes: ScanVote[] = [];
  for (const batch of chunks(userIds, BATCH)) {
    const rows = await ctx.sql.read<VoteRowSql[]>(Prisma.sql`
      SELECT "postId", "userId", "value", "updatedAt" FROM "Vote"
      WHERE "userId" IN (${Prisma.join(batch)}) AND "updatedAt" >= ${since}`);
    for (const r of rows) votes.push({ postId: num(r.postId), userId: num(r.userId), value: r.value, at: date(r.updatedAt).getTime() });
    await yieldToRequests();
  }
  return votes;
}

export async function scanIntegrity(ctx: Ctx): Promise<ScanResult> {
  const started = performance.now();
  const now = ctx.clock();
  const since = signalsSince(now);
  const rule = ctx.trust;

  const { shared, publicNetworks } = await sharedSignals(readerOf(ctx.sql), now);
  const ringAccounts = [...new Set(shared.flatMap((s) => s.userIds))];
  const ringVotes = await votesOf(ctx, ringAccounts, since);
  const byUser = new Map<number, Map<number, ScanVote>>();
  for (const v of ringVotes) {
    let m = byUser.get(v.userId);
    if (!m) byUser.set(v.userId, (m = new Map()));
    m.set(v.postId, v);
  }
  const rings = findRings(shared, byUser, { commonPosts: rule.ringCommonPosts, windowMinutes: rule.ringWindowMinutes });

  // Accounts that were under 30 days old at some point of the window: joined after since − 30 days.
  const young = await ctx.sql.read<RowOf<"User", "id" | "createdAt">[]>(Prisma.sql`
    SELECT "id", "createdAt" FROM "User" WHERE "createdAt" > ${new Date(since.getTime() - YOUNG_ACCOUNT_DAYS * DAY_MS)}`);
  const joined = new Map(young.map((u) => [num(u.id), date(u.createdAt).getTime()]));
  const youngVotes = (await votesOf(ctx, [...joined.keys()], since)).filter((v) => isYoungAt(joined.get(v.userId)!, v.at));
  const bursts = findBursts(youngVotes, { burstVotes: rule.burstVotes, burstSeconds: rule.burstSeconds });

  let opened = 0;
  for (const found of [...rings, ...bursts]) {
    const dismissedAt = await lastDismissal(readerOf(ctx.sql), found.family);
    if (!bringsNewEvidence(found, dismissedAt, { commonPosts: rule.ringCommonPosts, burstVotes: rule.burstVotes })) continue;
    if (await ctx.sql.transaction((t) => openCase(t, found, now))) opened++;
  }
  const result = {
    opened,
    rings: rings.length,
    bursts: bursts.length,
    sharedSignals: shared.length,
    publicNetworks,
    votesRead: ringVotes.length + youngVotes.length,
    ms: Math.round(performance.now() - started),
  };
  if (opened > 0) ctx.events.record("integrity_cases", { opened, rings: rings.length, bursts: bursts.length }, "the integrity scan opened cases for the operators");
  return result;
}
