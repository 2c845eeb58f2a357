// The checks that actions on a post share, in one place that depends on no module that uses
// them (votes, 글 내리기, comments, editing). Each reads the post with one statement.
import type { Ctx, SqlTx } from "../../context.ts";
import { dateOrNull, num, type SqlDate, type SqlInt } from "../../db/raw.ts";
import { ForbiddenError, NoSuchPost } from "../../domain/errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { BoardSummary } from "../boards/boards.service.ts";

// An operator's hiding, worded the same for every action it stops.
const HIDDEN = "운영정책에 따라 숨김 처리된 글입니다.";

export interface Refusals {
  deleted: string;
  blinded: string;
  own: string;
}

interface PostStateSql {
  id: SqlInt;
  boardId: SqlInt;
  authorId: SqlInt;
  deletedAt: SqlDate | null;
  blindedAt: SqlDate | null;
  hiddenAt: SqlDate | null;
  upCount: SqlInt;
  downCount: SqlInt;
  opinionCount: SqlInt;
  opinionPanelId: SqlInt | null;
}

/** A post's state as the actions need it. */
export interface PostState {
  id: number;
  boardId: number;
  authorId: number;
  deletedAt: Date | null;
  blindedAt: Date | null;
  hiddenAt: Date | null;
  upCount: number;
  downCount: number;
  opinionCount: number; // the opinions of panel opinionPanelId (docs/decisions/0007)
  opinionPanelId: number | null;
}

async function readPostState(t: Pick<SqlTx, "all">, board: BoardSummary, number: number, lock: Prisma.Sql = Prisma.empty): Promise<PostState> {
  const [row] = await t.all<PostStateSql[]>(Prisma.sql`
    SELECT "id", "boardId", "authorId", "deletedAt", "blindedAt", "hiddenAt", "upCount", "downCount", "opinionCount", "opinionPanelId"
    FROM "Post" WHERE "boardId" = ${board.id} AND "number" = ${number} ${lock}`);
  if (!row) throw new NoSuchPost();
  return {
    id: num(row.id),
    boardId: num(row.boardId),
    authorId: num(row.authorId),
    deletedAt: dateOrNull(row.deletedAt),
    blindedAt: dateOrNull(row.blindedAt),
    hiddenAt: dateOrNull(row.hiddenAt),
    upCount: num(row.upCount),
    downCount: num(row.downCount),
    opinionCount: num(row.opinionCount),
    opinionPanelId: row.opinionPanelId === null ? null : num(row.opinionPanelId),
  };
}

/**
 * Someone else's visible post that an actor reacts to (a vote, a 글 내리기): it exists, is
 * neither deleted, blinded nor hidden, and is not the actor's own; each action words the refusals.
 * The post's row stays locked to the end of the transaction (on PostgreSQL; SQLite runs one
 * write transaction at a time), so two actions on one post cannot interleave.
 */
export async function lockPostForReaction(t: SqlTx, ctx: Pick<Ctx, "dialect">, board: BoardSummary, number: number, actorId: number, refusals: Refusals) {
  const post = await readPostState(t, board, number, ctx.dialect.forUpdate);
  if (post.deletedAt) throw new ForbiddenError(refusals.deleted);
  if (post.blindedAt) throw new ForbiddenError(refusals.blinded);
  if (post.hiddenAt) throw new ForbiddenError(HIDDEN);
  if (post.authorId === actorId) throw new ForbiddenError(refusals.own);
  return post;
}

/** The post, if `userId` may change it: its author, and neither deleted nor blinded. */
export async function findOwnPost(t: Pick<SqlTx, "all">, board: BoardSummary, number: number, userId: number) {
  const post = await readPostState(t, board, number);
  if (post.deletedAt) throw new NoSuchPost();
  if (post.authorId !== userId) throw new ForbiddenError("내가 쓴 글만 고치거나 지울 수 있습니다.");
  if (post.blindedAt) throw new ForbiddenError("블라인드 처리된 글은 고치거나 지울 수 없습니다.");
  if (post.hiddenAt) throw new ForbiddenError("숨김 처리된 글은 고치거나 지울 수 없습니다.");
  return post;
}

/**
 * A post that may take a comment or a reply: it exists, is not deleted, and is public. A
 * blinded or hidden post keeps the comments it has, readable, and takes no new ones (its text
 * may have promised "링크는 댓글로 드립니다").
 */
export async function findCommentablePost(t: SqlTx, board: BoardSummary, number: number) {
  const post = await readPostState(t, board, number);
  if (post.deletedAt) throw new ForbiddenError("삭제된 글에는 댓글을 쓸 수 없습니다.");
  if (post.blindedAt) throw new ForbiddenError("블라인드 처리된 글에는 댓글을 쓸 수 없습니다.");
  if (post.hiddenAt) throw new ForbiddenError("숨김 처리된 글에는 댓글을 쓸 수 없습니다.");
  return post;
}
