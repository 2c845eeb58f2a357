// Who may do what with a post, decided once: the services refuse with these answers inside
// their transactions (on the row as it is then), and the post page offers only what they
// would accept (on the row as it was read). Pure: the post's state, the viewer and the board
// in, an answer out. It lives in src/domain because every module that acts on posts — down to
// moderation's 신고 — asks it.

/**
 * The same text from the same writer in the same place within this window is one submission
 * sent twice — a double click on 등록, a form sent again after a slow answer — and is answered
 * with what the first one made instead of a second copy or a refusal.
 */
export const SAME_SUBMISSION_MS = 2 * 60 * 1000;

/** What a post's state is made of, as far as the rules care. */
export interface PolicyPost {
  authorId: number;
  deletedAt: Date | null;
  blindedAt: Date | null;
  hiddenAt: Date | null;
  // 클린봇 held it for an operator: only its author and the operators see it (absent: not held).
  heldAt?: Date | null;
}

/** Who is asking: nobody (a visitor), or a member, an operator, a juror of this month's panel. */
export type PolicyViewer = {
  id: number;
  operator?: boolean;
  juror?: boolean;
  hearsAppeal?: boolean;
  /** A new account's wait before it may vote (src/modules/accounts/new-account.rules.ts), shown on the buttons. */
  voteWait?: string | null;
} | null;

export type PostAction = "vote" | "comment" | "report" | "edit" | "opinion" | "moderate" | "hide";

/** A refusal: `gone` is answered as a missing post (404), `forbidden` with its message (403). */
export interface PostRefusal {
  kind: "gone" | "forbidden";
  message: string;
}

// An operator's hiding, worded the same for every reaction it stops.
export const HIDDEN_POST = "운영정책에 따라 숨김 처리된 글입니다.";
// 클린봇's hold, the same: nobody but its author knows the post yet.
export const HELD_POST = "클린봇이 보류해 운영자가 확인 중인 글입니다.";

const forbidden = (message: string): PostRefusal => ({ kind: "forbidden", message });
const GONE: PostRefusal = { kind: "gone", message: "없는 글입니다." };

// Each action's words for each state that stops it.
const WORDS = {
  vote: { deleted: "삭제된 글에는 추천/반대할 수 없습니다.", blinded: "블라인드 처리된 글에는 추천/반대할 수 없습니다.", hidden: HIDDEN_POST, own: "내가 쓴 글에는 추천/반대할 수 없습니다." },
  opinion: { deleted: "삭제된 글에는 의견을 낼 수 없습니다.", blinded: "이미 블라인드 처리된 글입니다.", hidden: HIDDEN_POST, own: "내가 쓴 글에는 글 내리기 의견을 낼 수 없습니다." },
  comment: { deleted: "삭제된 글에는 댓글을 쓸 수 없습니다.", blinded: "블라인드 처리된 글에는 댓글을 쓸 수 없습니다.", hidden: "숨김 처리된 글에는 댓글을 쓸 수 없습니다." },
  report: { deleted: "삭제된 글은 신고할 수 없습니다.", blinded: "블라인드 처리된 글은 신고할 수 없습니다.", hidden: "이미 숨김 처리된 글입니다.", own: "내가 쓴 글은 신고할 수 없습니다." },
  edit: { own: "내가 쓴 글만 수정하거나 삭제할 수 있습니다.", blinded: "블라인드 처리된 글은 수정하거나 삭제할 수 없습니다.", hidden: "숨김 처리된 글은 수정하거나 삭제할 수 없습니다." },
} as const;

/**
 * Why `viewer` may not take `action` on `post`, or null when they may. A visitor (null) is
 * never refused here for being a visitor: signing in is the sign-in guard's business, and the
 * page offers a visitor what a member could do.
 */
