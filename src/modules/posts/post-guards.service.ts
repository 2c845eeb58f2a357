// The checks that actions on a post share, applied to the row as the transaction reads it:
// the post policy (src/domain/post-policy.ts) decides, these read the post (one statement)
// and throw its refusal. Votes, 글 내리기, comments and editing call them.
import type { Ctx, SqlTx } from "../../context.ts";
import { dateOrNull, num, type RowOf } from "../../db/raw.ts";
import { ForbiddenError, NoSuchPost } from "../../domain/errors.ts";
import { postRefusal, type PolicyViewer, type PostAction } from "../../domain/post-policy.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { BoardSummary } from "../boards/boards.service.ts";

type PostStateSql = RowOf<"Post", "id" | "boardId" | "authorId" | "deletedAt" | "blindedAt" | "hiddenAt" | "heldAt" | "upCount" | "downCount" | "opinionCount" | "opinionPanelId">;

/** A post's state as the actions need it. */
export interface PostState {
  id: number;
  boardId: number;
  authorId: number;
  deletedAt: Date | null;
  blindedAt: Date | null;
  hiddenAt: Date | null;
  heldAt: Date | null;
  upCount: number;
  downCount: number;
  opinionCount: number; // the opinions of panel opinionPanelId (docs/decisions/0007)
  opinionPanelId: number | null;
}

async function readPostState(t: Pick<SqlTx, "all">, board: BoardSummary, number: number, lock: Prisma.Sql = Prisma.empty): Promise<PostState> {
  const [row] = await t.all<PostStateSql[]>(Prisma.sql`
    SELECT "id", "boardId", "authorId", "deletedAt", "blindedAt", "hiddenAt", "heldAt", "upCount", "downCount", "opinionCount", "opinionPanelId"
    FROM "Post" WHERE "boardId" = ${board.id} AND "number" = ${number} ${lock}`);
  if (!row) throw new NoSuchPost();
  return {
    id: num(row.id),
    boardId: num(row.boardId),
    authorId: num(row.authorId),
    deletedAt: dateOrNull(row.deletedAt),
    blindedAt: dateOrNull(row.blindedAt),
    hiddenAt: dateOrNull(row.hiddenAt),
    heldAt: dateOrNull(row.heldAt),
    upCount: num(row.upCount),
    downCount: num(row.downCount),
    opinionCount: num(row.opinionCount),
    opinionPanelId: row.opinionPanelId === null ? null : num(row.opinionPanelId),
  };
}

/** Throws the policy's refusal of `action` (docs: src/domain/post-policy.ts). */
function refuse(action: PostAction, post: PostState, viewer: PolicyViewer): void {
  const refusal = postRefusal(action, post, viewer);
  if (!refusal) return;
  throw refusal.kind === "gone" ? new NoSuchPost() : new ForbiddenError(refusal.message);
}

/**
 * Someone else's visible post that an actor reacts to (a vote, a 글 내리기): it exists, is
 * neither deleted, blinded nor hidden, and is not the actor's own (src/domain/post-policy.ts).
 * The post's row stays locked to the end of the transaction (on PostgreSQL; SQLite runs one
 * write transaction at a time), so two actions on one post cannot interleave.
 */
export async function lockPostForReaction(t: SqlTx, ctx: Pick<Ctx, "dialect">, board: BoardSummary, number: number, actorId: number, action: "vote" | "opinion") {
  const post = await readPostState(t, board, number, ctx.dialect.forUpdate);
  refuse(action, post, { id: actorId });
  return post;
}

/** The post, if `userId` may change it: its author, and neither deleted, blinded nor hidden. */
export async function findOwnPost(t: Pick<SqlTx, "all">, board: BoardSummary, number: number, userId: number) {
  const post = await readPostState(t, board, number);
  refuse("edit", post, { id: userId });
  return post;
}

/**
 * A post that may take a comment or a reply: it exists, is not deleted, and is public. Its row
 * stays locked to the end of the transaction (on PostgreSQL), so the comments of one post take
 * their ids in the order they commit: a live stream resumes "after comment id N" without
 * skipping one that committed late (src/modules/live).
 */
export async function findCommentablePost(t: SqlTx, ctx: Pick<Ctx, "dialect">, board: BoardSummary, number: number) {
  const post = await readPostState(t, board, number, ctx.dialect.forUpdate);
  refuse("comment", post, null);
  return post;
}
