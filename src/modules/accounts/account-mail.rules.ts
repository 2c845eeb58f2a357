// The links mailed to a member and the mails' words (docs/product.md §5). Pure: the services
// make the tokens and send the mails.
import { formatKst } from "../../lib/kst-time.ts";

export const VERIFY_EMAIL_HOURS = 24; // the issue's rule: a verification link lasts a day
export const RESET_PASSWORD_MINUTES = 60; // a reset link lasts an hour
export const EMAIL_MAX = 254; // RFC 5321's limit on a forward path

export type TokenPurpose = "verify-email" | "reset-password";

export function tokenLifetimeMs(purpose: TokenPurpose): number {
  return purpose === "verify-email" ? VERIFY_EMAIL_HOURS * 3_600_000 : RESET_PASSWORD_MINUTES * 60_000;
}

/** One address, one spelling: the domain's case never matters, and people type it both ways. */
export function normalizeEmail(email: string): string {
  const at = email.lastIndexOf("@");
  return `${email.slice(0, at)}@${email.slice(at + 1).toLowerCase()}`;
}

/** `ab***@example.com`: enough for the owner to recognise, not enough for anyone else. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  const local = email.slice(0, at);
  return `${local.slice(0, Math.min(2, local.length))}${"*".repeat(Math.max(1, local.length - 2))}${email.slice(at)}`;
}

const FOOTER = "\n\n본인이 요청하지 않았다면 이 메일은 무시해 주세요. 문의할 곳이 없는 발신 전용 메일입니다.\n— jongto 종목토론실";

export function verifyEmailMail(nickname: string, link: string) {
  return {
    subject: "[jongto] 이메일 주소를 확인해 주세요",
    text: `${nickname}님, 아래 링크를 열면 이 주소가 계정의 이메일로 등록됩니다.\n\n${link}\n\n링크는 ${VERIFY_EMAIL_HOURS}시간 동안 한 번만 쓸 수 있습니다.${FOOTER}`,
  };
}

export function loginIdsMail(loginIds: string[]) {
  return {
    subject: "[jongto] 아이디 찾기 결과",
    text: `이 주소로 확인된 아이디입니다.\n\n${loginIds.map((id) => `- ${id}`).join("\n")}\n\n비밀번호가 생각나지 않으면 로그인 화면의 '비밀번호 재설정'을 이용해 주세요.${FOOTER}`,
  };
}

export function resetPasswordMail(loginId: string, link: string) {
  return {
    subject: "[jongto] 비밀번호 재설정 링크",
    text: `아이디 ${loginId}의 비밀번호를 새로 정하려면 아래 링크를 여세요.\n\n${link}\n\n링크는 ${RESET_PASSWORD_MINUTES}분 동안 한 번만 쓸 수 있습니다. 비밀번호를 바꾸면 모든 기기에서 로그아웃됩니다.${FOOTER}`,
  };
}

export function passwordChangedMail(loginId: string, at: Date) {
  return {
    subject: "[jongto] 비밀번호가 바뀌었습니다",
    text: `아이디 ${loginId}의 비밀번호가 ${formatKst(at)}에 바뀌었습니다.\n\n본인이 바꾼 것이 아니라면 바로 '비밀번호 재설정'으로 비밀번호를 새로 정하고, 계정 보안에서 2단계 인증을 켜 주세요.\n— jongto 종목토론실`,
  };
}
