// The SQL of "AccountToken" (links mailed to a member), which accounts owns.
import type { SqlTx } from "../../context.ts";
import { num, type RowOf } from "../../db/raw.ts";
import type { SqlReader } from "../../db/sql.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { TokenPurpose } from "./account-mail.rules.ts";

export async function insertToken(t: SqlTx, row: { userId: number; purpose: TokenPurpose; tokenHash: string; email: string; expiresAt: Date; createdAt: Date }): Promise<void> {
  await t.run(Prisma.sql`
    INSERT INTO "AccountToken" ("userId", "purpose", "tokenHash", "email", "expiresAt", "createdAt")
    VALUES (${row.userId}, ${row.purpose}, ${row.tokenHash}, ${row.email}, ${row.expiresAt}, ${row.createdAt})`);
}

/**
 * Takes a link's token once: marks it used and returns its row, or null when there is no such
 * link, it is of another purpose, used, or expired. The conditional update decides a race:
 * two tabs opening one link get one success.
 */
export async function takeToken(t: SqlTx, tokenHash: string, purpose: TokenPurpose, now: Date) {
  const [row] = await t.all<RowOf<"AccountToken", "id" | "userId" | "email">[]>(Prisma.sql`
    UPDATE "AccountToken" SET "usedAt" = ${now}
    WHERE "tokenHash" = ${tokenHash} AND "purpose" = ${purpose} AND "usedAt" IS NULL AND "expiresAt" > ${now}
    RETURNING "id", "userId", "email"`);
  return row ? { id: num(row.id), userId: num(row.userId), email: row.email } : null;
}

/** Whether a link is still good, without taking it (the reset page's GET). */
export async function liveToken(reader: SqlReader, tokenHash: string, purpose: TokenPurpose, now: Date) {
  const [row] = await reader.all<RowOf<"AccountToken", "userId">[]>(Prisma.sql`
    SELECT "userId" FROM "AccountToken"
    WHERE "tokenHash" = ${tokenHash} AND "purpose" = ${purpose} AND "usedAt" IS NULL AND "expiresAt" > ${now}`);
  return row ? { userId: num(row.userId) } : null;
}

/** Ends the member's other links of a purpose (a new password makes older reset links void). */
export async function endTokens(t: SqlTx, userId: number, purpose: TokenPurpose, now: Date): Promise<void> {
  await t.run(Prisma.sql`UPDATE "AccountToken" SET "usedAt" = ${now} WHERE "userId" = ${userId} AND "purpose" = ${purpose} AND "usedAt" IS NULL`);
}

/** The address waiting for its verification link to be opened, if any (the security page). */
export async function pendingEmail(reader: SqlReader, userId: number, now: Date): Promise<string | null> {
  const [row] = await reader.all<RowOf<"AccountToken", "email">[]>(Prisma.sql`
    SELECT "email" FROM "AccountToken"
    WHERE "userId" = ${userId} AND "purpose" = 'verify-email' AND "usedAt" IS NULL AND "expiresAt" > ${now}
    ORDER BY "id" DESC LIMIT 1`);
  return row?.email ?? null;
}

export async function deleteTokensOf(t: SqlTx, userId: number): Promise<void> {
  await t.run(Prisma.sql`DELETE FROM "AccountToken" WHERE "userId" = ${userId}`);
}

/** The hourly deletion: links a day past their expiry are of no use to anyone. */
export async function deleteOldTokens(t: SqlTx, before: Date): Promise<number> {
  return t.run(Prisma.sql`DELETE FROM "AccountToken" WHERE "expiresAt" < ${before}`);
}
