// The writes of "Report" that other modules cause: an operator's action closes every open
// report on its target (moderation's reports.service.ts files them).
import type { SqlTx } from "../../context.ts";
import { num, type RowOf } from "../../db/raw.ts";
import { Prisma } from "../../generated/prisma/client.ts";

/** Closes the target's open reports with `outcome`; returns the members who had reported it (to tell them) and how many closed. */
export async function closeOpenReports(t: SqlTx, targetKey: string, outcome: string, now: Date): Promise<{ reporters: number[]; closed: number }> {
  const rows = await t.all<RowOf<"Report", "reporterId">[]>(Prisma.sql`
    SELECT "reporterId" FROM "Report" WHERE "targetKey" = ${targetKey} AND "closedAt" IS NULL AND "reporterId" IS NOT NULL`);
  const closed = await t.run(Prisma.sql`
    UPDATE "Report" SET "closedAt" = ${now}, "outcome" = ${outcome} WHERE "targetKey" = ${targetKey} AND "closedAt" IS NULL`);
  return { reporters: rows.map((r) => num(r.reporterId!)), closed };
}
