// Signed-in sessions for the benchmark, written straight into the session table the way our
// store writes them, with cookies signed the way express-session signs them. Signing in
// through the form would spend the run on argon2.
import crypto from "node:crypto";
import Database from "better-sqlite3";

export interface BenchSession {
  cookie: string;
  csrf: string;
  userId: number;
}

export function createSessions(dbFile: string, secret: string, count: number): BenchSession[] {
  const db = new Database(dbFile, { timeout: 5000 });
  const users = db.prepare(`SELECT id, nickname, loginId FROM User WHERE loginId LIKE 'bench_u%' ORDER BY id LIMIT ?`).all(count) as { id: number; nickname: string; loginId: string }[];
  const insert = db.prepare(`INSERT INTO Session (sid, userId, data, expiresAt, createdAt) VALUES (?, ?, ?, ?, ?)`);
  const expires = new Date(Date.now() + 7 * 86_400_000);
  const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");
  const sessions = db.transaction(() =>
    users.map((u) => {
      const sid = crypto.randomBytes(24).toString("base64url");
      const csrf = crypto.randomBytes(32).toString("hex");
      const data = {
        cookie: { originalMaxAge: 7 * 86_400_000, expires: expires.toISOString(), secure: false, httpOnly: true, path: "/", sameSite: "lax" },
        user: { id: u.id, nickname: u.nickname, loginId: u.loginId },
        signedInAt: Date.now(),
        csrfToken: csrf,
      };
      insert.run(sid, u.id, JSON.stringify(data), iso(expires), iso(new Date()));
      const signature = crypto.createHmac("sha256", secret).update(sid).digest("base64").replace(/=+$/, "");
      return { cookie: `jongto.sid=${encodeURIComponent(`s:${sid}.${signature}`)}`, csrf, userId: u.id };
    }),
  )();
  db.close();
  return sessions;
}
