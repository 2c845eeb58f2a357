// The SQL of the tables accounts owns: "User" (members, their sign-in counters, password and
// standing) and "LoginEvent" (sign-in history). Every other module that writes a member's row
// calls a function here; none writes these tables itself.
import type { Ctx, SqlTx } from "../../context.ts";
import { date, dateOrNull, num, type RowOf } from "../../db/raw.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { SqlReader } from "../../db/sql.ts";

/** Members whose login id, nickname or nickname skeleton is one of these (at most three rows). */
export async function usersNamed(ctx: Pick<Ctx, "sql">, names: { loginId?: string; nickname?: string; nicknameKey?: string }) {
  const or = [
    names.loginId === undefined ? null : Prisma.sql`"loginId" = ${names.loginId}`,
    names.nickname === undefined ? null : Prisma.sql`"nickname" = ${names.nickname}`,
    names.nicknameKey === undefined ? null : Prisma.sql`"nicknameKey" = ${names.nicknameKey}`,
  ].filter((c): c is Prisma.Sql => c !== null);
  if (or.length === 0) return [];
  return ctx.sql.read<RowOf<"User", "loginId" | "nickname" | "nicknameKey">[]>(
    Prisma.sql`SELECT "loginId", "nickname", "nicknameKey" FROM "User" WHERE ${Prisma.join(or, " OR ")} LIMIT 3`,
  );
}

/** A new member, or null when the login id or a nickname (or its skeleton) is already taken. */
export async function insertUser(
  ctx: Pick<Ctx, "sql">,
  user: { loginId: string; nickname: string; nicknameKey: string; passwordHash: string | null; createdAt: Date },
): Promise<{ id: number; nickname: string; loginId: string } | null> {
  const [row] = await ctx.sql.transaction((t) =>
    t.all<RowOf<"User", "id" | "nickname" | "loginId">[]>(Prisma.sql`
      INSERT INTO "User" ("loginId", "nickname", "nicknameKey", "passwordHash", "createdAt")
      VALUES (${user.loginId}, ${user.nickname}, ${user.nicknameKey}, ${user.passwordHash}, ${user.createdAt})
      ON CONFLICT DO NOTHING RETURNING "id", "nickname", "loginId"`),
  );
  return row ? { id: num(row.id), nickname: row.nickname, loginId: row.loginId } : null;
}

/** What a sign-in needs of the account with this login id. */
export async function signInRow(ctx: Pick<Ctx, "sql">, loginId: string) {
  const [row] = await ctx.sql.read<RowOf<"User", "id" | "nickname" | "loginId" | "passwordHash" | "failedSignIns" | "signInBlockedUntil" | "role">[]>(
    Prisma.sql`SELECT "id", "nickname", "loginId", "passwordHash", "failedSignIns", "signInBlockedUntil", "role" FROM "User" WHERE "loginId" = ${loginId}`,
  );
  if (!row) return null;
  return { ...row, id: num(row.id), failedSignIns: num(row.failedSignIns), signInBlockedUntil: dateOrNull(row.signInBlockedUntil) };
}

/** A member's suspension as it stands (null: no such member); `lock` locks the row in a transaction. */
export async function standingRow(t: SqlReader, userId: number, lock: Prisma.Sql = Prisma.empty) {
  const [row] = await t.all<RowOf<"User", "suspendedUntil" | "suspensionReason" | "createdAt">[]>(
    Prisma.sql`SELECT "suspendedUntil", "suspensionReason", "createdAt" FROM "User" WHERE "id" = ${userId} ${lock}`,
  );
  return row ? { suspendedUntil: dateOrNull(row.suspendedUntil), suspensionReason: row.suspensionReason, joinedAt: date(row.createdAt) } : null;
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
export async function clearSignInFailures(ctx: Pick<Ctx, "sql">, userId: number): Promise<void> {
  await ctx.sql.transaction((t) => t.run(Prisma.sql`UPDATE "User" SET "failedSignIns" = 0, "signInBlockedUntil" = NULL WHERE "id" = ${userId}`));
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
