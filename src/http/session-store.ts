// express-session rows in our database (docs/decisions/0004-sessions.md). Session expiry is
// wall-clock time, like the cookie's, not the app's injectable clock. Small on purpose:
// one upsert per save, one read per request, and `touch` writes at most once per
// TOUCH_INTERVAL, so a signed-in page view normally costs no write.
import session, { type SessionData } from "express-session";
import type { Ctx } from "../context.ts";
import type { Db } from "../db/client.ts";

// Sliding expiry moves in steps of this size; a touch inside the same step writes nothing.
const TOUCH_INTERVAL_MS = 60 * 60 * 1000;

type Callback = (err?: unknown) => void;

function expiry(data: SessionData, now: Date): Date {
  const expires = data.cookie?.expires;
  return expires ? new Date(expires) : new Date(now.getTime() + 24 * 60 * 60 * 1000);
}

export class DbSessionStore extends session.Store {
  constructor(private readonly db: Db) {
    super();
  }

  override get(sid: string, callback: (err: unknown, session?: SessionData | null) => void): void {
    this.db.session
      .findUnique({ where: { sid } })
      .then((row) => {
        if (!row || row.expiresAt <= new Date()) return callback(null, null);
        callback(null, JSON.parse(row.data) as SessionData);
      })
      .catch((err: unknown) => callback(err));
  }

  override set(sid: string, data: SessionData, callback?: Callback): void {
    const expiresAt = expiry(data, new Date());
    const userId = data.user?.id ?? null;
    const json = JSON.stringify(data);
    this.db.session
      .upsert({
        where: { sid },
        create: { sid, userId, data: json, expiresAt },
        update: { userId, data: json, expiresAt },
      })
      .then(() => callback?.())
      .catch((err: unknown) => callback?.(err));
  }

  override destroy(sid: string, callback?: Callback): void {
    this.db.session
      .deleteMany({ where: { sid } })
      .then(() => callback?.())
      .catch((err: unknown) => callback?.(err));
  }

  override touch(sid: string, data: SessionData, callback?: Callback): void {
    const expiresAt = expiry(data, new Date());
    this.db.session
      .updateMany({
        where: { sid, expiresAt: { lt: new Date(expiresAt.getTime() - TOUCH_INTERVAL_MS) } },
        data: { expiresAt },
      })
      .then(() => callback?.())
      .catch((err: unknown) => callback?.(err));
  }
}

/** Ends every session of a user except `keepSid` (password change, "sign out elsewhere"). */
export async function destroyOtherSessions(ctx: Ctx, userId: number, keepSid: string): Promise<number> {
  const { count } = await ctx.db.session.deleteMany({ where: { userId, sid: { not: keepSid } } });
  return count;
}

export async function countOtherSessions(ctx: Ctx, userId: number, keepSid: string): Promise<number> {
  return ctx.db.session.count({
    where: { userId, sid: { not: keepSid }, expiresAt: { gt: new Date() } },
  });
}
