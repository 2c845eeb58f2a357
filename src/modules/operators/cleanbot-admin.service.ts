// The operators' side of 클린봇 (docs/product.md §13): the word list (add, remove, try a
// sample before saving), the queue of held posts and comments, and the daily counts the
// public moderation log shows. Every rule change is a row with who and when; the writing
// services pick it up at their next text (cleanbot.service.ts compares the rules' version).
import type { Ctx } from "../../context.ts";
import { date, num, type SqlDate, type SqlInt } from "../../db/raw.ts";
import { readerOf } from "../../db/sql.ts";
import { ConflictError, ValidationError } from "../../domain/errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { kstDay } from "../../lib/kst-time.ts";
import {
  builtinRules,
  CATEGORIES,
  Filter,
  markedHtml,
  ruleProblem,
  type Action,
  type Category,
  type Finding,
  type Outcome,
} from "../cleanbot/cleanbot.rules.ts";
import { currentFilter } from "../cleanbot/cleanbot.service.ts";
import type { ReportCategory } from "../moderation/moderation.rules.ts";
import { activeRules, eventsSince, insertRule, removeRule, ruleHistory } from "../cleanbot/rules.queries.ts";

export interface RuleInput {
  text: string;
  category: Category;
  action: Action;
}

/** Adds an operator's rule, or refuses one that would match almost anything. */
export async function addRule(ctx: Ctx, operatorId: number, input: RuleInput): Promise<number> {
  const text = input.text.trim().normalize("NFC");
  // Switching a built-in word off is always allowed, however short the word (좆).
  const builtinOff = input.action === "allow" && builtinRules().some((r) => r.text === text);
  const problem = builtinOff ? null : ruleProblem(text, input.action);
  if (problem) throw new ValidationError(problem, { text: problem });
  const active = await activeRules(readerOf(ctx.sql));
  if (active.some((r) => r.text === text && r.action === input.action && r.category === input.category)) {
    throw new ConflictError("같은 단어와 처리 방식의 규칙이 이미 있습니다.");
  }
  const id = await ctx.sql.transaction((t) => insertRule(t, { ...input, text }, operatorId, ctx.clock()));
  ctx.events.record("cleanbot_rule", { change: "add", ruleId: id, operatorId, category: input.category, action: input.action });
  return id;
}

export async function retireRule(ctx: Ctx, operatorId: number, id: number): Promise<void> {
  const removed = await ctx.sql.transaction((t) => removeRule(t, id, operatorId, ctx.clock()));
  if (!removed) throw new ConflictError("이미 삭제된 규칙입니다. 목록을 새로 고쳐 주세요.");
  ctx.events.record("cleanbot_rule", { change: "remove", ruleId: id, operatorId });
}

export interface Trial {
  sample: string;
  marked: string;
  findings: (Finding & { matched: string; fromCandidate: boolean })[];
}

/**
 * What the rules in force find in a sample, and what a rule being written would add: the
 * operator sees each match before saving.
 */
export async function trySample(ctx: Ctx, sample: string, candidate: RuleInput | null): Promise<Trial> {
  const current = (await currentFilter(ctx)).screen(sample).map((f) => ({ ...f, matched: sample.slice(f.from, f.to), fromCandidate: false }));
  const extra =
    candidate && candidate.text.trim() !== "" && candidate.action !== "allow" && !ruleProblem(candidate.text, candidate.action)
      ? new Filter([{ id: 0, ...candidate, text: candidate.text.trim() }]).screen(sample).map((f) => ({ ...f, matched: sample.slice(f.from, f.to), fromCandidate: true }))
      : [];
  const findings = [...current, ...extra];
  return { sample, marked: markedHtml(sample, findings), findings };
}

