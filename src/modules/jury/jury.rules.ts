// The jury's rules, pure and in one place (docs/product.md §4). The jury page shows the same text.
//
// 게시판 활동 내용에 따라 매월 새롭게 선정되는 운영배심원(10인 이하)이 의견을 행사할 수 있습니다.
// 운영배심원 4인이 글 내리기에 의견을 행사하게 되면 해당 글의 추천수와 반대수를 비교하여 반대수가
// 추천수를 넘어서는 경우에는 해당 글이 블라인드 처리 됩니다.   — the seed page

import { sharesSignal } from "../integrity/integrity.rules.ts";

export const JURY_SIZE = 10; // seed page: 운영배심원(10인 이하)
export const JURY_QUORUM = 4; // seed page: 운영배심원 4인이 글 내리기에 의견을 행사하게 되면

export interface PostStanding {
  opinionCount: number;
  upCount: number;
  downCount: number;
  blinded: boolean;
}

/** Blind when at least four jurors have spoken and 반대 is strictly more than 추천. */
export function shouldBlind(post: PostStanding): boolean {
  return !post.blinded && post.opinionCount >= JURY_QUORUM && post.downCount > post.upCount;
}

/**
 * The activity score of one user on one board over the month before the panel's month:
 *   score = posts written + comments written + 추천 received
 * counting live (not deleted) posts and comments written that month on the board, and 추천
 * votes cast that month on the user's posts on the board.
 */
export interface Activity {
  userId: number;
  nickname: string;
  createdAt: Date; // sign-up time
  canSignIn: boolean;
  posts: number;
  comments: number;
  upsReceived: number;
  hadPostBlinded: boolean; // any post of theirs blinded during the activity month
}

export interface RankedJuror extends Activity {
  rank: number;
  score: number;
}

export const SCORE_FORMULA = "점수 = 작성한 글 수 + 작성한 댓글 수 + 받은 추천 수";
export const ELIGIBILITY_RULES = [
  "선정 대상 기간: 선정하는 달의 바로 전 달(한국 시간 기준) 동안 이 게시판에서의 활동",
  "그 달이 시작되기 전에 가입한 회원만 선정됩니다.",
  "그 달에 이 게시판에서 운영배심원 의견으로 블라인드 처리된 글이 있는 회원은 제외됩니다. (다른 게시판의 블라인드는 이 게시판의 선정에 영향을 주지 않습니다.)",
  "점수가 0인 회원, 로그인할 수 없는 계정과 선정 시각에 이용 제한 중인 회원은 제외됩니다.",
  "점수가 같으면 먼저 가입한 회원, 그다음 회원 번호가 작은 회원이 앞섭니다.",
  "그 달이나 선정하는 달에 운영자가 추천/반대 조작(투표 조작 사례)으로 확인한 계정은 제외됩니다.",
  "같은 네트워크나 같은 브라우저에서 쓰인 계정은 한 배심원단에 한 명만 선정됩니다(점수가 높은 회원이 앞섭니다).",
  `점수 순으로 최대 ${JURY_SIZE}명을 뽑으며, 한 번 뽑힌 달의 배심원은 바뀌지 않습니다.`,
];

export function isEligible(a: Activity, activityMonthStart: Date): boolean {
  return a.canSignIn && !a.hadPostBlinded && a.createdAt < activityMonthStart && score(a) > 0;
}

export function score(a: Pick<Activity, "posts" | "comments" | "upsReceived">): number {
  return a.posts + a.comments + a.upsReceived;
}

/** Who is a person on their own (docs/product.md §4): accounts of confirmed rings, and each account's signals. */
export interface People {
  inRing: Set<number>;
  signalsOf: Map<number, Set<string>>;
}

const NOBODY: People = { inRing: new Set(), signalsOf: new Map() };

/**
 * At most ten eligible users by score; ties by earlier sign-up, then lower id. Walking down
 * the ranking, an account that shares a network or browser signal with one already seated is
 * passed over: one person, one seat.
 */
export function selectPanel(candidates: Activity[], activityMonthStart: Date, people: People = NOBODY): RankedJuror[] {
  const ranked = candidates
    .filter((a) => isEligible(a, activityMonthStart) && !people.inRing.has(a.userId))
    .map((a) => ({ ...a, score: score(a) }))
    .sort((x, y) => y.score - x.score || x.createdAt.getTime() - y.createdAt.getTime() || x.userId - y.userId);
  const seated: typeof ranked = [];
  for (const a of ranked) {
    if (seated.length === JURY_SIZE) break;
    if (!sharesSignal(seated.map((s) => s.userId), a.userId, people.signalsOf)) seated.push(a);
  }
  return seated.map((a, i) => ({ ...a, rank: i + 1 }));
}
