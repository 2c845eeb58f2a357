// express-session rows in our database (docs/decisions/0004-sessions.md). Session expiry is
// wall-clock time, like the cookie's, not the app's injectable clock. Small and cheap on
// purpose, because a signed-in page view runs it: one read per request in raw SQL (a Prisma
// model query costs several times more, docs/decisions/0011), one upsert per save, and
// `touch` writes only when the expiry would move by more than TOUCH_INTERVAL.
import session, { type SessionData } from "express-session";
import type { Db } from "../db/client.ts";
import type { Sql } from "../db/sql.ts";
import { date, type SqlDate } from "../db/raw.ts";
import { Prisma } from "../generated/prisma/client.ts";

// Sliding expiry moves in steps of this size; a touch inside the same step writes nothing.
export const TOUCH_INTERVAL_MS = 60 * 60 * 1000;
// Expiries read by get(), so touch() can tell without a query whether a write is due.
const REMEMBERED = 10_000;

type Callback = (err?: unknown) => void;

function expiry(data: SessionData, now: Date): Date {
  const expires = data.cookie?.expires;
  return expires ? new Date(expires) : new Date(now.getTime() + 24 * 60 * 60 * 1000);
}

export class DbSessionStore extends session.Store {
  #stored = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly sql: Sql, // the session read is on every signed-in request
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
    const expiresAt = expiry(data, new Date());
    const userId = data.user?.id ?? null;
    const json = JSON.stringify(data);
    this.db.session
      .upsert({
        where: { sid },
        create: { sid, userId, data: json, expiresAt },
        update: { userId, data: json, expiresAt },
      })
      .then(() => {
        this.#remember(sid, expiresAt);
        callback?.();
      })
      .catch((err: unknown) => callback?.(err));
  }

  override destroy(sid: string, callback?: Callback): void {
    this.#stored.delete(sid);
    this.db.session
      .deleteMany({ where: { sid } })
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
