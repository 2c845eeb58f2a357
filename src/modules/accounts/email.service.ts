// A member's email (optional, verified by a mailed link) and what it is for: 아이디 찾기,
// 비밀번호 재설정 and the notice after every password change (docs/product.md §5). A link's
// token is 256 random bits; only its SHA-256 is stored, so a copy of the database opens
// nothing. The recovery answers never say whether an address has an account, and take the
// same time either way: the mails are queued (src/lib/mailer.ts), never awaited here.
import crypto from "node:crypto";
import type { Ctx } from "../../context.ts";
import { readerOf } from "../../db/sql.ts";
import { ValidationError } from "../../domain/errors.ts";
import type { Mailer } from "../../lib/mailer.ts";
import { paths } from "../../lib/paths.ts";
import { loginIdsMail, passwordChangedMail, resetPasswordMail, tokenLifetimeMs, verifyEmailMail, type TokenPurpose } from "./account-mail.rules.ts";
import { hashPassword } from "./passwords.service.ts";
import { deleteSessionsOf } from "./sessions.queries.ts";
import { endTokens, insertToken, liveToken, pendingEmail, takeToken } from "./tokens.queries.ts";
import { clearEmail, clearSignInFailures, contactOf, setPasswordHash, setVerifiedEmail, usersWithEmail } from "./users.queries.ts";

/** What sends mail and where its links point (PUBLIC_ORIGIN). */
export interface Outbox {
  mailer: Mailer;
  origin: string;
}

// One address can be the verified email of several ids; a reset mail names at most this many.
const ACCOUNTS_PER_ADDRESS = 5;

export const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

async function newLink(ctx: Ctx, userId: number, purpose: TokenPurpose, email: string): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  const now = ctx.clock();
  await ctx.sql.transaction((t) => insertToken(t, { userId, purpose, tokenHash: hashToken(token), email, expiresAt: new Date(now.getTime() + tokenLifetimeMs(purpose)), createdAt: now }));
  return token;
}

/** Mails a verification link to `email`; the account's email changes only when it is opened. */
export async function startEmailVerification(ctx: Ctx, out: Outbox, user: { id: number; nickname: string }, email: string): Promise<void> {
  const token = await newLink(ctx, user.id, "verify-email", email);
  out.mailer.send({ to: email, ...verifyEmailMail(user.nickname, `${out.origin}${paths.verifyEmail(token)}`) });
}

const BAD_LINK = "링크가 올바르지 않거나 이미 쓰였거나 기한이 지났습니다. 필요하면 새 링크를 받아 주세요.";

/** Opens a verification link: the address becomes the account's email. */
export async function verifyEmail(ctx: Ctx, token: string): Promise<{ email: string }> {
  const now = ctx.clock();
  const taken = await ctx.sql.transaction(async (t) => {
    const row = await takeToken(t, hashToken(token), "verify-email", now);
    if (!row) return null;
    await setVerifiedEmail(t, row.userId, row.email, now);
    await endTokens(t, row.userId, "verify-email", now); // an older link for another address is void
    return row;
  });
  if (!taken) throw new ValidationError(BAD_LINK);
  return { email: taken.email };
}

export async function removeEmail(ctx: Ctx, userId: number): Promise<void> {
  await ctx.sql.transaction(async (t) => {
    await clearEmail(t, userId);
    await endTokens(t, userId, "verify-email", ctx.clock());
  });
}

/** The security page's email section: the verified address and one waiting for its link. */
export async function emailState(ctx: Ctx, userId: number) {
  const reader = readerOf(ctx.sql);
  const [contact, pending] = await Promise.all([contactOf(reader, userId), pendingEmail(reader, userId, ctx.clock())]);
  return { email: contact?.email ?? null, pending: pending && pending !== contact?.email ? pending : null };
}

/** 아이디 찾기: the ids verified with this address, mailed to it (nothing when there are none). */
export async function mailLoginIds(ctx: Ctx, out: Outbox, email: string): Promise<void> {
  const users = await usersWithEmail(readerOf(ctx.sql), email, ACCOUNTS_PER_ADDRESS);
  if (users.length > 0) out.mailer.send({ to: email, ...loginIdsMail(users.map((u) => u.loginId)) });
}

/** 비밀번호 재설정: a link for each account verified with this address. */
export async function mailPasswordResets(ctx: Ctx, out: Outbox, email: string): Promise<void> {
  const users = await usersWithEmail(readerOf(ctx.sql), email, ACCOUNTS_PER_ADDRESS);
  for (const user of users) {
    const token = await newLink(ctx, user.id, "reset-password", email);
    out.mailer.send({ to: email, ...resetPasswordMail(user.loginId, `${out.origin}${paths.resetPassword(token)}`) });
  }
}

/** Whether a reset link can still be used (its page's GET takes nothing). */
export async function resetLinkIsLive(ctx: Ctx, token: string): Promise<boolean> {
  return (await liveToken(readerOf(ctx.sql), hashToken(token), "reset-password", ctx.clock())) !== null;
}

/**
 * Sets a new password from a reset link, once: every session of the account ends (a thief's
 * too), every other reset link is void, a sign-in wait is lifted, and a notice goes to the
 * account's address.
 */
export async function resetPassword(ctx: Ctx, out: Outbox, token: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password); // before the transaction, which must stay short
  const now = ctx.clock();
  const userId = await ctx.sql.transaction(async (t) => {
    const row = await takeToken(t, hashToken(token), "reset-password", now);
    if (!row) return null;
    await setPasswordHash(t, row.userId, passwordHash);
    await clearSignInFailures(t, row.userId);
    await deleteSessionsOf(t, row.userId);
    await endTokens(t, row.userId, "reset-password", now);
    return row.userId;
  });
  if (userId === null) throw new ValidationError(BAD_LINK);
  await noticePasswordChange(ctx, out, userId);
}

/** The notice after every password change, to the verified address (if there is one). */
export async function noticePasswordChange(ctx: Ctx, out: Outbox, userId: number): Promise<void> {
  const contact = await contactOf(readerOf(ctx.sql), userId);
  if (contact?.email) out.mailer.send({ to: contact.email, ...passwordChangedMail(contact.loginId, ctx.clock()) });
}
