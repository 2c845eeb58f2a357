// 클린봇 at the door: every text a person sends is screened before anything is written
// (docs/product.md §13). A refusal says what was found and marks it in the text as typed; a
// hold or a fold is returned for the writing service to store with the text, in its own
// transaction. The filter is compiled once per rule set and per process, and rebuilt when
// the rules' version changes, so an operator's change applies at the next text on every
// instance.
import type { Ctx } from "../../context.ts";
import { ValidationError } from "../../domain/errors.ts";
import { readerOf } from "../../db/sql.ts";
import { josa } from "../../lib/particles.ts";
import {
  builtinRules,
  CATEGORY_LABELS,
  Filter,
  markedHtml,
  outcomeOf,
  refusalMessage,
  type Category,
  type Finding,
  type Outcome,
} from "./cleanbot.rules.ts";
import { activeRules, recordCleanbotEvent, ruleSetVersion } from "./rules.queries.ts";

/** A text refused, with each field's message and its text as HTML with the findings marked. */
export class CleanbotRefusal extends ValidationError {
  constructor(
    message: string,
    fieldErrors: Record<string, string>,
    readonly marked: Record<string, string>,
  ) {
    super(message, fieldErrors);
  }
}

const compiled = new WeakMap<object, { version: number; filter: Filter }>();

/** The filter of the rules in force (the built-in words and the operators' rules). */
export async function currentFilter(ctx: Pick<Ctx, "sql">): Promise<Filter> {
  const reader = readerOf(ctx.sql);
  const version = await ruleSetVersion(reader);
  const cached = compiled.get(ctx.sql);
  if (cached && cached.version === version) return cached.filter;
  const filter = new Filter([...builtinRules(), ...(await activeRules(reader))]);
  compiled.set(ctx.sql, { version, filter });
  return filter;
}

export interface Field {
  name: string; // the form field (title, body …)
  label: string; // its Korean name (제목, 내용 …)
  text: string;
  // A title is shown in every list, where nothing can be folded: what would fold it refuses it.
  foldable?: boolean;
}

/**
 * How strict a place is: posts and comments take every action; a report's or an appeal's
 * reason is read by operators and jurors, who may see the abuse it quotes, so only refusals
 * apply; a nickname is shown on everything its owner writes, so anything found refuses it.
 */
export type Place = { target: "post" | "comment" } | { target: "reason" } | { target: "nickname" };

export interface Verdict {
  outcome: Exclude<Outcome, "refuse"> | null;
  category: Category | null; // the category of the hold or fold
}

/** Screens the fields; throws a CleanbotRefusal, or returns the hold or fold to store. */
export async function screen(ctx: Pick<Ctx, "sql" | "clock">, place: Place, fields: Field[]): Promise<Verdict> {
  const filter = await currentFilter(ctx);
  const errors: Record<string, string> = {};
  const marked: Record<string, string> = {};
  let refusedCategory: Category | null = null;
  const all: Finding[] = [];
  for (const field of fields) {
    const found = filter.screen(field.text).map((f): Finding => {
      if (place.target === "nickname") return { ...f, action: "refuse" };
      if (place.target === "reason") return f;
      return f.action === "fold" && field.foldable === false ? { ...f, action: "refuse" } : f;
    });
    const refused = found.filter((f) => f.action === "refuse");
    all.push(...found.filter((f) => f.action !== "refuse"));
    if (refused.length === 0) continue;
    refusedCategory ??= refused[0]!.category;
    errors[field.name] = refusalMessage(field.text, refused, field.label) + titleNote(field, refused);
    marked[field.name] = markedHtml(field.text, refused);
  }
  if (refusedCategory) {
    await ctx.sql.transaction((t) => recordCleanbotEvent(t, ctx.clock(), { category: refusedCategory, action: "refuse", target: place.target }));
    throw new CleanbotRefusal(Object.values(errors).join(" "), errors, marked);
  }
  if (place.target === "reason" || place.target === "nickname") return { outcome: null, category: null };
  const outcome = outcomeOf(all) as Verdict["outcome"];
  return { outcome, category: outcome ? all.find((f) => f.action === outcome)!.category : null };
}

function titleNote(field: Field, refused: Finding[]): string {
  if (field.foldable !== false || !refused.some((f) => f.category === "abuse")) return "";
  return ` ${field.label}${josa(field.label, "은/는")} 목록에 그대로 보이므로 가려서 올릴 수 없습니다.`;
}

/** What the author is told when their text is held (the flash after posting, the notice on the page). */
export function heldNotice(category: Category, what: "글" | "댓글" | "답글"): string {
  return `클린봇이 ${CATEGORY_LABELS[category]}로 보이는 표현을 찾아 운영자가 확인한 뒤 공개합니다. 그때까지 이 ${what}은 나와 운영자만 볼 수 있습니다.`;
}
