// The SQL of "CleanbotRule" and "CleanbotEvent", which cleanbot owns: the operators' rules (a
// row is never deleted, so the table is the log of every change) and one row per action taken.
import type { SqlTx } from "../../context.ts";
import { date, dateOrNull, num, type RowOf, type SqlDate, type SqlInt } from "../../db/raw.ts";
import type { SqlReader } from "../../db/sql.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { Action, Category, Outcome, Rule } from "./cleanbot.rules.ts";

type Reader = SqlReader;

/**
 * A number that grows with every change to the rules (an added row, a removal): an instance
 * compares it with the one its compiled filter was built from before it screens a text, so a
 * change made on one instance applies on every other at the next text.
 */
export async function ruleSetVersion(reader: Reader): Promise<number> {
  const [row] = await reader.all<{ v: SqlInt }[]>(Prisma.sql`SELECT COUNT(*) + COUNT("removedAt") AS "v" FROM "CleanbotRule"`);
  return num(row!.v);
}

/** The rules in force, oldest first. */
export async function activeRules(reader: Reader): Promise<Rule[]> {
  const rows = await reader.all<RowOf<"CleanbotRule", "id" | "text" | "category" | "action">[]>(
    Prisma.sql`SELECT "id", "text", "category", "action" FROM "CleanbotRule" WHERE "removedAt" IS NULL ORDER BY "id"`,
  );
  return rows.map((r) => ({ id: num(r.id), text: r.text, category: r.category as Category, action: r.action as Action }));
}

export interface RuleRow extends Rule {
  id: number;
  createdAt: Date;
  createdBy: string;
  removedAt: Date | null;
  removedBy: string | null;
}

/** Every rule ever added, newest first, with who added and who removed it. */
export async function ruleHistory(reader: Reader): Promise<RuleRow[]> {
  const rows = await reader.all<
    (RowOf<"CleanbotRule", "id" | "text" | "category" | "action" | "createdAt" | "removedAt"> & { createdBy: string; removedBy: string | null })[]
  >(Prisma.sql`
    SELECT r."id", r."text", r."category", r."action", r."createdAt", r."removedAt", a."nickname" AS "createdBy", b."nickname" AS "removedBy"
    FROM "CleanbotRule" r JOIN "User" a ON a."id" = r."createdById" LEFT JOIN "User" b ON b."id" = r."removedById"
    ORDER BY r."id" DESC`);
  return rows.map((r) => ({
    id: num(r.id),
    text: r.text,
    category: r.category as Category,
    action: r.action as Action,
    createdAt: date(r.createdAt),
    createdBy: r.createdBy,
    removedAt: dateOrNull(r.removedAt),
    removedBy: r.removedBy,
  }));
}

export async function insertRule(t: SqlTx, rule: { text: string; category: Category; action: Action }, operatorId: number, now: Date): Promise<number> {
  const [row] = await t.all<{ id: SqlInt }[]>(Prisma.sql`
    INSERT INTO "CleanbotRule" ("text", "category", "action", "createdById", "createdAt")
    VALUES (${rule.text}, ${rule.category}, ${rule.action}, ${operatorId}, ${now}) RETURNING "id"`);
  return num(row!.id);
}

/** Removes a rule in force; false when there was none (already removed, or no such rule). */
export async function removeRule(t: SqlTx, id: number, operatorId: number, now: Date): Promise<boolean> {
  const changed = await t.run(Prisma.sql`
    UPDATE "CleanbotRule" SET "removedAt" = ${now}, "removedById" = ${operatorId} WHERE "id" = ${id} AND "removedAt" IS NULL`);
  return changed > 0;
}

export type EventTarget = "post" | "comment" | "reason" | "nickname";

/** One action 클린봇 took (what it found is not kept: only its category). */
export async function recordCleanbotEvent(
  t: Pick<SqlTx, "run">,
  now: Date,
  event: { category: Category; action: Outcome; target: EventTarget },
): Promise<void> {
  await t.run(Prisma.sql`
    INSERT INTO "CleanbotEvent" ("createdAt", "category", "action", "target") VALUES (${now}, ${event.category}, ${event.action}, ${event.target})`);
}

/** The actions since `since`, each with its time (the page groups them by KST day). */
export async function eventsSince(reader: Reader, since: Date): Promise<{ createdAt: Date; category: Category; action: Outcome }[]> {
  const rows = await reader.all<{ createdAt: SqlDate; category: string; action: string }[]>(Prisma.sql`
    SELECT "createdAt", "category", "action" FROM "CleanbotEvent" WHERE "createdAt" >= ${since} ORDER BY "createdAt"`);
  return rows.map((r) => ({ createdAt: date(r.createdAt), category: r.category as Category, action: r.action as Outcome }));
}
