// CSRF protection for every state-changing request, and an Origin that must be our own when
// the browser sends one. Two token kinds, each where it fits (docs/decisions/0026):
// - signed in: a synchronizer token kept in the session (csrf-sync), which exists anyway;
// - the anonymous forms (sign-in, sign-up): a signed double-submit cookie (csrf-csrf), so
//   showing a form to a visitor stores nothing (no session row per GET).
import type { Request, RequestHandler } from "express";
import cookieParser from "cookie-parser";
import { csrfSync } from "csrf-sync";
import { doubleCsrf } from "csrf-csrf";
import { ForbiddenError } from "../domain/errors.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const EXPIRED = "보안 확인이 만료되었습니다. 페이지를 새로 고친 뒤 다시 시도해 주세요.";
const FOREIGN = "다른 사이트에서 보낸 요청은 처리할 수 없습니다.";
export const ANONYMOUS_CSRF_COOKIE = "jongto.csrf";

function tokenFromRequest(req: Request): string | undefined {
  const fromBody: unknown = (req.body as Record<string, unknown> | undefined)?._csrf;
  if (typeof fromBody === "string") return fromBody;
  const header = req.get("x-csrf-token");
  return typeof header === "string" ? header : undefined;
}

const sync = csrfSync({ getTokenFromRequest: tokenFromRequest });

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

/** The signed-in user's token for a form (kept in their session). */
export function csrfToken(req: Request): string {
  return sync.generateToken(req);
}

/** Every unsafe request of a signed-in user: our Origin and the session's token. */
export const csrfProtection: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  if (!sameOrigin(req)) return next(new ForbiddenError(FOREIGN));
  if (!req.session || !sync.isRequestValid(req)) return next(new ForbiddenError(EXPIRED));
  next();
};

/** Signed-in pages carry the token for the header's 로그아웃 form and in-page actions. */
export const csrfLocals: RequestHandler = (req, res, next) => {
  if (req.session?.user) res.locals.csrfToken = csrfToken(req);
  next();
};

/**
 * Tokens for the forms a visitor uses before having a session. `form` puts a token in
 * res.locals (and its signed twin in a cookie); `check` guards the form's POST.
 */
export function anonymousCsrf(secret: string): { form: RequestHandler[]; check: RequestHandler[] } {
  const { generateCsrfToken, validateRequest } = doubleCsrf({
    getSecret: () => secret,
    // Nothing identifies a visitor yet; the token is bound to its cookie.
    getSessionIdentifier: () => "anonymous-form",
    cookieName: ANONYMOUS_CSRF_COOKIE,
    cookieOptions: { sameSite: "lax", path: "/", secure: false, httpOnly: true },
    getCsrfTokenFromRequest: tokenFromRequest,
  });
  const parseCookies = cookieParser();
  return {
    form: [
      parseCookies,
      (req, res, next) => {
        res.locals.csrfToken = generateCsrfToken(req, res, { cookieOptions: { secure: req.secure } });
        next();
      },
    ],
    check: [
      parseCookies,
      (req, _res, next) => {
        if (!sameOrigin(req)) return next(new ForbiddenError(FOREIGN));
        if (!validateRequest(req)) return next(new ForbiddenError(EXPIRED));
        next();
      },
    ],
  };
}
