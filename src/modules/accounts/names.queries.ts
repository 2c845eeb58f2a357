// The SQL of "NicknameHold" (names given up, reserved for a while) and "RetiredLoginId" (the
// hashes of withdrawn members' ids), which accounts owns.
import crypto from "node:crypto";
import type { SqlTx } from "../../context.ts";
import type { RowOf } from "../../db/raw.ts";
import type { SqlReader } from "../../db/sql.ts";
import { Prisma } from "../../generated/prisma/client.ts";

/** A hold on this nickname or a look-alike, kept for someone other than `exceptUserId`. */
export async function heldName(reader: SqlReader, nickname: string, nicknameKey: string, now: Date, exceptUserId = 0): Promise<string | null> {
  const [row] = await reader.all<RowOf<"NicknameHold", "nickname">[]>(Prisma.sql`
    SELECT "nickname" FROM "NicknameHold"
    WHERE ("nickname" = ${nickname} OR "nicknameKey" = ${nicknameKey}) AND "until" > ${now} AND "userId" <> ${exceptUserId}
    LIMIT 1`);
  return row?.nickname ?? null;
}

export async function holdName(t: SqlTx, hold: { nickname: string; nicknameKey: string; userId: number; until: Date }): Promise<void> {
  await t.run(Prisma.sql`
    INSERT INTO "NicknameHold" ("nickname", "nicknameKey", "userId", "until") VALUES (${hold.nickname}, ${hold.nicknameKey}, ${hold.userId}, ${hold.until})
    ON CONFLICT ("nickname") DO UPDATE SET "nicknameKey" = excluded."nicknameKey", "userId" = excluded."userId", "until" = excluded."until"`);
}

export async function deleteLapsedHolds(t: SqlTx, now: Date): Promise<number> {
  return t.run(Prisma.sql`DELETE FROM "NicknameHold" WHERE "until" <= ${now}`);
}

export async function isRetiredLoginId(reader: SqlReader, hash: string): Promise<boolean> {
  const rows = await reader.all<RowOf<"RetiredLoginId", "hash">[]>(Prisma.sql`SELECT "hash" FROM "RetiredLoginId" WHERE "hash" = ${hash}`);
  return rows.length > 0;
}

export async function retireLoginId(t: SqlTx, hash: string, now: Date): Promise<void> {
  await t.run(Prisma.sql`INSERT INTO "RetiredLoginId" ("hash", "retiredAt") VALUES (${hash}, ${now}) ON CONFLICT DO NOTHING`);
}

/** The stored form of a retired id: its hash, so the table names nobody. */
export const retiredLoginIdHash = (loginId: string) => crypto.createHash("sha256").update(`login-id:${loginId}`).digest("hex");
