// 이의 신청 (appeals) of a jury blinding, as named constants and pure functions.

export const APPEAL_WINDOW_MS = 30 * 24 * 60 * 60 * 1000; // within 30 days of the blinding
export const APPEAL_REASON_MAX = 500; // graphemes, counted like comments
export const APPEAL_DECIDING_VOTES = 3; // the first side to reach three decides

export type AppealVoteValue = "restore" | "uphold";
export type AppealResult = "restored" | "upheld";

/** The decision the counts make, if any. */
export function appealDecision(counts: { restoreVotes: number; upholdVotes: number }): AppealResult | null {
  if (counts.restoreVotes >= APPEAL_DECIDING_VOTES) return "restored";
  if (counts.upholdVotes >= APPEAL_DECIDING_VOTES) return "upheld";
  return null;
}

export const APPEAL_RESULT_LABELS: Record<AppealResult, string> = { restored: "복원", upheld: "유지" };
