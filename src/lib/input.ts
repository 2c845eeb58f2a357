// zod fields for user text, counted in grapheme clusters (the same counter the browser uses).
// Control characters are refused: NUL cannot be stored in PostgreSQL, and the rest only
// serve to spoof or break layouts. Multi-line fields keep tab and line breaks. Text is
// stored trimmed and in Unicode NFC, so the same words typed on two keyboards are equal.
//
// Every check that costs more than a glance at the length runs after two cheap bounds
// (docs/decisions/0009): at most CODE_UNITS_PER_GRAPHEME code units per allowed character,
// and at most MARKS_PER_GRAPHEME combining marks in a row. NFC normalization reorders a run
// of combining marks in quadratic time (`a` + 120,000 marks took 15–33 s); a bounded run
// makes it linear in the text.
import { josa } from "./particles.ts";
import { z } from "zod";
import { countGraphemes } from "./graphemes.ts";

/** A field of N characters takes at most 4N UTF-16 code units (and so at most 4N code points). */
export const CODE_UNITS_PER_GRAPHEME = 4;
/** Combining marks in a row (on one letter): Vietnamese needs two, Zalgo text needs dozens. */
export const MARKS_PER_GRAPHEME = 4;

const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const MULTI_LINE_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/;
// Bidirectional embeddings, overrides and isolates: `abc` + U+202E + `gnp.exe` shows as
// `abcexe.png` and swallows whatever follows it on the line (a title's [댓글] badge).
export const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/;
const MARK_RUN = new RegExp(`\\p{M}{${MARKS_PER_GRAPHEME + 1}}`, "u");

// What shows nothing: Unicode's Default_Ignorable_Code_Point property, from the engine's own
// Unicode data (zero-width spaces and joiners, direction marks, the Hangul fillers ㅤ used for
// "blank" nicknames, variation selectors 1–256, tags …), plus U+2800 BRAILLE PATTERN BLANK, a
// visible character whose glyph is empty. The one definition for inputs, nicknames, the flood
// normalizer, search and imports.
export const SHOWS_NOTHING = /[\p{Default_Ignorable_Code_Point}\u2800]/gu;

/** Whether text holds a character that shows nothing. */
export function hasInvisible(text: string): boolean {
  return text.replace(SHOWS_NOTHING, "") !== text;
}

/** The text without the characters that show nothing. */
export function withoutInvisible(text: string): string {
  return text.replace(SHOWS_NOTHING, "");
}

/** Whether text shows anything once whitespace and invisible characters are gone. */
export function isBlank(text: string): boolean {
  return withoutInvisible(text).trim() === "";
}

/** Why text cannot be shown as it is typed, or null: the checks every text field and import share. */
export type TextProblem = "too_long" | "ill_formed" | "control" | "bidi" | "marks";

/**
 * The shape checks, cheapest first; `maxGraphemes` bounds the code units before anything
 * reads the text character by character.
 */
export function textProblem(raw: string, maxGraphemes: number, multiline = false): TextProblem | null {
  if (raw.length > maxGraphemes * CODE_UNITS_PER_GRAPHEME) return "too_long";
  // A lone surrogate cannot be stored as UTF-8: it would come back as U+FFFD.
  if (!raw.isWellFormed()) return "ill_formed";
  if ((multiline ? MULTI_LINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN).test(raw)) return "control";
  if (BIDI_CONTROLS.test(raw)) return "bidi";
  if (MARK_RUN.test(raw)) return "marks";
  return null;
}

/** The Korean message for a problem with a field named `label` (제목, 닉네임 …). */
export function textProblemMessage(problem: TextProblem, label: string, maxGraphemes: number): string {
  const eun = josa(label, "은/는");
  switch (problem) {
    case "too_long":
      return `${label}${eun} ${maxGraphemes.toLocaleString("ko-KR")}자 이내로 입력해 주세요.`;
    case "ill_formed":
      return `${label}에 깨진 문자(짝이 맞지 않는 서로게이트)가 들어 있습니다. 지우고 다시 입력해 주세요.`;
    case "control":
      return `${label}에 사용할 수 없는 문자(제어 문자)가 들어 있습니다.`;
    case "bidi":
      return `${label}에 글자 방향을 바꾸는 보이지 않는 문자가 들어 있습니다. 지우고 다시 입력해 주세요.`;
    case "marks":
      return `${label}에 한 글자에 붙은 결합 문자(악센트 등)가 너무 많습니다. 한 글자에 ${MARKS_PER_GRAPHEME}개까지 쓸 수 있습니다.`;
  }
}

interface TextOptions {
  label: string; // Korean field name, e.g. 제목
  min: number;
  max: number;
  multiline?: boolean;
}

export function textField({ label, min, max, multiline = false }: TextOptions) {
  const eul = josa(label, "을/를");
  const eun = josa(label, "은/는");
  return z
    .string({ error: `${label}${eul} 올바르게 입력해 주세요.` })
    .superRefine((raw, ctx) => {
      const problem = textProblem(raw, max, multiline);
      if (problem) {
        ctx.addIssue({ code: "custom", message: textProblemMessage(problem, label, max) });
        return;
      }
      // Limits apply to what is stored: the trimmed text.
      const value = tidy(raw, multiline);
      const length = countGraphemes(value);
      if (isBlank(value)) {
        ctx.addIssue({ code: "custom", message: `${label}${eul} 입력해 주세요.` });
      } else if (length < min) {
        ctx.addIssue({ code: "custom", message: `${label}${eun} ${min}자 이상 입력해 주세요.` });
      } else if (length > max) {
        ctx.addIssue({
          code: "custom",
          message: `${label}${eun} ${max.toLocaleString("ko-KR")}자 이내로 입력해 주세요. (현재 ${length.toLocaleString("ko-KR")}자)`,
        });
      }
    })
    .transform((raw) => tidy(raw, multiline).normalize("NFC"));
}

function tidy(raw: string, multiline: boolean): string {
  return (multiline ? raw.replace(/\r\n?/g, "\n") : raw).trim();
}

/** What the user typed, for re-rendering a refused form: strings only, never arrays. */
export function typedValues<K extends string>(body: unknown, keys: readonly K[]): Record<K, string> {
  const source = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const out = {} as Record<K, string>;
  for (const key of keys) {
    const value = Object.hasOwn(source, key) ? source[key] : undefined;
    out[key] = typeof value === "string" ? value : "";
  }
  return out;
}
