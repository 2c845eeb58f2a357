// zod fields for user text, counted in grapheme clusters (the same counter the browser uses).
// Control characters are refused: NUL cannot be stored in PostgreSQL, and the rest only
// serve to spoof or break layouts. Multi-line fields keep tab and line breaks. Text is
// stored trimmed and in Unicode NFC, so the same words typed on two keyboards are equal.
import { z } from "zod";
import { countGraphemes } from "./graphemes.ts";

const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const MULTI_LINE_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/;
// Bidirectional embeddings, overrides and isolates: `abc` + U+202E + `gnp.exe` shows as
// `abcexe.png` and swallows whatever follows it on the line (a title's [댓글] badge).
export const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/;
// Characters that show nothing: zero-width spaces and joiners, direction marks, the Hangul
// fillers (ㅤ, used for "blank" nicknames), the braille blank, variation selectors, tags.
// (The class lists combining marks on purpose: each is matched on its own.)
export const INVISIBLE =
  // eslint-disable-next-line no-misleading-character-class
  /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2060-\u2064\u206a-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\u{1d159}\u{1d173}-\u{1d17a}\u{e0000}-\u{e007f}]/gu;

export function hasInvisible(text: string): boolean {
  return text.replace(INVISIBLE, "") !== text;
}

/** Whether text shows anything once whitespace and invisible characters are gone. */
export function isBlank(text: string): boolean {
  return text.replace(INVISIBLE, "").trim() === "";
}

interface TextOptions {
  label: string; // Korean field name, e.g. 제목
  min: number;
  max: number;
  multiline?: boolean;
}

/** `을/를`, `은/는`: pick the particle that fits the last syllable of a Korean word. */
export function particle(word: string, withBatchim: string, without: string): string {
  const last = word.charCodeAt(word.length - 1);
  if (last < 0xac00 || last > 0xd7a3) return without;
  return (last - 0xac00) % 28 === 0 ? without : withBatchim;
}

export function textField({ label, min, max, multiline = false }: TextOptions) {
  const forbidden = multiline ? MULTI_LINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN;
  const eul = particle(label, "을", "를");
  const eun = particle(label, "은", "는");
  return z
    .string({ error: `${label}${eul} 올바르게 입력해 주세요.` })
    .superRefine((raw, ctx) => {
      if (forbidden.test(raw)) {
        ctx.addIssue({ code: "custom", message: `${label}에 사용할 수 없는 문자(제어 문자)가 들어 있습니다.` });
        return;
      }
      if (BIDI_CONTROLS.test(raw)) {
        ctx.addIssue({ code: "custom", message: `${label}에 글자 방향을 바꾸는 보이지 않는 문자가 들어 있습니다. 지우고 다시 입력해 주세요.` });
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
