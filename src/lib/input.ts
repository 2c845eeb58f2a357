// zod fields for user text, counted in grapheme clusters (the same counter the browser uses).
// Control characters are refused: NUL cannot be stored in PostgreSQL, and the rest only
// serve to spoof or break layouts. Multi-line fields keep tab and line breaks.
import { z } from "zod";
import { countGraphemes } from "./graphemes.ts";

const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const MULTI_LINE_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/;

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
    .superRefine((value, ctx) => {
      if (forbidden.test(value)) {
        ctx.addIssue({ code: "custom", message: `${label}에 사용할 수 없는 문자(제어 문자)가 들어 있습니다.` });
        return;
      }
      const length = countGraphemes(value);
      if (value.trim() === "") {
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
    .transform((value) => (multiline ? value.replace(/\r\n?/g, "\n").trim() : value.trim()));
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
