// The vote transition table (docs/product.md §3): pressing a button with no vote casts it,
// pressing the other button switches, pressing the same one again withdraws.
export type VoteValue = "UP" | "DOWN";

export interface VoteChange {
  next: VoteValue | null;
  up: number; // change to 추천
  down: number; // change to 반대
}

export function voteTransition(current: VoteValue | null, pressed: VoteValue): VoteChange {
  const next = current === pressed ? null : pressed;
  const delta = (v: VoteValue | null, which: VoteValue) => (v === which ? 1 : 0);
  return {
    next,
    up: delta(next, "UP") - delta(current, "UP"),
    down: delta(next, "DOWN") - delta(current, "DOWN"),
  };
}

// One person, one voice (docs/product.md §3): a member's 추천 and 반대 to one author's posts per
// KST day, and a member's votes per minute, are capped (ctx.trust). Refusals say when voting
// opens again.
const OBJECT: Record<VoteValue, string> = { UP: "추천을", DOWN: "반대를" }; // the particle follows the last syllable

export function perAuthorCapMessage(value: VoteValue, cap: number, reopensAt: string): string {
  return `한 회원의 글에는 하루에 ${OBJECT[value]} ${cap}번까지 할 수 있습니다. ${reopensAt}부터 다시 할 수 있습니다.`;
}

export function perMinuteCapMessage(cap: number, seconds: number): string {
  return `추천/반대는 1분에 ${cap}번까지 할 수 있습니다. ${seconds}초 후에 다시 할 수 있습니다.`;
}
