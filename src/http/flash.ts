// A one-time message for the next page ("글을 수정했습니다."), kept in the session until shown.
// After signing out there is no session to keep it in: a short-lived cookie names one of a
// few fixed notices instead (never text from the request), and the next page takes it.
import type { Request, Response } from "express";

export function flash(req: Request, kind: "ok" | "error", message: string): void {
  req.session.flash = { kind, message };
}

const NOTICE_COOKIE = "jongto.notice";
const NOTICES = { "signed-out": "로그아웃했습니다.", "password-reset": "비밀번호를 새로 정했습니다. 모든 기기에서 로그아웃되었으니 새 비밀번호로 로그인해 주세요.", withdrawn: "회원탈퇴가 끝났습니다. 개인정보는 모두 지웠고, 쓴 글과 댓글은 '탈퇴한 회원'으로 남습니다." } as const;
type Notice = keyof typeof NOTICES;

export function noticeForNextPage(res: Response, notice: Notice): void {
  res.cookie(NOTICE_COOKIE, notice, { httpOnly: true, sameSite: "lax", maxAge: 60_000, path: "/" });
}

/** The pending notice, if any, cleared as it is taken (a response that sets a cookie is never cached). */
export function takeNotice(req: Request, res: Response): { kind: "ok"; message: string } | null {
  const cookie = req.headers.cookie;
  if (!cookie?.includes(NOTICE_COOKIE)) return null;
  const value = /(?:^|;\s*)jongto\.notice=([a-z-]+)/.exec(cookie)?.[1];
  res.clearCookie(NOTICE_COOKIE, { path: "/" });
  return value && Object.hasOwn(NOTICES, value) ? { kind: "ok", message: NOTICES[value as Notice] } : null;
}
