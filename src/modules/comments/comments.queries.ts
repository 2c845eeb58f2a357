// The writes of "Comment" that other modules cause (comments' own service writes and deletes
// comments).
import type { SqlTx } from "../../context.ts";
import { Prisma } from "../../generated/prisma/client.ts";

/** An operator's 숨김 (hiddenAt null: 복원), with its public reason category. */
export async function setCommentHidden(t: SqlTx, commentId: number, hiddenAt: Date | null, reason: string | null): Promise<void> {
  await t.run(Prisma.sql`UPDATE "Comment" SET "hiddenAt" = ${hiddenAt}, "hiddenReason" = ${reason} WHERE "id" = ${commentId}`);
}
