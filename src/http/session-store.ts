// express-session rows in our database (docs/decisions/0004-sessions.md). Session expiry is
// wall-clock time, like the cookie's, not the app's injectable clock. Small and cheap on
// purpose, because a signed-in page view runs it: one read per request in raw SQL (a Prisma
// model query costs several times more, docs/decisions/0011), a write only when the session
// changed, and `touch` writes only when the expiry would move by more than TOUCH_INTERVAL.
//
// A member's row is created once, by the sign-in that starts the session (`startSession`
// marks it fresh); every later save updates the row if it is still there and never creates
// it again. A suspension, a password change or 다른 기기 로그아웃 deletes rows while a request
// that loaded one is still running: that request's save must not bring the row back
// (docs/product.md §6). Every write of a member's row asks `mayHold` in its transaction.
import session, { type SessionData } from "express-session";
import type { Sql, SqlTx } from "../db/sql.ts";
import { date, type SqlDate } from "../db/raw.ts";
import { Prisma } from "../generated/prisma/client.ts";

// Sliding expiry moves in steps of this size; a touch inside the same step writes nothing.
export const TOUCH_INTERVAL_MS = 60 * 60 * 1000;
// Expiries read by get(), so touch() can tell without a query whether a write is due.
const REMEMBERED = 10_000;

/** Marks a session as just started (not persisted: a symbol is no JSON). */
const FRESH = Symbol("fresh session");

export function markFresh(data: SessionData): void {
  Object.defineProperty(data, FRESH, { value: true, enumerable: false, configurable: true });
}

/** Whether a member may keep a session, asked inside the transaction that writes its row. */
export type MayHoldSession = (t: SqlTx, userId: number) => Promise<boolean>;

type Callback = (err?: unknown) => void;

function expiry(data: SessionData, now: Date): Date {
  const expires = data.cookie?.expires;
  return expires ? new Date(expires) : new Date(now.getTime() + 24 * 60 * 60 * 1000);
}

export class DbSessionStore extends session.Store {
  #stored = new Map<string, number>();

  constructor(
    private readonly sql: Sql, // the session read is on every signed-in request
    private readonly mayHold: MayHoldSession,
  ) {
    super();
  }

  #remember(sid: string, expiresAt: Date) {
    if (this.#stored.size >= REMEMBERED) this.#stored.clear();
    this.#stored.set(sid, expiresAt.getTime());
  }

  override get(sid: string, callback: (err: unknown, session?: SessionData | null) => void): void {
    this.sql.read<{ data: string; expiresAt: SqlDate }[]>(
        Prisma.sql`SELECT "data", "expiresAt" FROM "Session" WHERE "sid" = ${sid}`,
      )
      .then(([row]) => {
        const expiresAt = row ? date(row.expiresAt) : null;
        if (!row || !expiresAt || expiresAt <= new Date()) return callback(null, null);
        this.#remember(sid, expiresAt);
        callback(null, JSON.parse(row.data) as SessionData);
      })
      .catch((err: unknown) => callback(err));
  }

  override set(sid: string, data: SessionData, callback?: Callback): void {
    const now = new Date();
    const expiresAt = expiry(data, now);
    const userId = data.user?.id ?? null;
    const json = JSON.stringify(data);
    const upsert = Prisma.sql`
      INSERT INTO "Session" ("sid", "userId", "data", "expiresAt", "createdAt") VALUES (${sid}, ${userId}, ${json}, ${expiresAt}, ${now})
      ON CONFLICT ("sid") DO UPDATE SET "userId" = excluded."userId", "data" = excluded."data", "expiresAt" = excluded."expiresAt"`;
    const fresh = (data as SessionData & { [FRESH]?: true })[FRESH] === true;
    this.sql
      .transaction(async (t) => {
        if (userId === null) return (await t.run(upsert)) > 0; // a visitor's session holds no account
        if (!(await this.mayHold(t, userId))) {
          // Suspended or gone: the session ends here (a suspension deleted the others), and the next request is anonymous.
          await t.run(Prisma.sql`DELETE FROM "Session" WHERE "sid" = ${sid}`);
          return false;
        }
        if (fresh) return (await t.run(upsert)) > 0;
        return (await t.run(Prisma.sql`UPDATE "Session" SET "data" = ${json}, "expiresAt" = ${expiresAt} WHERE "sid" = ${sid} AND "userId" = ${userId}`)) > 0;
      })
      .then((kept) => {
        if (kept) this.#remember(sid, expiresAt);
        else this.#stored.delete(sid);
        callback?.();
      })
      .catch((err: unknown) => callback?.(err));
  }

  override destroy(sid: string, callback?: Callback): void {
    this.#stored.delete(sid);
    this.sql
      .transaction((t) => t.run(Prisma.sql`DELETE FROM "Session" WHERE "sid" = ${sid}`))
      .then(() => callback?.())
      .catch((err: unknown) => callback?.(err));
  }

  override touch(sid: string, data: SessionData, callback?: Callback): void {
    const expiresAt = expiry(data, new Date());
    const stored = this.#stored.get(sid);
    if (stored !== undefined && expiresAt.getTime() - stored < TOUCH_INTERVAL_MS) {
      callback?.();
      return;
    }
    this.sql
      .transaction((t) => t.run(Prisma.sql`UPDATE "Session" SET "expiresAt" = ${expiresAt} WHERE "sid" = ${sid}`))
      .then(() => {
        this.#remember(sid, expiresAt);
        callback?.();
      })
      .catch((err: unknown) => callback?.(err));
  }
}
