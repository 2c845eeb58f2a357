// CSRF protection for every state-changing request: a synchronizer token (csrf-sync, kept in
// the session) and, when the browser sends one, an Origin that must be our own.
import type { Request, RequestHandler } from "express";
import { csrfSync } from "csrf-sync";
import { ForbiddenError } from "./errors.ts";

const csrf = csrfSync({
  getTokenFromRequest: (req) => {
    const fromBody: unknown = (req.body as Record<string, unknown> | undefined)?._csrf;
    if (typeof fromBody === "string") return fromBody;
    const header = req.get("x-csrf-token");
    return typeof header === "string" ? header : undefined;
  },
});

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const EXPIRED = "보안 확인이 만료되었습니다. 페이지를 새로 고친 뒤 다시 시도해 주세요.";

/** The token for a form; creating one starts a session, so call it only where a form is. */
export function csrfToken(req: Request): string {
  return csrf.generateToken(req);
}

function sameOrigin(req: Request): boolean {
  const origin = req.get("origin");
  if (origin === undefined) return true; // non-browser clients; the token still decides
  if (origin === "null") return false;
  try {
    return new URL(origin).host === req.get("host");
  } catch {
    return false;
  }
}

export const csrfProtection: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  if (!sameOrigin(req)) return next(new ForbiddenError("다른 사이트에서 보낸 요청은 처리할 수 없습니다."));
  if (!req.session || !csrf.isRequestValid(req)) return next(new ForbiddenError(EXPIRED));
  next();
};

/** Signed-in pages carry the token for the header's 로그아웃 form and in-page actions. */
export const csrfLocals: RequestHandler = (req, res, next) => {
  if (req.session?.user) res.locals.csrfToken = csrfToken(req);
  next();
};
