// "This browser has signed in to this account before": a signed, long-lived cookie set at each
// successful sign-in. It lets the owner past the per-account wait that many wrong passwords
// start (src/modules/accounts/sign-in-throttle.rules.ts), so guessing cannot lock them out.
// It grants nothing else: the password is still checked.
import crypto from "node:crypto";
import type { Request, Response } from "express";

export const DEVICE_COOKIE = "jongto.device";
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

const mac = (secret: string, userId: number, nonce: string) =>
  crypto.createHmac("sha256", secret).update(`device\n${userId}\n${nonce}`).digest("base64url");

/** The account this browser signed in to before, if its cookie is genuine. */
export function knownDeviceUser(req: Request, secret: string): number | undefined {
  const value: unknown = (req.cookies as Record<string, unknown> | undefined)?.[DEVICE_COOKIE];
  if (typeof value !== "string") return undefined;
  const [id, nonce, sig] = value.split(".");
  if (!id || !nonce || !sig || !/^[1-9][0-9]{0,9}$/.test(id)) return undefined;
  const expected = Buffer.from(mac(secret, Number(id), nonce));
  const given = Buffer.from(sig);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given) ? Number(id) : undefined;
}

export function rememberDevice(req: Request, res: Response, secret: string, userId: number): void {
  const nonce = crypto.randomBytes(12).toString("base64url");
  res.cookie(DEVICE_COOKIE, `${userId}.${nonce}.${mac(secret, userId, nonce)}`, {
    httpOnly: true,
    sameSite: "lax",
    secure: req.secure,
    maxAge: YEAR_MS,
    path: "/login",
  });
}
