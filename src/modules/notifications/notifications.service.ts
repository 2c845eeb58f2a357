// Reading 알림: the list of a member's notifications, opening one (which marks it read) and
// marking all read. Someone else's notification does not exist for you (404).
import type { Ctx, SqlTx } from "../../context.ts";
import { date, dateOrNull, num, type SqlInt, type RowOf } from "../../db/raw.ts";
import { visiblePost } from "../../db/visibility.ts";
import { NotFoundError } from "../../domain/errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { totalPages } from "../../lib/pagination.ts";
import { paths } from "../../lib/paths.ts";
import { notificationText, NOTIFICATIONS_PER_PAGE, type NotificationKind } from "./notifications.rules.ts";
import { unreadCount } from "./notify.service.ts";
import { readerOf } from "../../db/sql.ts";

type NotificationRowSql = RowOf<"Notification", "id" | "count" | "commentId" | "detail" | "readAt" | "updatedAt"> & {
  kind: NotificationKind;
  actorNickname: string | null;
  stockCode: string | null;
  stockName: string | null;
  postNumber: SqlInt | null;
  postTitle: string | null;
};

const NO_SUCH = "존재하지 않는 알림입니다.";

/** Where a notification leads: the exact comment, the post, or the board's jury page. */
function target(r: Pick<NotificationRowSql, "kind" | "stockCode" | "postNumber" | "commentId">): string {
  if (!r.stockCode) return paths.notifications();
  if (r.kind === "juror") return paths.jury(r.stockCode);
  if (r.postNumber === null) return paths.board(r.stockCode);
  const number = num(r.postNumber);
  return r.commentId !== null ? paths.commentAnchor(r.stockCode, number, num(r.commentId)) : paths.post(r.stockCode, number);
}

const COLUMNS = Prisma.sql`n."id", n."kind", n."count", n."commentId", n."detail", n."readAt", n."updatedAt",
  (SELECT u."nickname" FROM "User" u WHERE u."id" = n."actorId") AS "actorNickname",
  b."stockCode", b."stockName", p."number" AS "postNumber",
  CASE WHEN ${visiblePost()} THEN p."title" END AS "postTitle"`;
const FROM = Prisma.sql`FROM "Notification" n LEFT JOIN "Board" b ON b."id" = n."boardId" LEFT JOIN "Post" p ON p."id" = n."postId"`;

export async function listNotifications(ctx: Ctx, userId: number, page: number) {
  const [rows, [counted], unread] = await Promise.all([
    ctx.sql.read<NotificationRowSql[]>(Prisma.sql`
      SELECT ${COLUMNS} ${FROM} WHERE n."userId" = ${userId}
      ORDER BY n."updatedAt" DESC, n."id" DESC
      LIMIT ${NOTIFICATIONS_PER_PAGE} OFFSET ${(page - 1) * NOTIFICATIONS_PER_PAGE}`),
    ctx.sql.read<{ n: SqlInt }[]>(Prisma.sql`SELECT COUNT(*) AS n FROM "Notification" WHERE "userId" = ${userId}`),
    unreadCount(readerOf(ctx.sql), userId),
  ]);
  return {
    rows: rows.map((r) => ({
      id: num(r.id),
      text: notificationText({
        kind: r.kind,
        count: num(r.count),
        actorNickname: r.actorNickname,
        postTitle: r.postTitle,
        stockName: r.stockName,
        commentId: r.commentId === null ? null : num(r.commentId),
        detail: r.detail,
      }),
      read: dateOrNull(r.readAt) !== null,
      updatedAt: date(r.updatedAt),
      board: r.stockName,
    })),
    unread,
    page,
    totalPages: totalPages(num(counted?.n ?? 0), NOTIFICATIONS_PER_PAGE),
  };
}

/** Opens a notification: marks it read and returns where it leads. */
export async function openNotification(ctx: Ctx, userId: number, id: number): Promise<string> {
  const [row] = await ctx.sql.read<NotificationRowSql[]>(Prisma.sql`SELECT ${COLUMNS} ${FROM} WHERE n."id" = ${id} AND n."userId" = ${userId}`);
  if (!row) throw new NotFoundError(NO_SUCH);
  if (row.readAt === null) {
    await ctx.sql.transaction((t) => t.run(Prisma.sql`UPDATE "Notification" SET "readAt" = ${ctx.clock()} WHERE "id" = ${id} AND "readAt" IS NULL`));
  }
  return target(row);
}

/** 모두 읽음. Returns how many it marked. */
export async function markAllRead(ctx: Ctx, userId: number): Promise<number> {
  return ctx.sql.transaction((t) =>
    t.run(Prisma.sql`UPDATE "Notification" SET "readAt" = ${ctx.clock()} WHERE "userId" = ${userId} AND "readAt" IS NULL`),
  );
}

/** The header's count, for every signed-in page. */
export async function headerUnreadCount(ctx: Ctx, userId: number): Promise<number> {
  return unreadCount(readerOf(ctx.sql), userId);
}

/** Who has a notification written or updated after `since` (a live stream tells them their count). */
export async function membersNotifiedSince(ctx: Ctx, since: Date): Promise<number[]> {
  const rows = await ctx.sql.read<{ userId: SqlInt }[]>(Prisma.sql`SELECT DISTINCT "userId" FROM "Notification" WHERE "updatedAt" > ${since} LIMIT 10000`);
  return rows.map((r) => num(r.userId));
}

// 알림 are kept this long after their last change.
const NOTIFICATION_KEEP_MS = 90 * 24 * 60 * 60 * 1000;

/** Forgets notifications untouched for 90 days; returns how many went. */
export async function forgetOldNotifications(ctx: Ctx): Promise<number> {
  const before = new Date(ctx.clock().getTime() - NOTIFICATION_KEEP_MS);
  return ctx.sql.transaction((t) => t.run(Prisma.sql`DELETE FROM "Notification" WHERE "updatedAt" < ${before}`));
}

/** 회원탈퇴: the member's 알림 go with the account. */
export async function deleteNotificationsOf(t: SqlTx, userId: number): Promise<void> {
  await t.run(Prisma.sql`DELETE FROM "Notification" WHERE "userId" = ${userId}`);
}