export function postRefusal(action: PostAction, post: PolicyPost, viewer: PolicyViewer): PostRefusal | null {
  const own = viewer !== null && viewer.id === post.authorId;
  switch (action) {
    case "vote":
    case "opinion":
    case "report": {
      const words = WORDS[action];
      if (action === "report" && own) return forbidden(words.own); // one's own, in whatever state
      if (post.deletedAt) return forbidden(words.deleted);
      if (post.blindedAt) return forbidden(words.blinded);
      if (post.hiddenAt) return forbidden(words.hidden);
      if (post.heldAt) return forbidden(HELD_POST);
      if (own) return forbidden(words.own);
      if (action === "opinion" && viewer !== null && viewer.juror === false) return forbidden("이번 달 이 게시판의 운영배심원만 글 내리기 의견을 낼 수 있습니다.");
      return null;
    }
    case "comment": {
      // A blinded or hidden post keeps the comments it has, readable, and takes no new ones
      // (its text may have promised "링크는 댓글로 드립니다").
      const words = WORDS.comment;
      if (post.deletedAt) return forbidden(words.deleted);
      if (post.blindedAt) return forbidden(words.blinded);
      if (post.hiddenAt) return forbidden(words.hidden);
      if (post.heldAt) return forbidden(HELD_POST);
      return null;
    }
    case "edit": {
      // Editing and deleting: the author's own post while it is public.
      if (post.deletedAt) return GONE;
      if (!own) return forbidden(WORDS.edit.own);
      if (post.blindedAt) return forbidden(WORDS.edit.blinded);
      if (post.hiddenAt) return forbidden(WORDS.edit.hidden);
      return null;
    }
    case "moderate":
    case "hide": {
      // No operator judges their own writing; a deleted post has nothing left to act on, and
      // one already hidden or blinded is not hidden again.
      if (!viewer?.operator) return forbidden("운영자만 할 수 있습니다.");
      if (own) return forbidden("내가 쓴 글은 다른 운영자가 처리합니다.");
      if (post.deletedAt) return GONE;
      if (action === "hide" && (post.hiddenAt || post.blindedAt)) return forbidden("이미 숨김 또는 블라인드 처리된 글입니다.");
      return null;
    }
  }
}

/** What the viewer is shown of the post: its text, or only the notice of why not. */
export function postShown(post: PolicyPost, viewer: PolicyViewer): "text" | "deleted" | "blinded" | "hidden" | "held" {
  const own = viewer !== null && viewer.id === post.authorId;
  if (post.deletedAt) return "deleted";
  // Blinded: its author, and the jurors hearing its appeal, still read it.
  if (post.blindedAt && !own && !viewer?.hearsAppeal) return "blinded";
  // Hidden: its author and the operators still read it.
  if (post.hiddenAt && !own && !viewer?.operator) return "hidden";
  // Held: its author and the operators read it; to everyone else it is not there yet.
  if (post.heldAt && !own && !viewer?.operator) return "held";
  return "text";
}

const DELISTED_VOTE = "상장폐지된 종목에는 추천/반대할 수 없습니다.";

/** Everything the post page offers the viewer, from the same answers the services give. */
export function postOffers(post: PolicyPost, viewer: PolicyViewer, board: { delistedAt: Date | null }) {
  const may = (action: PostAction) => postRefusal(action, post, viewer) === null;
  return {
    shown: postShown(post, viewer),
    /** The 추천/반대 box is shown on a public post; its buttons say why when they are off. */
    votes: !post.deletedAt && !post.blindedAt && !post.hiddenAt && !post.heldAt,
    voteRefusal: postRefusal("vote", post, viewer)?.message ?? (board.delistedAt ? DELISTED_VOTE : null) ?? viewer?.voteWait ?? null,
    /** Said beside the buttons, not only on them: a new member would otherwise not know why they are off. */
    voteNotice: postRefusal("vote", post, viewer) || board.delistedAt ? null : (viewer?.voteWait ?? null),
    /** The post takes comments and replies (a visitor is offered them too, through sign-in). */
    takesComments: postRefusal("comment", post, null) === null,
    comment: viewer !== null && may("comment"),
    report: may("report"),
    edit: viewer !== null && may("edit"),
    opinion: viewer !== null && !!viewer.juror && may("opinion"),
    moderate: may("moderate"),
    hide: may("hide"),
  };
}
