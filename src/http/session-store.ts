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
// (docs/product.md §6). Every write of a member's row asks, in its transaction, whether the
// member may hold it.
import session, { type SessionData } from "express-session";

// Sliding expiry moves in steps of this size; a touch inside the same step writes nothing.
export const TOUCH_INTERVAL_MS = 60 * 60 * 1000;
// Expiries read by get(), so touch() can tell without a query whether a write is due.
const REMEMBERED = 10_000;

/** Marks a session as just started (not persisted: a symbol is no JSON). */
const FRESH = Symbol("fresh session");

export function markFresh(data: SessionData): void {
  Object.defineProperty(data, FRESH, { value: true, enumerable: false, configurable: true });
}

/**
 * The rows, as the accounts module keeps them (modules/accounts/sessions.service.ts; the app
 * passes them in, since src/http knows no module): `save` of a member's row checks in its
 * transaction that the member may hold it, and a row that is not fresh is only updated.
 */
export interface SessionRows {
  read(sid: string): Promise<{ data: string; expiresAt: Date } | null>;
  save(row: { sid: string; userId: number | null; data: string; expiresAt: Date; createdAt: Date }, fresh: boolean): Promise<boolean>;
  extend(sid: string, expiresAt: Date): Promise<void>;
  remove(sid: string): Promise<void>;
}

type Callback = (err?: unknown) => void;

function expiry(data: SessionData, now: Date): Date {
  const expires = data.cookie?.expires;
  return expires ? new Date(expires) : new Date(now.getTime() + 24 * 60 * 60 * 1000);
}

export class DbSessionStore extends session.Store {
  #stored = new Map<string, number>();

  constructor(private readonly rows: SessionRows) {
    super();
  }

  #remember(sid: string, expiresAt: Date) {
    if (this.#stored.size >= REMEMBERED) this.#stored.clear();
    this.#stored.set(sid, expiresAt.getTime());
  }

  override get(sid: string, callback: (err: unknown, session?: SessionData | null) => void): void {
    this.rows
      .read(sid)
      .then((row) => {
        if (!row || row.expiresAt <= new Date()) return callback(null, null);
        this.#remember(sid, row.expiresAt);
        callback(null, JSON.parse(row.data) as SessionData);
      })
      .catch((err: unknown) => callback(err));
  }

  override set(sid: string, data: SessionData, callback?: Callback): void {
    const now = new Date();
    const expiresAt = expiry(data, now);
    const fresh = (data as SessionData & { [FRESH]?: true })[FRESH] === true;
    this.rows
      .save({ sid, userId: data.user?.id ?? null, data: JSON.stringify(data), expiresAt, createdAt: now }, fresh)
      .then((kept) => {
        if (kept) this.#remember(sid, expiresAt);
        else this.#stored.delete(sid);
        callback?.();
      })
      .catch((err: unknown) => callback?.(err));
  }

  override destroy(sid: string, callback?: Callback): void {
    this.#stored.delete(sid);
    this.rows
      .remove(sid)
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
    this.rows
      .extend(sid, expiresAt)
      .then(() => {
        this.#remember(sid, expiresAt);
        callback?.();
      })
      .catch((err: unknown) => callback?.(err));
  }
}
