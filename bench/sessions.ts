// Signed-in sessions for the benchmark (and the multi-instance test), written straight into
// the session table the way our store writes them, with cookies signed the way
// express-session signs them. Signing in through the form would spend the run on argon2.
import crypto from "node:crypto";
import signature from "cookie-signature";
import type { Db } from "../src/db/client.ts";

export interface BenchSession {
  cookie: string;
  csrf: string;
  userId: number;
}

/** The member's CSRF cookie (src/http/csrf.ts) carrying `csrf`. */
export const csrfCookie = (csrf: string) => `jongto.csrf-session=${csrf}`;

/** The cookie express-session would set for `sid`, signed with `secret` by express-session's own signer. */
export function sessionCookie(sid: string, secret: string): string {
  return `jongto.sid=${encodeURIComponent(`s:${signature.sign(sid, secret)}`)}`;
}

/** The session data our store keeps for a signed-in user, with a CSRF token. */
export function sessionData(user: { id: number; nickname: string; loginId: string }, csrf: string, expires: Date) {
  return {
    cookie: { originalMaxAge: 7 * 86_400_000, expires: expires.toISOString(), secure: false, httpOnly: true, path: "/", sameSite: "lax" },
    user: { id: user.id, nickname: user.nickname, loginId: user.loginId },
    signedInAt: Date.now(),
    csrfToken: csrf,
  };
}

/**
 * The member's CSRF token as src/http/csrf.ts makes it (csrf-csrf's signed double-submit: an
 * HMAC of the session and a random value), which also goes into the session data, so a build
 * from before the one mechanism (a synchronizer token in the session) accepts it too and the
 * same harness measures both sides of a change.
 */
export function csrfToken(sid: string, secret: string): string {
  const random = crypto.randomBytes(32).toString("hex");
  const id = `session:${sid}`;
  const hmac = crypto.createHmac("sha256", secret).update([id.length, id, random.length, random].join("!")).digest("hex");
  return `${hmac}.${random}`;
}

/** Sessions for the first `count` benchmark users, written the way our store writes them. */
export async function createSessions(db: Db, secret: string, count: number): Promise<BenchSession[]> {
  const users = await db.user.findMany({
    where: { loginId: { startsWith: "bench_u" } },
    orderBy: { id: "asc" },
    take: count,
    select: { id: true, nickname: true, loginId: true },
  });
  const expires = new Date(Date.now() + 7 * 86_400_000);
  const sessions = users.map((u) => {
    const sid = crypto.randomBytes(24).toString("base64url");
    return { u, sid, csrf: csrfToken(sid, secret) };
  });
  await db.session.createMany({
    data: sessions.map(({ u, sid, csrf }) => ({ sid, userId: u.id, data: JSON.stringify(sessionData(u, csrf, expires)), expiresAt: expires })),
  });
  return sessions.map(({ u, sid, csrf }) => ({ cookie: `${sessionCookie(sid, secret)}; ${csrfCookie(csrf)}`, csrf, userId: u.id }));
}
