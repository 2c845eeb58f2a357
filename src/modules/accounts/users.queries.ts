// The SQL of the tables accounts owns: "User" (members, their sign-in counters, password and
// standing) and "LoginEvent" (sign-in history). Every other module that writes a member's row
// calls a function here; none writes these tables itself.
import type { Ctx, SqlTx } from "../../context.ts";
import { date, dateOrNull, num, type RowOf } from "../../db/raw.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { SqlReader } from "../../db/sql.ts";

/** Members whose login id, nickname or nickname skeleton is one of these (at most four rows: three, and the asker's own). */
export async function usersNamed(ctx: Pick<Ctx, "sql">, names: { loginId?: string; nickname?: string; nicknameKey?: string }) {
  const or = [
    names.loginId === undefined ? null : Prisma.sql`"loginId" = ${names.loginId}`,
    names.nickname === undefined ? null : Prisma.sql`"nickname" = ${names.nickname}`,
    names.nicknameKey === undefined ? null : Prisma.sql`"nicknameKey" = ${names.nicknameKey}`,
  ].filter((c): c is Prisma.Sql => c !== null);
  if (or.length === 0) return [];
  const rows = await ctx.sql.read<RowOf<"User", "id" | "loginId" | "nickname" | "nicknameKey">[]>(
    Prisma.sql`SELECT "id", "loginId", "nickname", "nicknameKey" FROM "User" WHERE ${Prisma.join(or, " OR ")} LIMIT 4`,
  );
  return rows.map((r) => ({ ...r, id: num(r.id) }));
}

/** A new member, or null when the login id or a nickname (or its skeleton) is already taken. */
export async function insertUser(
  ctx: Pick<Ctx, "sql">,
  user: { loginId: string; nickname: string; nicknameKey: string; passwordHash: string | null; createdAt: Date; policyVersion: string },
): Promise<{ id: number; nickname: string; loginId: string } | null> {
  const [row] = await ctx.sql.transaction((t) =>
    t.all<RowOf<"User", "id" | "nickname" | "loginId">[]>(Prisma.sql`
      INSERT INTO "User" ("loginId", "nickname", "nicknameKey", "passwordHash", "createdAt", "policyVersion", "policyAgreedAt")
      VALUES (${user.loginId}, ${user.nickname}, ${user.nicknameKey}, ${user.passwordHash}, ${user.createdAt}, ${user.policyVersion}, ${user.createdAt})
      ON CONFLICT DO NOTHING RETURNING "id", "nickname", "loginId"`),
  );
  return row ? { id: num(row.id), nickname: row.nickname, loginId: row.loginId } : null;
}

/** What a sign-in needs of the account with this login id. */
export async function signInRow(ctx: Pick<Ctx, "sql">, loginId: string) {
  const [row] = await ctx.sql.read<RowOf<"User", "id" | "nickname" | "loginId" | "passwordHash" | "failedSignIns" | "signInBlockedUntil" | "role" | "policyVersion">[]>(
    Prisma.sql`SELECT "id", "nickname", "loginId", "passwordHash", "failedSignIns", "signInBlockedUntil", "role", "policyVersion" FROM "User" WHERE "loginId" = ${loginId}`,
  );
  if (!row) return null;
  return { ...row, id: num(row.id), failedSignIns: num(row.failedSignIns), signInBlockedUntil: dateOrNull(row.signInBlockedUntil) };
}

/** A member's suspension as it stands (null: no such member); `lock` locks the row in a transaction. */
export async function standingRow(t: SqlReader, userId: number, lock: Prisma.Sql = Prisma.empty) {
  const [row] = await t.all<RowOf<"User", "suspendedUntil" | "suspensionReason" | "createdAt" | "withdrawnAt">[]>(
    Prisma.sql`SELECT "suspendedUntil", "suspensionReason", "createdAt", "withdrawnAt" FROM "User" WHERE "id" = ${userId} ${lock}`,
  );
  // A withdrawn member's row stays for their writing's sake; as an account it is gone.
  if (!row || row.withdrawnAt !== null) return null;
  return { suspendedUntil: dateOrNull(row.suspendedUntil), suspensionReason: row.suspensionReason, joinedAt: date(row.createdAt) };
}

export async function passwordHashOf(ctx: Pick<Ctx, "sql">, userId: number): Promise<string | null> {
  const [row] = await ctx.sql.read<RowOf<"User", "passwordHash">[]>(Prisma.sql`SELECT "passwordHash" FROM "User" WHERE "id" = ${userId}`);
  return row?.passwordHash ?? null;
}

