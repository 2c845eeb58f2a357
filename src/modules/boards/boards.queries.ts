// The writes of "Board" that other modules cause (boards' own listing.service.ts writes the
// rest: names, markets, delisting).
import type { SqlTx } from "../../context.ts";
import { num, type RowOf } from "../../db/raw.ts";
import { Prisma } from "../../generated/prisma/client.ts";

/** The board's next dense post number, taken in the transaction that inserts the post. */
export async function takePostNumber(t: SqlTx, boardId: number): Promise<number> {
  const [row] = await t.all<RowOf<"Board", "lastPostNumber">[]>(
    Prisma.sql`UPDATE "Board" SET "lastPostNumber" = "lastPostNumber" + 1 WHERE "id" = ${boardId} RETURNING "lastPostNumber"`,
  );
  return num(row!.lastPostNumber);
}
