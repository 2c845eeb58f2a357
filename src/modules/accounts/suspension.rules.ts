// 이용 제한 (suspension) as the account sees it: the stored end date and how it is worded.
import { formatKst } from "../../lib/kst-time.ts";

// 영구 is stored as an end date no one will reach, so "is this account suspended?" is one
// comparison wherever it is asked (sign-in, every write, the jury panel).
export const PERMANENT_UNTIL = new Date("9999-12-31T00:00:00Z");

export const isPermanent = (until: Date) => until.getTime() >= PERMANENT_UNTIL.getTime();

export function suspensionPeriod(until: Date): string {
  return isPermanent(until) ? "영구" : `${formatKst(until)}까지`;
}

/** The refusal a suspended account sees, with the end date and the reason category. */
export function suspendedMessage(until: Date, reason: string | null): string {
  return `운영정책 위반으로 이용이 제한된 계정입니다. 제한 기간: ${suspensionPeriod(until)} · 사유: ${reason ?? "기타"}`;
}
