// The writes of "Comment" that other modules cause (comments' own service writes and deletes
// comments): 숨김, and the 공감/비공감 counters the votes module moves.
import type { SqlTx } from "../../context.ts";
import { dateOrNull, num, type RowOf, type SqlDate } from "../../db/raw.ts";
import { Prisma } from "../../generated/prisma/client.ts";

/** An operator's 숨김 (hiddenAt null: 복원), with its public reason category. */
export async function setCommentHidden(t: SqlTx, commentId: number, hiddenAt: Date | null, reason: string | null): Promise<void> {
  await t.run(Prisma.sql`UPDATE "Comment" SET "hiddenAt" = ${hiddenAt}, "hiddenReason" = ${reason} WHERE "id" = ${commentId}`);
}

/** 공감/비공감 counters moved with a comment vote's row (the votes module); returns the new counts. */
export async function addCommentVotes(t: SqlTx, commentId: number, up: number, down: number): Promise<{ upCount: number; downCount: number }> {
  const [row] = await t.all<RowOf<"Comment", "upCount" | "downCount">[]>(Prisma.sql`
    UPDATE "Comment" SET "upCount" = "upCount" + ${up}, "downCount" = "downCount" + ${down}
    WHERE "id" = ${commentId} RETURNING "upCount", "downCount"`);
  return { upCount: num(row!.upCount), downCount: num(row!.downCount) };
}

/** A comment as a vote on it needs it, with its post's state; null when it is not on that board's post. */
export async function readCommentForVote(t: Pick<SqlTx, "all">, boardId: number, number: number, commentId: number) {
  const [row] = await t.all<(RowOf<"Comment", "id" | "authorId" | "deletedAt" | "hiddenAt" | "heldAt"> & RowOfPost)[]>(Prisma.sql`
    SELECT c."id", c."authorId", c."deletedAt", c."hiddenAt", c."heldAt",
      p."deletedAt" AS "postDeletedAt", p."blindedAt" AS "postBlindedAt", p."hiddenAt" AS "postHiddenAt", p."heldAt" AS "postHeldAt"
    FROM "Comment" c JOIN "Post" p ON p."id" = c."postId"
    WHERE c."id" = ${commentId} AND p."boardId" = ${boardId} AND p."number" = ${number}`);
  if (!row) return null;
  return {
    id: num(row.id),
    authorId: num(row.authorId),
    deletedAt: dateOrNull(row.deletedAt),
    hiddenAt: dateOrNull(row.hiddenAt),
    heldAt: dateOrNull(row.heldAt),
    post: { deletedAt: dateOrNull(row.postDeletedAt), blindedAt: dateOrNull(row.postBlindedAt), hiddenAt: dateOrNull(row.postHiddenAt), heldAt: dateOrNull(row.postHeldAt) },
  };
}

type RowOfPost = { postDeletedAt: SqlDate | null; postBlindedAt: SqlDate | null; postHiddenAt: SqlDate | null; postHeldAt: SqlDate | null };
