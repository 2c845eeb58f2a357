// The SQL of "TwoStep" and "RecoveryCode" (2단계 인증), which accounts owns.
import type { SqlTx } from "../../context.ts";
import { dateOrNull, num, type RowOf } from "../../db/raw.ts";
import type { SqlReader } from "../../db/sql.ts";
import { Prisma } from "../../generated/prisma/client.ts";

export async function twoStepRow(reader: SqlReader, userId: number, lock: Prisma.Sql = Prisma.empty) {
  const [row] = await reader.all<RowOf<"TwoStep", "secret" | "enabledAt" | "lastStep" | "failures" | "blockedUntil">[]>(
    Prisma.sql`SELECT "secret", "enabledAt", "lastStep", "failures", "blockedUntil" FROM "TwoStep" WHERE "userId" = ${userId} ${lock}`,
  );
  return row ? { secret: row.secret, enabledAt: dateOrNull(row.enabledAt), lastStep: num(row.lastStep), failures: num(row.failures), blockedUntil: dateOrNull(row.blockedUntil) } : null;
}

/** A new setup (not yet on): replaces an unconfirmed one, never an enabled one. */
export async function startTwoStep(t: SqlTx, userId: number, secret: string, now: Date): Promise<boolean> {
  return (
    (await t.run(Prisma.sql`
      INSERT INTO "TwoStep" ("userId", "secret", "createdAt") VALUES (${userId}, ${secret}, ${now})
      ON CONFLICT ("userId") DO UPDATE SET "secret" = excluded."secret", "createdAt" = excluded."createdAt", "failures" = 0, "blockedUntil" = NULL
      WHERE "TwoStep"."enabledAt" IS NULL`)) > 0
  );
}

export async function enableTwoStep(t: SqlTx, userId: number, step: number, now: Date): Promise<boolean> {
  return (await t.run(Prisma.sql`UPDATE "TwoStep" SET "enabledAt" = ${now}, "lastStep" = ${step}, "failures" = 0, "blockedUntil" = NULL WHERE "userId" = ${userId} AND "enabledAt" IS NULL`)) > 0;
}

/** A code accepted at `step`: only a later step's code works next (a code works once). */
export async function acceptStep(t: SqlTx, userId: number, step: number): Promise<boolean> {
  return (await t.run(Prisma.sql`UPDATE "TwoStep" SET "lastStep" = ${step}, "failures" = 0, "blockedUntil" = NULL WHERE "userId" = ${userId} AND "lastStep" < ${step}`)) > 0;
}

export async function countCodeFailure(t: SqlTx, userId: number): Promise<number> {
  const [row] = await t.all<RowOf<"TwoStep", "failures">[]>(Prisma.sql`UPDATE "TwoStep" SET "failures" = "failures" + 1 WHERE "userId" = ${userId} RETURNING "failures"`);
  return row ? num(row.failures) : 0;
}

export async function blockCodesUntil(t: SqlTx, userId: number, until: Date): Promise<void> {
  await t.run(Prisma.sql`UPDATE "TwoStep" SET "blockedUntil" = ${until} WHERE "userId" = ${userId}`);
}

export async function clearCodeFailures(t: SqlTx, userId: number): Promise<void> {
  await t.run(Prisma.sql`UPDATE "TwoStep" SET "failures" = 0, "blockedUntil" = NULL WHERE "userId" = ${userId}`);
}

export async function replaceRecoveryCodes(t: SqlTx, userId: number, hashes: string[]): Promise<void> {
  await t.run(Prisma.sql`DELETE FROM "RecoveryCode" WHERE "userId" = ${userId}`);
  for (const hash of hashes) await t.run(Prisma.sql`INSERT INTO "RecoveryCode" ("userId", "codeHash") VALUES (${userId}, ${hash})`);
}

/** Uses a recovery code once; false when it is not the member's or already used. */
export async function useRecoveryCode(t: SqlTx, userId: number, hash: string, now: Date): Promise<"used" | "reused" | "unknown"> {
  const taken = await t.run(Prisma.sql`UPDATE "RecoveryCode" SET "usedAt" = ${now} WHERE "userId" = ${userId} AND "codeHash" = ${hash} AND "usedAt" IS NULL`);
  if (taken > 0) return "used";
  const [row] = await t.all<RowOf<"RecoveryCode", "id">[]>(Prisma.sql`SELECT "id" FROM "RecoveryCode" WHERE "userId" = ${userId} AND "codeHash" = ${hash}`);
  return row ? "reused" : "unknown";
}

export async function unusedRecoveryCodes(reader: SqlReader, userId: number): Promise<number> {
  const [row] = await reader.all<{ n: bigint | number }[]>(Prisma.sql`SELECT COUNT(*) AS "n" FROM "RecoveryCode" WHERE "userId" = ${userId} AND "usedAt" IS NULL`);
  return row ? num(row.n) : 0;
}

export async function deleteTwoStep(t: SqlTx, userId: number): Promise<void> {
  await t.run(Prisma.sql`DELETE FROM "RecoveryCode" WHERE "userId" = ${userId}`);
  await t.run(Prisma.sql`DELETE FROM "TwoStep" WHERE "userId" = ${userId}`);
}