/** One more wrong password, counted atomically (parallel guesses from several instances each count). */
export async function countFailedSignIn(ctx: Pick<Ctx, "sql">, userId: number): Promise<number> {
  const [row] = await ctx.sql.transaction((t) =>
    t.all<RowOf<"User", "failedSignIns">[]>(Prisma.sql`UPDATE "User" SET "failedSignIns" = "failedSignIns" + 1 WHERE "id" = ${userId} RETURNING "failedSignIns"`),
  );
  return row ? num(row.failedSignIns) : 0;
}

/** The account waits until `until` before its next sign-in is even checked. */
export async function blockSignInsUntil(ctx: Pick<Ctx, "sql">, userId: number, until: Date): Promise<void> {
  await ctx.sql.transaction((t) => t.run(Prisma.sql`UPDATE "User" SET "signInBlockedUntil" = ${until} WHERE "id" = ${userId}`));
}

/** A right password: the count of wrong ones starts again, and any wait ends. */
export async function clearSignInFailures(t: SqlTx, userId: number): Promise<void> {
  await t.run(Prisma.sql`UPDATE "User" SET "failedSignIns" = 0, "signInBlockedUntil" = NULL WHERE "id" = ${userId}`);
}

export async function setPasswordHash(t: SqlTx, userId: number, passwordHash: string): Promise<void> {
  await t.run(Prisma.sql`UPDATE "User" SET "passwordHash" = ${passwordHash} WHERE "id" = ${userId}`);
}

/** An operator's 이용 제한 (until null: lifted). */
export async function setSuspension(t: SqlTx, userId: number, until: Date | null, reason: string | null): Promise<void> {
  await t.run(Prisma.sql`UPDATE "User" SET "suspendedUntil" = ${until}, "suspensionReason" = ${reason} WHERE "id" = ${userId}`);
}

export async function setRole(ctx: Pick<Ctx, "sql">, userId: number, role: string): Promise<void> {
  await ctx.sql.transaction((t) => t.run(Prisma.sql`UPDATE "User" SET "role" = ${role} WHERE "id" = ${userId}`));
}

export async function userByLoginId(ctx: Pick<Ctx, "sql">, loginId: string) {
  const [row] = await ctx.sql.read<RowOf<"User", "id" | "nickname" | "role">[]>(Prisma.sql`SELECT "id", "nickname", "role" FROM "User" WHERE "loginId" = ${loginId}`);
  return row ? { id: num(row.id), nickname: row.nickname, role: row.role } : null;
}

export async function insertLoginEvent(t: SqlTx, event: { userId: number; ip: string; userAgent: string; createdAt: Date }): Promise<void> {
  await t.run(Prisma.sql`INSERT INTO "LoginEvent" ("userId", "ip", "userAgent", "createdAt") VALUES (${event.userId}, ${event.ip}, ${event.userAgent}, ${event.createdAt})`);
}

export async function loginEvents(ctx: Pick<Ctx, "sql">, userId: number, limit: number) {
  const rows = await ctx.sql.read<RowOf<"LoginEvent", "id" | "ip" | "userAgent" | "createdAt">[]>(
    Prisma.sql`SELECT "id", "ip", "userAgent", "createdAt" FROM "LoginEvent" WHERE "userId" = ${userId} ORDER BY "id" DESC LIMIT ${limit}`,
  );
  return rows.map((r) => ({ id: num(r.id), ip: r.ip, userAgent: r.userAgent, createdAt: date(r.createdAt) }));
}

/** The reader's 클린봇 setting: folded posts and comments shown open. */
export async function showsFolded(reader: SqlReader, userId: number): Promise<boolean> {
  const [row] = await reader.all<RowOf<"User", "showFolded">[]>(Prisma.sql`SELECT "showFolded" FROM "User" WHERE "id" = ${userId}`);
  return row ? Boolean(row.showFolded) : false;
}

export async function setShowFolded(t: SqlTx, userId: number, show: boolean): Promise<void> {
  await t.run(Prisma.sql`UPDATE "User" SET "showFolded" = ${show} WHERE "id" = ${userId}`);
}

/** The account's login id and verified address (null: no such member). */
export async function contactOf(reader: SqlReader, userId: number) {
  const [row] = await reader.all<RowOf<"User", "loginId" | "email" | "nickname">[]>(Prisma.sql`SELECT "loginId", "email", "nickname" FROM "User" WHERE "id" = ${userId}`);
  return row ?? null;
}

