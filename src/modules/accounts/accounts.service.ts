// Accounts: registration, sign-in, sign-in history and password change (docs/product.md §5).
import type { Ctx } from "../../context.ts";
import { CleanbotRefusal, screen } from "../cleanbot/cleanbot.service.ts";
import { readerOf } from "../../db/sql.ts";
import { ValidationError } from "../../domain/errors.ts";
import { deleteSessionsOf } from "./sessions.queries.ts";
import { lockActiveMember } from "./standing.service.ts";
import { LOGIN_ID_PATTERN } from "./accounts.fields.ts";
import { hashPassword, verifyPassword } from "./passwords.service.ts";
import { isBurst, waitAfterFailures, waitInWords } from "./sign-in-throttle.rules.ts";
import { suspendedMessage } from "./suspension.rules.ts";
import type { ClientSignals } from "../../lib/client-signals.ts";
import { recordSignals } from "../integrity/signals.queries.ts";
import { blockSignInsUntil, clearSignInFailures, countFailedSignIn, insertLoginEvent, insertUser, loginEvents, passwordHashOf, setPasswordHash, signInRow, standingRow, usersNamed } from "./users.queries.ts";
import { nicknameSkeleton } from "../../lib/confusables.ts";
import { WITHDRAWN_NAME } from "../../lib/withdrawn.ts";
import { withJosa } from "../../lib/particles.ts";
import { heldName, isRetiredLoginId, retiredLoginIdHash } from "./names.queries.ts";
import { NICKNAME_HOLD_DAYS } from "./nickname.rules.ts";
import { POLICY_VERSION } from "./policy.rules.ts";

export const SIGN_IN_FAILED = "아이디 또는 비밀번호가 올바르지 않습니다.";
const RECENT_LOGINS = 20;
// Stored user agents are cut to this length: enough to recognise a browser, no more.
const USER_AGENT_MAX = 300;

export interface Registration {
  loginId: string;
  nickname: string;
  password: string;
}

/**
 * Which of an id and a nickname someone already has, as field errors — so a sign-up form
 * reports a taken nickname together with its other mistakes, not on the next submit. A
 * nickname that only looks like a taken one (the same confusables skeleton) is taken too.
 */
export async function takenFields(ctx: Ctx, wanted: { loginId?: string; nickname?: string }, exceptUserId = 0): Promise<Record<string, string>> {
  const key = wanted.nickname ? nicknameSkeleton(wanted.nickname) : undefined;
  const reader = readerOf(ctx.sql);
  const [named, held, retired] = await Promise.all([
    usersNamed(ctx, { loginId: wanted.loginId || undefined, nickname: wanted.nickname || undefined, nicknameKey: key }),
    wanted.nickname && key ? heldName(reader, wanted.nickname, key, ctx.clock(), exceptUserId) : null,
    wanted.loginId ? isRetiredLoginId(reader, retiredLoginIdHash(wanted.loginId)) : false,
  ]);
  const users = named.filter((u) => u.id !== exceptUserId);
  const errors: Record<string, string> = {};
  // A withdrawn member's id is never given again (회원탈퇴); it reads as taken, nothing more.
  if (wanted.loginId && (retired || users.some((u) => u.loginId === wanted.loginId))) errors.loginId = TAKEN.loginId;
  if (wanted.nickname && users.some((u) => u.nickname === wanted.nickname)) errors.nickname = TAKEN.nickname;
  else if (key !== undefined && key === nicknameSkeleton(WITHDRAWN_NAME)) errors.nickname = `'${WITHDRAWN_NAME}'은 탈퇴한 회원의 글에 쓰는 이름이라 닉네임으로 쓸 수 없습니다.`;
  else if (held) errors.nickname = `${withJosa(`'${held}'`, "은/는")} 최근까지 다른 회원이 쓰던 닉네임이라 한동안 쓸 수 없습니다 (바뀌거나 탈퇴한 닉네임은 ${NICKNAME_HOLD_DAYS}일 동안 남겨 둡니다).`;
  else {
    const lookalike = users.find((u) => key !== undefined && u.nicknameKey === key);
    if (lookalike) errors.nickname = lookalikeMessage(lookalike.nickname);
  }
  // A nickname is shown on everything its owner writes: 클린봇 refuses anything it finds there.
  if (wanted.nickname && !errors.nickname) {
    try {
      await screen(ctx, { target: "nickname" }, [{ name: "nickname", label: "닉네임", text: wanted.nickname }]);
    } catch (error) {
      if (!(error instanceof CleanbotRefusal)) throw error;
      errors.nickname = error.fieldErrors.nickname!;
    }
  }
  return errors;
}

const TAKEN = { loginId: "이미 사용 중인 아이디입니다.", nickname: "이미 사용 중인 닉네임입니다." };

const lookalikeMessage = (existing: string) => `이미 있는 닉네임 '${existing}'에 너무 가까워 구별하기 어렵습니다. 다른 닉네임을 골라 주세요.`;

