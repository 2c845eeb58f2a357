// The SQL of "IntegrityCase" and "IntegrityCaseMember", which integrity owns: the groups the
// scan found, and what an operator decided about each.
import type { SqlTx } from "../../context.ts";
import { date, dateOrNull, num, type SqlDate, type SqlInt, type RowOf } from "../../db/raw.ts";
import type { SqlReader } from "../../db/sql.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { Evidence, FoundCase } from "./integrity.rules.ts";

export type CaseStatus = "open" | "confirmed" | "dismissed" | "superseded";

export interface CaseRecord {
  id: number;
  kind: "ring" | "burst";
  status: CaseStatus;
  evidence: Evidence;
  createdAt: Date;
  decidedAt: Date | null;
  operatorId: number | null;
  votes: number | null;
  posts: number | null;
}

type CaseRowSql = RowOf<"IntegrityCase", "id" | "kind" | "status" | "evidence" | "createdAt" | "decidedAt" | "operatorId" | "votes" | "posts">;

const toCase = (r: CaseRowSql): CaseRecord => ({
  id: num(r.id),
  kind: r.kind as CaseRecord["kind"],
  status: r.status as CaseStatus,
  evidence: JSON.parse(r.evidence) as Evidence,
  createdAt: date(r.createdAt),
  decidedAt: dateOrNull(r.decidedAt),
  operatorId: r.operatorId === null ? null : num(r.operatorId),
  votes: r.votes === null ? null : num(r.votes),
  posts: r.posts === null ? null : num(r.posts),
});

const COLUMNS = Prisma.sql`"id", "kind", "status", "evidence", "createdAt", "decidedAt", "operatorId", "votes", "posts"`;

/**
 * Opens a case for a group unless one with its key exists (found again, or by another
 * instance's scan at the same moment: the unique key settles it); open cases of the same
 * accounts that this group contains are superseded by it. True when this call opened it.
 */
export async function openCase(t: SqlTx, found: FoundCase, now: Date): Promise<boolean> {
  const [row] = await t.all<{ id: SqlInt }[]>(Prisma.sql`
    INSERT INTO "IntegrityCase" ("kind", "key", "status", "evidence", "createdAt") VALUES (${found.kind}, ${found.key}, 'open', ${JSON.stringify(found.evidence)}, ${now})
    ON CONFLICT ("key") DO NOTHING RETURNING "id"`);
  if (!row) return false;
  const id = num(row.id);
  for (const userId of found.evidence.accounts) {
    await t.run(Prisma.sql`INSERT INTO "IntegrityCaseMember" ("caseId", "userId") VALUES (${id}, ${userId})`);
  }
  const sameSubject = found.subject === null ? Prisma.empty : Prisma.sql`AND c."key" LIKE ${`burst:${found.subject}:%`}`;
  const contained = await t.all<{ id: SqlInt }[]>(Prisma.sql`
    SELECT c."id" FROM "IntegrityCase" c JOIN "IntegrityCaseMember" m ON m."caseId" = c."id"
    WHERE c."status" = 'open' AND c."kind" = ${found.kind} AND c."id" <> ${id} ${sameSubject}
    GROUP BY c."id"
    HAVING SUM(CASE WHEN m."userId" IN (${Prisma.join(found.evidence.accounts)}) THEN 1 ELSE 0 END) = COUNT(*)`);
  for (const c of contained) {
    await t.run(Prisma.sql`UPDATE "IntegrityCase" SET "status" = 'superseded', "decidedAt" = ${now} WHERE "id" = ${num(c.id)} AND "status" = 'open'`);
  }
  return true;
}

/** When an operator last dismissed a case of the same accounts (a group's family, integrity.rules.ts). */
export async function lastDismissal(t: SqlReader, family: string): Promise<Date | null> {
  const [row] = await t.all<{ at: SqlDate | null }[]>(Prisma.sql`
    SELECT MAX("decidedAt") AS "at" FROM "IntegrityCase" WHERE "status" = 'dismissed' AND "key" LIKE ${`${family}%`}`);
  return dateOrNull(row?.at);
}

export async function readCase(t: SqlReader, id: number): Promise<CaseRecord | null> {
  const [row] = await t.all<CaseRowSql[]>(Prisma.sql`SELECT ${COLUMNS} FROM "IntegrityCase" WHERE "id" = ${id}`);
  return row ? toCase(row) : null;
}

/** The queue: open cases, oldest first, then the latest decided ones. */
export async function listCases(t: SqlReader, decidedTake = 30): Promise<{ open: CaseRecord[]; decided: CaseRecord[] }> {
  const open = await t.all<CaseRowSql[]>(Prisma.sql`SELECT ${COLUMNS} FROM "IntegrityCase" WHERE "status" = 'open' ORDER BY "id"`);
  const decided = await t.all<CaseRowSql[]>(Prisma.sql`
    SELECT ${COLUMNS} FROM "IntegrityCase" WHERE "status" IN ('confirmed', 'dismissed') ORDER BY "decidedAt" DESC, "id" DESC LIMIT ${decidedTake}`);
  return { open: open.map(toCase), decided: decided.map(toCase) };
}

/**
 * Decides an open case: the first decision wins (the row is locked by the update, and a second
 * one finds it no longer open). False when it was not open.
 */
export async function decideCase(t: SqlTx, id: number, decision: { status: "confirmed" | "dismissed"; operatorId: number; now: Date }): Promise<boolean> {
  return (
    (await t.run(Prisma.sql`
      UPDATE "IntegrityCase" SET "status" = ${decision.status}, "operatorId" = ${decision.operatorId}, "decidedAt" = ${decision.now}
      WHERE "id" = ${id} AND "status" = 'open'`)) > 0
  );
}

/** What confirming a case changed, kept on it (the operators' record). */
export async function recordVoided(t: SqlTx, id: number, counts: { votes: number; posts: number }): Promise<void> {
  await t.run(Prisma.sql`UPDATE "IntegrityCase" SET "votes" = ${counts.votes}, "posts" = ${counts.posts} WHERE "id" = ${id}`);
}

/** Accounts of cases confirmed in [from, to): no juror seat for them (panel selection). */
export async function confirmedRingAccounts(t: SqlReader, from: Date, to: Date): Promise<Set<number>> {
  const rows = await t.all<{ userId: SqlInt }[]>(Prisma.sql`
    SELECT DISTINCT m."userId" FROM "IntegrityCaseMember" m JOIN "IntegrityCase" c ON c."id" = m."caseId"
    WHERE c."status" = 'confirmed' AND c."decidedAt" >= ${from} AND c."decidedAt" < ${to}`);
  return new Set(rows.map((r) => num(r.userId)));
}