/** The accounts whose verified email this is (withdrawn ones have none). */
export async function usersWithEmail(reader: SqlReader, email: string, limit: number) {
  const rows = await reader.all<RowOf<"User", "id" | "loginId">[]>(Prisma.sql`SELECT "id", "loginId" FROM "User" WHERE "email" = ${email} ORDER BY "id" LIMIT ${limit}`);
  return rows.map((r) => ({ id: num(r.id), loginId: r.loginId }));
}

export async function setVerifiedEmail(t: SqlTx, userId: number, email: string, at: Date): Promise<void> {
  await t.run(Prisma.sql`UPDATE "User" SET "email" = ${email}, "emailVerifiedAt" = ${at} WHERE "id" = ${userId} AND "withdrawnAt" IS NULL`);
}

export async function clearEmail(t: SqlTx, userId: number): Promise<void> {
  await t.run(Prisma.sql`UPDATE "User" SET "email" = NULL, "emailVerifiedAt" = NULL WHERE "id" = ${userId}`);
}

/** What 닉네임 변경 checks, read with the member's row locked. */
export async function nicknameRow(t: SqlReader, userId: number, lock: Prisma.Sql = Prisma.empty) {
  const [row] = await t.all<RowOf<"User", "nickname" | "nicknameKey" | "nicknameChangedAt">[]>(
    Prisma.sql`SELECT "nickname", "nicknameKey", "nicknameChangedAt" FROM "User" WHERE "id" = ${userId} ${lock}`,
  );
  return row ? { nickname: row.nickname, nicknameKey: row.nicknameKey, changedAt: dateOrNull(row.nicknameChangedAt) } : null;
}

/** False when the name (or its skeleton) is someone else's already: the unique index decides. */
export async function setNickname(t: SqlTx, userId: number, nickname: string, nicknameKey: string, at: Date): Promise<boolean> {
  const [row] = await t.all<RowOf<"User", "id">[]>(Prisma.sql`
    UPDATE "User" SET "nickname" = ${nickname}, "nicknameKey" = ${nicknameKey}, "nicknameChangedAt" = ${at}
    WHERE "id" = ${userId} AND NOT EXISTS (SELECT 1 FROM "User" AS o WHERE o."id" <> ${userId} AND (o."nickname" = ${nickname} OR o."nicknameKey" = ${nicknameKey}))
    RETURNING "id"`);
  return row !== undefined;
}

/** 약관·개인정보 처리방침 agreed to: the version and when. */
export async function setPolicyConsent(t: SqlTx, userId: number, version: string, at: Date): Promise<void> {
  await t.run(Prisma.sql`UPDATE "User" SET "policyVersion" = ${version}, "policyAgreedAt" = ${at} WHERE "id" = ${userId}`);
}

/**
 * 회원탈퇴 of the row: the placeholders take the id and the name (src/lib/withdrawn.ts), and
 * every personal column is emptied. The row stays: posts, comments and votes point at it.
 */
export async function withdrawUserRow(t: SqlTx, userId: number, placeholders: { loginId: string; nickname: string }, at: Date): Promise<void> {
  await t.run(Prisma.sql`
    UPDATE "User" SET "loginId" = ${placeholders.loginId}, "nickname" = ${placeholders.nickname}, "nicknameKey" = NULL,
      "passwordHash" = NULL, "email" = NULL, "emailVerifiedAt" = NULL, "failedSignIns" = 0, "signInBlockedUntil" = NULL,
      "policyVersion" = NULL, "policyAgreedAt" = NULL, "showFolded" = false, "withdrawnAt" = ${at}
    WHERE "id" = ${userId}`);
}

export async function deleteLoginEventsOf(t: SqlTx, userId: number): Promise<void> {
  await t.run(Prisma.sql`DELETE FROM "LoginEvent" WHERE "userId" = ${userId}`);
}

/** The session's picture of a member (after the 2단계 code), or null when it cannot sign in. */
export async function sessionUserRow(reader: SqlReader, userId: number) {
  const [row] = await reader.all<RowOf<"User", "id" | "nickname" | "loginId" | "role" | "policyVersion" | "withdrawnAt">[]>(
    Prisma.sql`SELECT "id", "nickname", "loginId", "role", "policyVersion", "withdrawnAt" FROM "User" WHERE "id" = ${userId}`,
  );
  if (!row || row.withdrawnAt !== null) return null;
  return { id: num(row.id), nickname: row.nickname, loginId: row.loginId, operator: row.role === "operator", policy: row.policyVersion };
}
