// The SQL of "Session", which accounts owns: the rows express-session keeps (read and written
// through the store in src/http/session-store.ts, which is given these functions by the app)
// and the account actions that end a member's sessions.
import type { Ctx, SqlTx } from "../../context.ts";
import { date, num, type RowOf, type SqlInt } from "../../db/raw.ts";
import { Prisma } from "../../generated/prisma/client.ts";

export async function readSession(ctx: Pick<Ctx, "sql">, sid: string): Promise<{ data: string; expiresAt: Date } | null> {
  const [row] = await ctx.sql.read<RowOf<"Session", "data" | "expiresAt">[]>(Prisma.sql`SELECT "data", "expiresAt" FROM "Session" WHERE "sid" = ${sid}`);
  return row ? { data: row.data, expiresAt: date(row.expiresAt) } : null;
}

export interface SessionRow {
  sid: string;
  userId: number | null;
  data: string;
  expiresAt: Date;
  createdAt: Date;
}

/** Writes the row whether or not it exists; true when one was written. */
export async function upsertSession(t: SqlTx, row: SessionRow): Promise<boolean> {
  return (
    (await t.run(Prisma.sql`
      INSERT INTO "Session" ("sid", "userId", "data", "expiresAt", "createdAt") VALUES (${row.sid}, ${row.userId}, ${row.data}, ${row.expiresAt}, ${row.createdAt})
      ON CONFLICT ("sid") DO UPDATE SET "userId" = excluded."userId", "data" = excluded."data", "expiresAt" = excluded."expiresAt"`)) > 0
  );
}

/** Updates the member's row only if it is still there (never brings an ended session back). */
export async function updateSession(t: SqlTx, row: SessionRow & { userId: number }): Promise<boolean> {
  return (await t.run(Prisma.sql`UPDATE "Session" SET "data" = ${row.data}, "expiresAt" = ${row.expiresAt} WHERE "sid" = ${row.sid} AND "userId" = ${row.userId}`)) > 0;
}

export async function extendSession(t: SqlTx, sid: string, expiresAt: Date): Promise<void> {
  await t.run(Prisma.sql`UPDATE "Session" SET "expiresAt" = ${expiresAt} WHERE "sid" = ${sid}`);
}

export async function deleteSession(t: SqlTx, sid: string): Promise<void> {
  await t.run(Prisma.sql`DELETE FROM "Session" WHERE "sid" = ${sid}`);
}

/** Ends the member's sessions, all of them or all but `keepSid`; returns how many ended. */
export async function deleteSessionsOf(t: SqlTx, userId: number, keepSid?: string): Promise<number> {
  return t.run(
    keepSid === undefined
      ? Prisma.sql`DELETE FROM "Session" WHERE "userId" = ${userId}`
      : Prisma.sql`DELETE FROM "Session" WHERE "userId" = ${userId} AND "sid" <> ${keepSid}`,
  );
}

/** Live sessions of a member other than `keepSid` (expiry is wall-clock time, like the cookie's). */
export async function countSessionsOf(ctx: Pick<Ctx, "sql">, userId: number, keepSid: string, now: Date): Promise<number> {
  const [row] = await ctx.sql.read<{ n: SqlInt }[]>(
    Prisma.sql`SELECT COUNT(*) AS "n" FROM "Session" WHERE "userId" = ${userId} AND "sid" <> ${keepSid} AND "expiresAt" > ${now}`,
  );
  return row ? num(row.n) : 0;
}

/** Sessions alive now, of members and visitors (the /metrics gauge). */
export async function countLiveSessions(ctx: Pick<Ctx, "sql">, now: Date): Promise<number> {
  const [row] = await ctx.sql.read<{ n: SqlInt }[]>(Prisma.sql`SELECT COUNT(*) AS "n" FROM "Session" WHERE "expiresAt" > ${now}`);
  return row ? num(row.n) : 0;
}

/** Expired rows, for housekeeping; returns how many went. */
export async function deleteExpiredSessions(ctx: Pick<Ctx, "sql">, now: Date): Promise<number> {
  return ctx.sql.transaction((t) => t.run(Prisma.sql`DELETE FROM "Session" WHERE "expiresAt" <= ${now}`));
}
