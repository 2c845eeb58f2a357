// The SQL of the jury's panels: "JuryPanel" and its "JuryMember" seats, which jury owns.
import type { SqlTx } from "../../context.ts";
import { date, num, type RowOf } from "../../db/raw.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { SqlReader } from "../../db/sql.ts";

export interface PanelRecord {
  id: number;
  boardId: number;
  month: string;
  createdAt: Date;
  // left: the juror withdrew (회원탈퇴); the seat is shown as 탈퇴한 배심원.
  members: { userId: number; nickname: string; left: boolean; rank: number; score: number; posts: number; comments: number; upsReceived: number }[];
}

/** A board's panel of one month with its seats by rank, or null if none was chosen yet. */
export async function readPanel(t: SqlReader, boardId: number, month: string): Promise<PanelRecord | null> {
  const [panel] = await t.all<RowOf<"JuryPanel", "id" | "createdAt">[]>(
    Prisma.sql`SELECT "id", "createdAt" FROM "JuryPanel" WHERE "boardId" = ${boardId} AND "month" = ${month}`,
  );
  if (!panel) return null;
  const seats = await t.all<(RowOf<"JuryMember", "userId" | "rank" | "score" | "posts" | "comments" | "upsReceived" | "leftAt"> & RowOf<"User", "nickname">)[]>(Prisma.sql`
    SELECT m."userId", u."nickname", m."leftAt", m."rank", m."score", m."posts", m."comments", m."upsReceived"
    FROM "JuryMember" m JOIN "User" u ON u."id" = m."userId"
    WHERE m."panelId" = ${panel.id} ORDER BY m."rank"`);
  return {
    id: num(panel.id),
    boardId,
    month,
    createdAt: date(panel.createdAt),
    members: seats.map((m) => ({
      userId: num(m.userId),
      nickname: m.nickname,
      left: m.leftAt !== null,
      rank: num(m.rank),
      score: num(m.score),
      posts: num(m.posts),
      comments: num(m.comments),
      upsReceived: num(m.upsReceived),
    })),
  };
}

export type Seat = Omit<PanelRecord["members"][number], "nickname" | "left">;

/**
 * Creates the panel with its seats unless one exists for the board and month (the unique key
 * settles a race between instances); true when this call created it.
 */
export async function insertPanel(t: SqlTx, panel: { boardId: number; month: string; createdAt: Date }, seats: Seat[]): Promise<boolean> {
  const [row] = await t.all<RowOf<"JuryPanel", "id">[]>(Prisma.sql`
    INSERT INTO "JuryPanel" ("boardId", "month", "createdAt") VALUES (${panel.boardId}, ${panel.month}, ${panel.createdAt})
    ON CONFLICT ("boardId", "month") DO NOTHING RETURNING "id"`);
  if (!row) return false;
  for (const s of seats) {
    await t.run(Prisma.sql`
      INSERT INTO "JuryMember" ("panelId", "userId", "rank", "score", "posts", "comments", "upsReceived")
      VALUES (${num(row.id)}, ${s.userId}, ${s.rank}, ${s.score}, ${s.posts}, ${s.comments}, ${s.upsReceived})`);
  }
  return true;
}

/** 회원탈퇴 of a juror: the seats stay on the months' record, empty (탈퇴한 배심원). */
export async function leavePanels(t: SqlTx, userId: number, at: Date): Promise<void> {
  await t.run(Prisma.sql`UPDATE "JuryMember" SET "leftAt" = ${at} WHERE "userId" = ${userId} AND "leftAt" IS NULL`);
}
