// The sign-in's second step (2단계 인증) needs to know whose password was right without a
// session yet: a challenge signed with the session secret, naming the member, whether to keep
// the sign-in (로그인 상태 유지) and when it expires. Nothing is stored; a forged or edited
// challenge fails its signature, an old one its expiry. Guessing codes under one challenge is
// bounded by the account's code failures (two-step.service.ts), not by the challenge.
import crypto from "node:crypto";
import { CHALLENGE_MINUTES } from "./two-step.rules.ts";

const sign = (secret: string, payload: string) => crypto.createHmac("sha256", secret).update(`two-step-challenge:${payload}`).digest("base64url");

export function challengeFor(secret: string, userId: number, remember: boolean, now: Date): string {
  const payload = `${userId}.${now.getTime() + CHALLENGE_MINUTES * 60_000}.${remember ? 1 : 0}`;
  return `${payload}.${sign(secret, payload)}`;
}

export function readChallenge(secret: string, challenge: string, now: Date): { userId: number; remember: boolean } | null {
  const match = /^([1-9][0-9]{0,9})\.([0-9]{1,15})\.([01])\.([A-Za-z0-9_-]{43})$/.exec(challenge);
  if (!match) return null;
  const [, id, expires, remember, mac] = match;
  const expected = Buffer.from(sign(secret, `${id}.${expires}.${remember}`));
  const given = Buffer.from(mac!);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  if (Number(expires) <= now.getTime()) return null;
  return { userId: Number(id), remember: remember === "1" };
}