export async function register(ctx: Ctx, input: Registration) {
  const taken = await takenFields(ctx, input);
  if (Object.keys(taken).length > 0) throw new ValidationError(Object.values(taken)[0]!, taken);
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock();
  // The sign-up form's required consent is to the version in force (policy.rules.ts).
  const user = await insertUser(ctx, { loginId: input.loginId, nickname: input.nickname, nicknameKey: nicknameSkeleton(input.nickname), passwordHash, createdAt: now, policyVersion: POLICY_VERSION });
  if (user) return user;
  // Two sign-ups racing for the same id or nickname: the unique index decided; say which.
  const lost = await takenFields(ctx, input);
  const field = lost.loginId ? "loginId" : "nickname";
  throw new ValidationError(lost[field] ?? TAKEN[field], { [field]: lost[field] ?? TAKEN[field] });
}

export type SignInResult =
  | { kind: "ok"; user: { id: number; nickname: string; loginId: string; operator: boolean; policy: string | null } }
  | { kind: "failed" }
  | { kind: "waiting"; retryAfterSeconds: number } // the account's wait after many wrong passwords
  | { kind: "suspended"; message: string }; // the right password, but an operator's 이용 제한

const FAILED = { kind: "failed" } as const;

export function signInWaitMessage(seconds: number): string {
  return `이 계정에 잘못된 비밀번호가 여러 번 입력되어 ${waitInWords(seconds)} 후에 다시 로그인할 수 있습니다.`;
}

/**
 * Checks a sign-in. A failure costs the same whether the id exists or not. Wrong passwords in
 * a row make the account wait (sign-in-throttle.rules.ts) unless `knownDeviceUserId` says
 * this browser signed in to it before, so guessing from many addresses is slowed and the
 * owner is never locked out of their own device.
 */
export async function authenticate(ctx: Ctx, loginId: string, password: string, knownDeviceUserId?: number): Promise<SignInResult> {
  // An id no account can have (NUL and other characters PostgreSQL refuses included) never
  // reaches the database; it still pays the dummy verification, so it answers like any miss.
  if (!LOGIN_ID_PATTERN.test(loginId)) {
    await verifyPassword(null, password);
    return FAILED;
  }
  const user = await signInRow(ctx, loginId);
  const now = ctx.clock();
  if (user?.signInBlockedUntil && user.signInBlockedUntil > now && knownDeviceUserId !== user.id) {
    return { kind: "waiting", retryAfterSeconds: Math.ceil((user.signInBlockedUntil.getTime() - now.getTime()) / 1000) };
  }
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !user.passwordHash) return FAILED;
  if (!ok) {
    await countFailure(ctx, user.id, now);
    return FAILED;
  }
  if (user.failedSignIns > 0 || user.signInBlockedUntil) {
    await ctx.sql.transaction((t) => clearSignInFailures(t, user.id));
  }
  // The standing as it is now, not as it was before the hash check (which takes a while): a
  // suspension made meanwhile counts. (The session's row is checked once more when written.)
  const standing = await standingRow(readerOf(ctx.sql), user.id);
  if (!standing) return FAILED; // deleted meanwhile
  // Told only to whoever knows the password: the suspension is the account holder's business.
  if (standing.suspendedUntil && standing.suspendedUntil > ctx.clock()) {
    return { kind: "suspended", message: suspendedMessage(standing.suspendedUntil, standing.suspensionReason) };
  }
  return { kind: "ok", user: { id: user.id, nickname: user.nickname, loginId: user.loginId, operator: user.role === "operator", policy: user.policyVersion } };
}

async function countFailure(ctx: Ctx, userId: number, now: Date) {
  const failedSignIns = await countFailedSignIn(ctx, userId);
  const wait = waitAfterFailures(failedSignIns);
  if (wait > 0) await blockSignInsUntil(ctx, userId, new Date(now.getTime() + wait * 1000));
  if (isBurst(failedSignIns)) {
    ctx.events.record("sign_in_burst", { userId, failures: failedSignIns, waitSeconds: wait }, "wrong passwords in a row: the account waits between tries");
  }
}

/**
 * The sign-in history row the account page shows (the address, for its owner), and the
 * sign-in's keyed client signals (never the address), in one transaction.
 */
export async function recordSignIn(ctx: Ctx, userId: number, ip: string, userAgent: string, signals: ClientSignals) {
  const now = ctx.clock();
  await ctx.sql.transaction(async (t) => {
    await insertLoginEvent(t, { userId, ip, userAgent: userAgent.slice(0, USER_AGENT_MAX), createdAt: now });
    await recordSignals(t, userId, signals, now);
  });
}

export async function recentSignIns(ctx: Ctx, userId: number) {
  return loginEvents(ctx, userId, RECENT_LOGINS);
}

/**
 * Changes the password and ends every other session of the user, in one transaction: a
 * password is never new while a stolen session still works. Returns how many ended. (The
 * hashing happens before the transaction, which must stay short.)
 */
export async function changePassword(ctx: Ctx, userId: number, current: string, next: string, keepSid: string) {
  if (!(await verifyPassword(await passwordHashOf(ctx, userId), current))) {
    const message = "현재 비밀번호가 올바르지 않습니다.";
    throw new ValidationError(message, { currentPassword: message });
  }
  const passwordHash = await hashPassword(next);
  return ctx.sql.transaction(async (t) => {
    await lockActiveMember(t, ctx, userId);
    await setPasswordHash(t, userId, passwordHash);
    return deleteSessionsOf(t, userId, keepSid);
  });
}
