// A one-time message for the next page ("글을 수정했습니다."), kept in the session until shown.
// After signing out there is no session to keep it in: a short-lived cookie names one of a
// few fixed notices instead (never text from the request), and the next page takes it.
import type { Request, Response } from "express";

export function flash(req: Request, kind: "ok" | "error", message: string): void {
  req.session.flash = { kind, message };
}

const NOTICE_COOKIE = "jongto.notice";
const NOTICES = { "signed-out": "로그아웃했습니다." } as const;
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
