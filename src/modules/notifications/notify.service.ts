// Writing 알림, always inside the transaction of the event itself, so a notification exists
// exactly when its event does. Nobody is told of their own action, nor of one by a member they
// blocked.
import type { SqlTx } from "../../context.ts";
import { num, type SqlInt } from "../../db/raw.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { NotificationKind } from "./notifications.rules.ts";

export interface NotificationEvent {
  userId: number; // who is told
  kind: NotificationKind;
  actorId?: number | null; // who did it; never told of their own action
  boardId?: number | null;
  postId?: number | null;
  commentId?: number | null;
  detail?: string | null;
  count?: number; // how many things the one row tells of (votes voided); 1 otherwise
}

export async function notify(t: SqlTx, now: Date, e: NotificationEvent): Promise<void> {
  if (e.actorId !== undefined && e.actorId !== null) {
    if (e.actorId === e.userId) return;
    // Nobody hears of a member they blocked (차단; the blocks module owns the rows).
    const [blocked] = await t.all<{ one: SqlInt }[]>(Prisma.sql`SELECT 1 AS "one" FROM "Block" WHERE "userId" = ${e.userId} AND "blockedId" = ${e.actorId}`);
    if (blocked) return;
  }
  if (e.kind === "comment") {
    // Comments on one post while the author was away: one unread row, counted. It keeps the
    // first unread comment, where reading starts.
    const bumped = await t.run(Prisma.sql`
      UPDATE "Notification" SET "count" = "count" + 1, "updatedAt" = ${now}, "actorId" = ${e.actorId ?? null}
      WHERE "userId" = ${e.userId} AND "readAt" IS NULL AND "kind" = 'comment' AND "postId" = ${e.postId ?? null}`);
    if (bumped > 0) return;
  }
  await t.run(Prisma.sql`
    INSERT INTO "Notification" ("userId", "kind", "boardId", "postId", "commentId", "actorId", "detail", "count", "createdAt", "updatedAt")
    VALUES (${e.userId}, ${e.kind}, ${e.boardId ?? null}, ${e.postId ?? null}, ${e.commentId ?? null}, ${e.actorId ?? null},
      ${e.detail ?? null}, ${e.count ?? 1}, ${now}, ${now})`);
}

/** The unread count of the header: one indexed count on (userId, readAt). */
export async function unreadCount(t: Pick<SqlTx, "all">, userId: number): Promise<number> {
  const [row] = await t.all<{ n: SqlInt }[]>(
    Prisma.sql`SELECT COUNT(*) AS n FROM "Notification" WHERE "userId" = ${userId} AND "readAt" IS NULL`,
  );
  return num(row?.n ?? 0);
}
