// A member's sessions as account actions: counting and ending the ones on other devices (the
// account-safety page, a password change), and the rows the session store keeps, each write
// of a member's row checked against the member's standing in its transaction.
import type { Ctx } from "../../context.ts";
import { countSessionsOf, deleteSession, extendSession, readSession, updateSession, upsertSession, type SessionRow } from "./sessions.queries.ts";
import { mayHoldSession } from "./standing.service.ts";

/** Live sessions of a user other than `keepSid`. Session expiry is wall-clock time, like the cookie's. */
export async function countOtherSessions(ctx: Ctx, userId: number, keepSid: string): Promise<number> {
  return countSessionsOf(ctx, userId, keepSid, new Date());
}

/**
 * The rows the session store (src/http/session-store.ts, given them by the app) reads and
 * writes. `save` of a member's row checks in its transaction that the member may hold it; one
 * that is not `fresh` (the sign-in that starts it) is only updated, never brought back.
 */
export function sessionRows(ctx: Ctx) {
  return {
    read: (sid: string) => readSession(ctx, sid),
    save: (row: SessionRow, fresh: boolean) =>
      ctx.sql.transaction(async (t) => {
        const userId = row.userId;
        if (userId === null) return upsertSession(t, row); // a visitor's session holds no account
        if (!(await mayHoldSession(t, ctx, userId))) {
          // Suspended or gone: the session ends here (a suspension deleted the others), and the next request is anonymous.
          await deleteSession(t, row.sid);
          return false;
        }
        return fresh ? upsertSession(t, row) : updateSession(t, { ...row, userId });
      }),
    extend: (sid: string, expiresAt: Date) => ctx.sql.transaction((t) => extendSession(t, sid, expiresAt)),
    remove: (sid: string) => ctx.sql.transaction((t) => deleteSession(t, sid)),
  };
}
