// A withdrawn member (회원탈퇴) keeps a row, so their posts, comments and votes keep an author,
// but its login id and nickname become placeholders no form can produce ('#' is refused by
// both fields), unique per row. Everything that shows a name asks here.
export const WITHDRAWN_NAME = "탈퇴한 회원";

export function withdrawnNickname(userId: number): string {
  return `${WITHDRAWN_NAME}#${userId}`;
}

export function withdrawnLoginId(userId: number): string {
  return `#${userId}`;
}

export function isWithdrawnNickname(nickname: string): boolean {
  return nickname.startsWith(`${WITHDRAWN_NAME}#`);
}

/** The name to show: 탈퇴한 회원 for every withdrawn member. */
export function shownName(nickname: string): string {
  return isWithdrawnNickname(nickname) ? WITHDRAWN_NAME : nickname;
}
