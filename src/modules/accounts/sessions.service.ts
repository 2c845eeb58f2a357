// A member's sessions as account actions: counting and ending the ones on other devices
// (the account-safety page, a password change). The rows are written by the session store
// (src/http/session-store.ts); which of them are a user's is domain knowledge.
import type { Ctx, Tx } from "../../context.ts";

/** Ends every session of a user except `keepSid`; returns how many ended. */
export async function endOtherSessions(db: Pick<Tx, "session">, userId: number, keepSid: string): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { userId, sid: { not: keepSid } } });
  return count;
}

/** Live sessions of a user other than `keepSid`. Session expiry is wall-clock time, like the cookie's. */
export async function countOtherSessions(ctx: Ctx, userId: number, keepSid: string): Promise<number> {
  return ctx.db.session.count({
    where: { userId, sid: { not: keepSid }, expiresAt: { gt: new Date() } },
  });
}
