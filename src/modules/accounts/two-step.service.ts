// 2단계 인증 (TOTP, RFC 6238, through the maintained `otpauth`; the QR code through `qrcode`):
// setup, confirmation with ten recovery codes shown once, the code check at sign-in, turning
// it off with a code. A code works once (the accepted step is kept), wrong codes in a row make
// the account wait (two-step.rules.ts), and every time comes from ctx.clock, so tests move it.
import crypto from "node:crypto";
import * as OTPAuth from "otpauth";
import QRCode from "qrcode";
import type { Ctx } from "../../context.ts";
import { readerOf } from "../../db/sql.ts";
import { ConflictError, RateLimitedError, ValidationError } from "../../domain/errors.ts";
import {
  CODE_MESSAGES,
  codeWaitMessage,
  ISSUER,
  readCode,
  RECOVERY_CODE_COUNT,
  recoveryCodeFrom,
  TOTP_DIGITS,
  TOTP_DRIFT_STEPS,
  TOTP_PERIOD_SECONDS,
  waitAfterCodeFailures,
} from "./two-step.rules.ts";
import {
  acceptStep,
  blockCodesUntil,
  clearCodeFailures,
  countCodeFailure,
  deleteTwoStep,
  enableTwoStep,
  replaceRecoveryCodes,
  startTwoStep,
  twoStepRow,
  unusedRecoveryCodes,
  useRecoveryCode,
} from "./two-step.queries.ts";
import { lockActiveMember } from "./standing.service.ts";

const totpOf = (secret: string, loginId = "") =>
  new OTPAuth.TOTP({ issuer: ISSUER, label: loginId, algorithm: "SHA1", digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS, secret: OTPAuth.Secret.fromBase32(secret) });

const hashCode = (code: string) => crypto.createHash("sha256").update(code.replace(/-/g, "")).digest("hex");

export async function twoStepState(ctx: Ctx, userId: number): Promise<{ on: boolean; recoveryLeft: number }> {
  const reader = readerOf(ctx.sql);
  const row = await twoStepRow(reader, userId);
  if (!row?.enabledAt) return { on: false, recoveryLeft: 0 };
  return { on: true, recoveryLeft: await unusedRecoveryCodes(reader, userId) };
}

export async function isTwoStepOn(ctx: Ctx, userId: number): Promise<boolean> {
  return !!(await twoStepRow(readerOf(ctx.sql), userId))?.enabledAt;
}

export interface Setup {
  secret: string; // for typing into an app by hand, in groups of four
  uri: string;
  qrSvg: string;
}

async function setupOf(secret: string, loginId: string): Promise<Setup> {
  const uri = totpOf(secret, loginId).toString();
  return { secret: secret.replace(/(.{4})(?=.)/g, "$1 "), uri, qrSvg: await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" }) };
}

/** A new secret for the app to scan (replacing an unconfirmed one); refused while it is on. */
export async function beginTwoStep(ctx: Ctx, user: { id: number; loginId: string }): Promise<Setup> {
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  const started = await ctx.sql.transaction(async (t) => {
    await lockActiveMember(t, ctx, user.id);
    return startTwoStep(t, user.id, secret, ctx.clock());
  });
  if (!started) throw new ConflictError("2단계 인증이 이미 켜져 있습니다.");
  return setupOf(secret, user.loginId);
}

/** The setup waiting for its first code (drawn again after a wrong one), or null. */
export async function pendingSetup(ctx: Ctx, user: { id: number; loginId: string }): Promise<Setup | null> {
  const row = await twoStepRow(readerOf(ctx.sql), user.id);
  return row && !row.enabledAt ? setupOf(row.secret, user.loginId) : null;
}

/** The step a code belongs to, or null when it is not a code of this secret near now. */
function stepOf(secret: string, code: string, now: Date): number | null {
  const totp = totpOf(secret);
  const delta = totp.validate({ token: code, timestamp: now.getTime(), window: TOTP_DRIFT_STEPS });
  return delta === null ? null : totp.counter({ timestamp: now.getTime() }) + delta;
}

function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => recoveryCodeFrom(crypto.randomBytes(10)));
}

