// Accounts: registration, sign-in, sign-in history and password change (PRODUCT.md §5).
import type { Ctx } from "../../context.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { ValidationError } from "../../http/errors.ts";
import { destroyOtherSessions } from "../../http/session-store.ts";
import { LOGIN_ID_PATTERN } from "./accounts.fields.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";

export const SIGN_IN_FAILED = "아이디 또는 비밀번호가 올바르지 않습니다.";
const RECENT_LOGINS = 20;
// Stored user agents are cut to this length: enough to recognise a browser, no more.
const USER_AGENT_MAX = 300;

export interface Registration {
  loginId: string;
  nickname: string;
  password: string;
}

export async function register(ctx: Ctx, input: Registration) {
  const taken = await ctx.db.user.findFirst({
    where: { OR: [{ loginId: input.loginId }, { nickname: input.nickname }] },
    select: { loginId: true, nickname: true },
  });
  if (taken) throw takenError(taken.loginId === input.loginId ? "loginId" : "nickname");
  const passwordHash = await hashPassword(input.password);
  try {
    return await ctx.db.user.create({
      data: { loginId: input.loginId, nickname: input.nickname, passwordHash, createdAt: ctx.clock() },
      select: { id: true, nickname: true, loginId: true },
    });
  } catch (error) {
    // Two sign-ups racing for the same id or nickname: the unique index decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const target = String(error.meta?.target ?? "");
      throw takenError(target.includes("nickname") ? "nickname" : "loginId");
    }
    throw error;
  }
}

function takenError(field: "loginId" | "nickname") {
  const message = field === "loginId" ? "이미 사용 중인 아이디입니다." : "이미 사용 중인 닉네임입니다.";
  return new ValidationError(message, { [field]: message });
}

/** The user, or null with the same cost whether the id exists or not. */
export async function authenticate(ctx: Ctx, loginId: string, password: string) {
  // An id no account can have (NUL and other characters PostgreSQL refuses included) never
  // reaches the database; it still pays the dummy verification, so it answers like any miss.
  if (!LOGIN_ID_PATTERN.test(loginId)) {
    await verifyPassword(null, password);
    return null;
  }
  const user = await ctx.db.user.findUnique({
    where: { loginId },
    select: { id: true, nickname: true, loginId: true, passwordHash: true },
  });
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  return ok && user ? { id: user.id, nickname: user.nickname, loginId: user.loginId } : null;
}

export async function recordSignIn(ctx: Ctx, userId: number, ip: string, userAgent: string) {
  await ctx.db.loginEvent.create({
    data: { userId, ip, userAgent: userAgent.slice(0, USER_AGENT_MAX), createdAt: ctx.clock() },
  });
}

export async function recentSignIns(ctx: Ctx, userId: number) {
  return ctx.db.loginEvent.findMany({
    where: { userId },
    orderBy: { id: "desc" },
    take: RECENT_LOGINS,
    select: { id: true, ip: true, userAgent: true, createdAt: true },
  });
}

/**
 * Changes the password and ends every other session of the user, in one transaction: a
 * password is never new while a stolen session still works. Returns how many ended. (The
 * hashing happens before the transaction, which must stay short.)
 */
export async function changePassword(ctx: Ctx, userId: number, current: string, next: string, keepSid: string) {
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, current))) {
    const message = "현재 비밀번호가 올바르지 않습니다.";
    throw new ValidationError(message, { currentPassword: message });
  }
  const passwordHash = await hashPassword(next);
  return ctx.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    return destroyOtherSessions(tx, userId, keepSid);
  });
}