/** The rules page: the operators' rules (with history) and the built-in words by category. */
export async function rulesPage(ctx: Ctx) {
  const history = await ruleHistory(readerOf(ctx.sql));
  const switchedOff = new Set(history.filter((r) => r.action === "allow" && !r.removedAt).map((r) => r.text));
  const builtin = new Map<Category, { text: string; action: Action; off: boolean }[]>(CATEGORIES.map((c) => [c, []]));
  for (const rule of builtinRules()) builtin.get(rule.category)!.push({ text: rule.text, action: rule.action, off: switchedOff.has(rule.text) });
  return { history, builtin };
}

type HeldSql = {
  kind: "post" | "comment";
  id: SqlInt;
  stockCode: string;
  stockName: string;
  number: SqlInt;
  title: string;
  body: string;
  cleanbot: string | null;
  heldAt: SqlDate;
  nickname: string;
  authorId: SqlInt;
};

const HELD_PAGE = 50;
const HIDE_REASONS: Record<Category, ReportCategory> = { recruiting: "spam", promise: "spam", personal: "privacy", abuse: "abuse" };

/** What waits for an operator, oldest first (the (heldAt) indexes find it). */
export async function heldQueue(ctx: Ctx) {
  const rows = await ctx.sql.read<HeldSql[]>(Prisma.sql`
    SELECT * FROM (
      SELECT 'post' AS "kind", p."id", b."stockCode", b."stockName", p."number", p."title", p."body", p."cleanbot", p."heldAt", u."nickname", u."id" AS "authorId"
      FROM "Post" p JOIN "Board" b ON b."id" = p."boardId" JOIN "User" u ON u."id" = p."authorId"
      WHERE p."heldAt" IS NOT NULL AND p."deletedAt" IS NULL
      ORDER BY p."heldAt" LIMIT ${HELD_PAGE}) a
    UNION ALL
    SELECT * FROM (
      SELECT 'comment' AS "kind", c."id", b."stockCode", b."stockName", p."number", p."title", c."body", c."cleanbot", c."heldAt", u."nickname", u."id" AS "authorId"
      FROM "Comment" c JOIN "Post" p ON p."id" = c."postId" JOIN "Board" b ON b."id" = p."boardId" JOIN "User" u ON u."id" = c."authorId"
      WHERE c."heldAt" IS NOT NULL AND c."deletedAt" IS NULL
      ORDER BY c."heldAt" LIMIT ${HELD_PAGE}) b
    ORDER BY "heldAt"`);
  const filter = await currentFilter(ctx);
  return rows.map((r) => {
    const text = r.kind === "post" ? `${r.title}\n${r.body}` : r.body;
    return {
      kind: r.kind,
      id: num(r.id),
      stockCode: r.stockCode,
      stockName: r.stockName,
      number: num(r.number),
      title: r.title,
      category: r.cleanbot as Category | null,
      // The 숨김 reason the form offers first, after what 클린봇 found.
      hideReason: HIDE_REASONS[(r.cleanbot as Category | null) ?? "promise"],
      heldAt: date(r.heldAt),
      nickname: r.nickname,
      authorId: num(r.authorId),
      // The text as the author wrote it, with what 클린봇 found marked for the operator.
      marked: markedHtml(text, filter.screen(text)),
    };
  });
}

const COUNT_DAYS = 7;

/** 클린봇's actions per KST day and category over the last week, newest day first. */
export async function dailyCounts(ctx: Ctx) {
  const now = ctx.clock();
  const since = new Date(now.getTime() - COUNT_DAYS * 86_400_000);
  const events = await eventsSince(readerOf(ctx.sql), since);
  const days = new Map<string, Map<Category, Record<Outcome, number>>>();
  for (let i = 0; i < COUNT_DAYS; i++) days.set(kstDay(new Date(now.getTime() - i * 86_400_000)), new Map());
  for (const e of events) {
    const day = days.get(kstDay(e.createdAt));
    if (!day) continue;
    const counts = day.get(e.category) ?? { refuse: 0, hold: 0, fold: 0 };
    counts[e.action]++;
    day.set(e.category, counts);
  }
  return [...days].map(([day, byCategory]) => ({ day, byCategory }));
}