/** Turns it on with the app's first code; returns the recovery codes, shown this once. */
export async function confirmTwoStep(ctx: Ctx, userId: number, typed: string): Promise<string[]> {
  const now = ctx.clock();
  const row = await twoStepRow(readerOf(ctx.sql), userId);
  if (!row || row.enabledAt) throw new ConflictError(row ? "2단계 인증이 이미 켜져 있습니다." : "2단계 인증 설정을 처음부터 다시 시작해 주세요.");
  await refuseWhileWaiting(row.blockedUntil, now);
  const read = readCode(typed);
  const step = read.kind === "totp" ? stepOf(row.secret, read.code, now) : null;
  if (step === null) return failCode(ctx, userId, read.kind === "malformed" ? CODE_MESSAGES.malformed : CODE_MESSAGES.wrong);
  const codes = newRecoveryCodes();
  const enabled = await ctx.sql.transaction(async (t) => {
    await lockActiveMember(t, ctx, userId);
    if (!(await enableTwoStep(t, userId, step, now))) return false;
    await replaceRecoveryCodes(t, userId, codes.map(hashCode));
    return true;
  });
  if (!enabled) throw new ConflictError("2단계 인증이 이미 켜져 있습니다.");
  return codes;
}

async function refuseWhileWaiting(blockedUntil: Date | null, now: Date): Promise<void> {
  if (blockedUntil && blockedUntil > now) {
    const seconds = Math.ceil((blockedUntil.getTime() - now.getTime()) / 1000);
    throw new RateLimitedError(codeWaitMessage(seconds), seconds);
  }
}

/** A wrong code: counted, and past the free ones the account waits; the message says so. */
async function failCode(ctx: Ctx, userId: number, message: string): Promise<never> {
  const now = ctx.clock();
  const wait = await ctx.sql.transaction(async (t) => {
    const seconds = waitAfterCodeFailures(await countCodeFailure(t, userId));
    if (seconds > 0) await blockCodesUntil(t, userId, new Date(now.getTime() + seconds * 1000));
    return seconds;
  });
  if (wait > 0) ctx.events.record("two_step_wait", { userId, waitSeconds: wait }, "wrong 2단계 codes in a row: the account waits between tries");
  const full = wait > 0 ? `${message} ${codeWaitMessage(wait)}` : message;
  throw new ValidationError(full, { code: full });
}

/**
 * Checks a code of a member whose 2단계 인증 is on: a TOTP code of a step not used before,
 * or an unused recovery code (which is then used up). Throws the refusal otherwise.
 */
export async function checkTwoStepCode(ctx: Ctx, userId: number, typed: string): Promise<{ recoveryUsed: boolean }> {
  const now = ctx.clock();
  const row = await twoStepRow(readerOf(ctx.sql), userId);
  if (!row?.enabledAt) return { recoveryUsed: false };
  await refuseWhileWaiting(row.blockedUntil, now);
  const read = readCode(typed);
  if (read.kind === "malformed") return failCode(ctx, userId, CODE_MESSAGES.malformed);
  if (read.kind === "totp") {
    const step = stepOf(row.secret, read.code, now);
    if (step === null) return failCode(ctx, userId, CODE_MESSAGES.wrong);
    if (!(await ctx.sql.transaction((t) => acceptStep(t, userId, step)))) return failCode(ctx, userId, CODE_MESSAGES.reused);
    return { recoveryUsed: false };
  }
  const outcome = await ctx.sql.transaction(async (t) => {
    const used = await useRecoveryCode(t, userId, hashCode(read.code), now);
    if (used === "used") await clearCodeFailures(t, userId);
    return used;
  });
  if (outcome === "used") return { recoveryUsed: true };
  return failCode(ctx, userId, outcome === "reused" ? "이미 사용한 복구 코드입니다. 복구 코드는 한 번씩만 쓸 수 있습니다." : CODE_MESSAGES.wrong);
}

/** Turns it off: a code (or a recovery code) is needed, so a stolen session cannot. */
export async function disableTwoStep(ctx: Ctx, userId: number, typed: string): Promise<void> {
  if (!(await isTwoStepOn(ctx, userId))) throw new ConflictError("2단계 인증이 꺼져 있습니다.");
  await checkTwoStepCode(ctx, userId, typed);
  await ctx.sql.transaction(async (t) => {
    await lockActiveMember(t, ctx, userId);
    await deleteTwoStep(t, userId);
  });
}

/** New recovery codes (the old ones stop working), after a code. */
export async function renewRecoveryCodes(ctx: Ctx, userId: number, typed: string): Promise<string[]> {
  if (!(await isTwoStepOn(ctx, userId))) throw new ConflictError("2단계 인증이 꺼져 있습니다.");
  await checkTwoStepCode(ctx, userId, typed);
  const codes = newRecoveryCodes();
  await ctx.sql.transaction((t) => replaceRecoveryCodes(t, userId, codes.map(hashCode)));
  return codes;
}
