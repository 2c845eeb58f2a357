// The SQL of "ClientSignal", which integrity owns: a member's network and browser signals
// (keyed hashes, src/http/client-signals.ts), one row per member and signal, refreshed at each
// sign-in and vote and deleted 30 days after the last.
import type { Ctx, SqlTx } from "../../context.ts";
import { chunks } from "../../lib/chunks.ts";
import { num, type SqlInt, type RowOf } from "../../db/raw.ts";
import type { SqlReader } from "../../db/sql.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { ClientSignals } from "../../lib/client-signals.ts";
import { MAX_ACCOUNTS_PER_SIGNAL, SIGNAL_RETENTION_DAYS, type SharedSignal } from "./integrity.rules.ts";

const DAY_MS = 86_400_000;

export function signalsSince(now: Date): Date {
  return new Date(now.getTime() - SIGNAL_RETENTION_DAYS * DAY_MS);
}

// A sighting refreshes the row at most this often: a member voting all evening writes the row
// once an hour, not once a vote (30 days of retention do not need finer times).
const REFRESH_MS = 3_600_000;

/** Keeps the request's signals for the member (inside the sign-in's or the vote's transaction). */
export async function recordSignals(t: SqlTx, userId: number, signals: ClientSignals, now: Date): Promise<void> {
  const stale = new Date(now.getTime() - REFRESH_MS);
  for (const [kind, key] of [["network", signals.network], ["browser", signals.browser]] as const) {
    if (!key) continue;
    await t.run(Prisma.sql`
      INSERT INTO "ClientSignal" ("userId", "kind", "key", "firstSeenAt", "lastSeenAt") VALUES (${userId}, ${kind}, ${key}, ${now}, ${now})
      ON CONFLICT ("userId", "kind", "key") DO UPDATE SET "lastSeenAt" = excluded."lastSeenAt" WHERE "ClientSignal"."lastSeenAt" < ${stale}`);
  }
}

/** Housekeeping: signals not seen for 30 days are deleted. */
export async function forgetOldSignals(ctx: Pick<Ctx, "sql" | "clock">): Promise<number> {
  return ctx.sql.transaction((t) => t.run(Prisma.sql`DELETE FROM "ClientSignal" WHERE "lastSeenAt" < ${signalsSince(ctx.clock())}`));
}

/** Every signal of the last 30 days that more than one account has, with those accounts. */
export async function sharedSignals(t: SqlReader, now: Date): Promise<{ shared: SharedSignal[]; publicNetworks: number }> {
  const since = signalsSince(now);
  const rows = await t.all<RowOf<"ClientSignal", "userId" | "kind" | "key">[]>(Prisma.sql`
    SELECT s."userId", s."kind", s."key" FROM "ClientSignal" s
    JOIN (SELECT "kind", "key" FROM "ClientSignal" WHERE "lastSeenAt" >= ${since}
          GROUP BY "kind", "key" HAVING COUNT(*) > 1) d ON d."kind" = s."kind" AND d."key" = s."key"
    WHERE s."lastSeenAt" >= ${since}`);
  const bySignal = new Map<string, number[]>();
  for (const r of rows) {
    const signal = `${r.kind}:${r.key}`;
    bySignal.set(signal, [...(bySignal.get(signal) ?? []), num(r.userId)]);
  }
  const shared = [...bySignal].map(([signal, userIds]) => ({ signal, userIds }));
  return { shared, publicNetworks: shared.filter((s) => s.userIds.length > MAX_ACCOUNTS_PER_SIGNAL).length };
}

/** The signals (kind:key) of each of `userIds` seen in the last 30 days. */
export async function signalsOf(t: SqlReader, userIds: number[], now: Date): Promise<Map<number, Set<string>>> {
  const result = new Map<number, Set<string>>();
  for (const batch of chunks(userIds, 500)) {
    const rows = await t.all<(RowOf<"ClientSignal", "kind" | "key"> & { userId: SqlInt })[]>(Prisma.sql`
      SELECT "userId", "kind", "key" FROM "ClientSignal"
      WHERE "userId" IN (${Prisma.join(batch)}) AND "lastSeenAt" >= ${signalsSince(now)}`);
    for (const r of rows) {
      const id = num(r.userId);
      let set = result.get(id);
      if (!set) result.set(id, (set = new Set()));
      set.add(`${r.kind}:${r.key}`);
    }
  }
  return result;
}

/** 회원탈퇴: the member's signals go at once, not after 30 days. */
export async function deleteSignalsOf(t: SqlTx, userId: number): Promise<void> {
  await t.run(Prisma.sql`DELETE FROM "ClientSignal" WHERE "userId" = ${userId}`);
}
