// Whether an account may act right now: the one standing check every write goes through. A
// guard in front of every state-changing router asks it for each unsafe request
// (`activeMembersOnly`, accounts.routes.ts), and every write transaction (a post, an edit, a
// comment, a vote, a report, a 글 내리기 opinion or its withdrawal, an appeal, a password)
// asks it again with the member's row locked, so the daily caps count one writer at a time
// and a suspension that lands between the guard and the write still wins.
import type { Ctx, SqlTx } from "../../context.ts";
import { readerOf } from "../../db/sql.ts";
import { ForbiddenError, UnauthorizedError } from "../../domain/errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { suspendedMessage } from "./suspension.rules.ts";
import { standingRow } from "./users.queries.ts";

async function checkStanding(t: Pick<SqlTx, "all">, ctx: Pick<Ctx, "clock">, userId: number, lock: Prisma.Sql): Promise<{ joinedAt: Date }> {
  const row = await standingRow(t, userId, lock);
  if (!row) throw new UnauthorizedError();
  const until = row.suspendedUntil;
  if (until && until > ctx.clock()) throw new ForbiddenError(suspendedMessage(until, row.suspensionReason));
  return { joinedAt: row.joinedAt };
}

/**
 * Inside a write transaction: the member's row locked, and refused if suspended. Returns when
 * the member joined (the new-account rules, src/modules/accounts/new-account.rules.ts).
 */
export async function lockActiveMember(t: SqlTx, ctx: Pick<Ctx, "dialect" | "clock">, userId: number): Promise<{ joinedAt: Date }> {
  return checkStanding(t, ctx, userId, ctx.dialect.forUpdate);
}

/** Before any write: refused if suspended (or gone). */
export async function assertActiveMember(ctx: Ctx, userId: number): Promise<void> {
  await checkStanding(readerOf(ctx.sql), ctx, userId, Prisma.empty);
}

/**
 * Whether a session may be kept for the member, checked in the transaction that writes the
 * session's row: the row is locked (shared), so a suspension, which updates it and deletes the
 * member's sessions in one transaction, either comes first and is seen, or waits and then
 * deletes the new row too.
 */
export async function mayHoldSession(t: Pick<SqlTx, "all">, ctx: Pick<Ctx, "dialect" | "clock">, userId: number): Promise<boolean> {
  const row = await standingRow(t, userId, ctx.dialect.forShare);
  const until = row?.suspendedUntil;
  return !!row && !(until && until > ctx.clock());
}
