// What each kind of 알림 says. Pure.
import { withJosa, type Pair } from "../../lib/particles.ts";
import { shownName } from "../../lib/withdrawn.ts";
export const NOTIFICATION_KINDS = ["comment", "reply", "blinded", "hidden", "report", "juror", "appeal", "votes_voided", "held_approved"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATIONS_PER_PAGE = 20;

export interface NotificationFacts {
  kind: NotificationKind;
  count: number;
  actorNickname: string | null;
  postTitle: string | null; // null when the post is not visible to everyone
  stockName: string | null;
  commentId: number | null;
  detail: string | null;
}

const quote = (title: string | null) => (title ? `「${title}」` : "");
// 내 글「…」이/가: the particle follows the title's last sound, or 글 when there is no title.
const myPost = (title: string | null, pair: Pair) => withJosa(`내 글${quote(title)}`, pair);

/** The line a notification shows. */
export function notificationText(n: NotificationFacts): string {
  switch (n.kind) {
    case "comment":
      return n.count > 1
        ? `내 글${quote(n.postTitle)}에 댓글 ${n.count}개가 달렸습니다.`
        : `${n.actorNickname ? shownName(n.actorNickname) : "누군가"}님이 내 글${quote(n.postTitle)}에 댓글을 남겼습니다.`;
    case "reply":
      return `${n.actorNickname ? shownName(n.actorNickname) : "누군가"}님이 내 댓글에 답글을 남겼습니다.`;
    case "blinded":
      return `${myPost(n.postTitle, "이/가")} 운영배심원 의견에 따라 블라인드 처리되었습니다.`;
    case "hidden":
      return `내 ${n.commentId ? "댓글" : "글"}이 운영정책에 따라 숨김 처리되었습니다${n.detail ? ` (사유: ${n.detail})` : ""}.`;
    case "report":
      return `내가 신고한 ${n.commentId ? "댓글" : "글"}이 처리되었습니다${n.detail ? `: ${n.detail}` : ""}.`;
    case "appeal":
      // detail: the decision's label (복원 or 유지).
      if (n.detail === "복원") return `${myPost(n.postTitle, "이/가")} 이의 신청으로 복원되었습니다.`;
      if (n.detail === "유지") return `내 글${quote(n.postTitle)}의 이의 신청이 받아들여지지 않아 블라인드 처리가 유지됩니다.`;
      return `내 글${quote(n.postTitle)}의 이의 신청이 결정되었습니다.`;
    case "juror":
      return `이번 달 ${n.stockName ?? ""} 게시판의 운영배심원으로 선정되었습니다.`;
    case "held_approved":
      return `클린봇이 보류한 내 ${n.commentId ? "댓글" : "글"}이 운영자 확인을 거쳐 공개되었습니다.`;
    case "votes_voided":
      return `내 추천/반대 ${n.count}개가 여러 계정이 함께 한 투표 조작으로 확인되어 무효 처리되었습니다.`;
  }
}
