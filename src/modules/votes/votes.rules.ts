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
