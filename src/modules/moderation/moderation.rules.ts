// The rules of 신고 and operator actions, as named constants and pure functions.
import { PERMANENT_UNTIL } from "../accounts/suspension.rules.ts";

/** Report categories (also the public reason categories of hiding and suspension), in display order. */
export const REPORT_CATEGORIES = {
  spam: "스팸·광고(리딩방)",
  abuse: "욕설·비방",
  illegal: "음란·불법",
  privacy: "개인정보 노출",
  manipulation: "허위사실·시세조종",
  other: "기타",
} as const;
export type ReportCategory = keyof typeof REPORT_CATEGORIES;
export const REPORT_CATEGORY_KEYS = Object.keys(REPORT_CATEGORIES) as [ReportCategory, ...ReportCategory[]];

export const REPORT_REASON_MAX = 200; // graphemes, counted like comments
export const REPORTS_PER_DAY = 20; // per user per KST day: enough for a reader, not for a campaign
/** Posts with at least this many open reports are listed for the board's jurors. */
export const FLAGGED_FOR_JURY = 3;

/** 이용 제한 terms an operator chooses from, in days; "permanent" has no end. */
export const SUSPENSION_TERMS = ["1", "7", "30", "permanent"] as const;
export type SuspensionTerm = (typeof SUSPENSION_TERMS)[number];
export function suspensionEnd(term: SuspensionTerm, now: Date): Date {
  return term === "permanent" ? PERMANENT_UNTIL : new Date(now.getTime() + Number(term) * 24 * 60 * 60 * 1000);
}

export const ROLES = ["member", "operator"] as const;
export type Role = (typeof ROLES)[number];

export type TargetKind = "post" | "comment";
export const targetKey = (kind: TargetKind, id: number) => `${kind}:${id}`;

export function categoryLabel(category: string | null | undefined): string {
  return (category && REPORT_CATEGORIES[category as ReportCategory]) || "기타";
}
