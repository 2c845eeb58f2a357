// The vote transition table (docs/product.md §3): pressing a button with no vote casts it,
// pressing the other button switches, pressing the same one again withdraws.
import { withJosa } from "../../lib/particles.ts";

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
// A comment's 공감/비공감 keeps the same rules, in its own words, counted on its own rows.
export type VoteTarget = "post" | "comment";
const WORDS = {
  post: { UP: "추천", DOWN: "반대", both: "추천/반대", what: "글" },
  comment: { UP: "공감", DOWN: "비공감", both: "공감/비공감", what: "댓글" },
} as const;

export function perAuthorCapMessage(value: VoteValue, cap: number, reopensAt: string, target: VoteTarget = "post"): string {
  const w = WORDS[target];
  return `한 회원의 ${w.what}에는 하루에 ${withJosa(w[value], "을/를")} ${cap}번까지 할 수 있습니다. ${reopensAt}부터 다시 할 수 있습니다.`;
}

export function perMinuteCapMessage(cap: number, seconds: number, target: VoteTarget = "post"): string {
  return `${withJosa(WORDS[target].both, "은/는")} 1분에 ${cap}번까지 할 수 있습니다. ${seconds}초 후에 다시 할 수 있습니다.`;
}

/** What a comment's state and its post's are made of, as far as a vote on it cares. */
export interface VotedComment {
  authorId: number;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  heldAt: Date | null;
  post: { deletedAt: Date | null; blindedAt: Date | null; hiddenAt: Date | null; heldAt: Date | null };
}

/**
 * Why `voterId` may not give the comment 공감/비공감, or null: the post must be public (not
 * deleted, blinded, hidden or held: its comments are kept, not weighed), the comment too, and
 * not the voter's own.
 */
export function commentVoteRefusal(comment: VotedComment, voterId: number): string | null {
  const { post } = comment;
  if (post.deletedAt) return "삭제된 글의 댓글에는 공감/비공감할 수 없습니다.";
  if (post.blindedAt) return "블라인드 처리된 글의 댓글에는 공감/비공감할 수 없습니다.";
  if (post.hiddenAt) return "숨김 처리된 글의 댓글에는 공감/비공감할 수 없습니다.";
  if (post.heldAt) return "클린봇이 보류해 운영자가 확인 중인 글입니다.";
  if (comment.deletedAt) return "삭제된 댓글에는 공감/비공감할 수 없습니다.";
  if (comment.hiddenAt) return "숨김 처리된 댓글에는 공감/비공감할 수 없습니다.";
  if (comment.heldAt) return "클린봇이 보류해 운영자가 확인 중인 댓글입니다.";
  if (comment.authorId === voterId) return "내가 쓴 댓글에는 공감/비공감할 수 없습니다.";
  return null;
}
