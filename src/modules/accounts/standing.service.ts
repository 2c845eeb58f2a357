// Whether an account may act right now. Every write transaction (a post, a comment, a vote, a
// report, a 글 내리기 opinion) starts here: it locks the member's row, so the daily caps count
// one writer at a time, and refuses a suspended account even if a session outlived the
// suspension by a moment (the suspension ends its sessions in the same transaction).
import type { Ctx, SqlTx } from "../../context.ts";
import { dateOrNull, type SqlDate } from "../../db/raw.ts";
import { ForbiddenError, UnauthorizedError } from "../../domain/errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { suspendedMessage } from "./suspension.rules.ts";

export async function lockActiveMember(t: SqlTx, ctx: Pick<Ctx, "dialect" | "clock">, userId: number): Promise<void> {
  const [row] = await t.all<{ suspendedUntil: SqlDate | null; suspensionReason: string | null }[]>(
    Prisma.sql`SELECT "suspendedUntil", "suspensionReason" FROM "User" WHERE "id" = ${userId} ${ctx.dialect.forUpdate}`,
  );
  if (!row) throw new UnauthorizedError();
  const until = dateOrNull(row.suspendedUntil);
  if (until && until > ctx.clock()) throw new ForbiddenError(suspendedMessage(until, row.suspensionReason));
}
