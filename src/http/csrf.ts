// CSRF protection for every state-changing request, and an Origin that must be our own when
// the browser sends one. One kind of token for everyone (docs/decisions/0031): a signed
// double-submit token (csrf-csrf) — an HMAC of a random value and what it is bound to, in the
// form and, the same, in an HttpOnly cookie. A member's is bound to their session; the sign-in
// and sign-up forms' to its own cookie alone, so showing a form stores nothing.
import type { Request, RequestHandler, Response } from "express";
import cookieParser from "cookie-parser";
import { doubleCsrf } from "csrf-csrf";
import { ForbiddenError } from "../domain/errors.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const EXPIRED = "보안 확인이 만료되었습니다. 페이지를 새로 고친 뒤 다시 시도해 주세요.";
const FOREIGN = "다른 사이트에서 보낸 요청은 처리할 수 없습니다.";
export const CSRF_COOKIE = "jongto.csrf"; // the sign-in and sign-up forms
export const MEMBER_CSRF_COOKIE = "jongto.csrf-session"; // a signed-in member's

function tokenFromRequest(req: Request): string | undefined {
  const fromBody: unknown = (req.body as Record<string, unknown> | undefined)?._csrf;
  if (typeof fromBody === "string") return fromBody;
  const header = req.get("x-csrf-token");
  return typeof header === "string" ? header : undefined;
}

/** The request's Origin, when the browser sent one, is ours (an opaque "null" is not). */
export function sameOrigin(req: Request): boolean {
  const origin = req.get("origin");
  if (origin === undefined) return true; // non-browser clients; the token still decides
  if (origin === "null") return false;
  try {
    return new URL(origin).host === req.get("host");
  } catch {
    return false;
  }
}

export interface Csrf {
  /** Every unsafe request of a signed-in user: our Origin and a token of this session. */
  protect: RequestHandler;
  /** Signed-in pages carry the token for the header's 로그아웃 form and in-page actions. */
  locals: RequestHandler;
  /** The forms a visitor uses before having a session: `form` puts a token in res.locals, `check` guards the POST. */
  anonymous: { form: RequestHandler[]; check: RequestHandler[] };
  /** Sends the token cookie of the session just started (sign-in, sign-up). */
  issue(req: Request, res: Response): void;
}

/** A signed double-submit token in the cookie `cookieName`, bound to what `identify` says of the request. */
function doubleSubmit(secret: string, cookieName: string, identify: (req: Request) => string) {
  const { generateCsrfToken, validateRequest } = doubleCsrf({
    getSecret: () => secret,
    getSessionIdentifier: identify,
    cookieName,
    cookieOptions: { sameSite: "lax", path: "/", secure: false, httpOnly: true },
    getCsrfTokenFromRequest: tokenFromRequest,
  });
  return {
    /** The token for this request; its cookie is sent only when the token is new (a page view normally sends none). */
    token(req: Request, res: Response): string {
      const previous = (req.cookies as Record<string, string> | undefined)?.[cookieName];
      const quiet = { cookie: (...args: Parameters<Response["cookie"]>) => (args[1] === previous ? res : res.cookie(...args)) } as unknown as Response;
      return generateCsrfToken(req, quiet, { cookieOptions: { secure: req.secure } });
    },
    check: ((req, _res, next) => {
      if (SAFE_METHODS.has(req.method)) return next();
      if (!sameOrigin(req)) return next(new ForbiddenError(FOREIGN));
      if (!validateRequest(req)) return next(new ForbiddenError(EXPIRED));
      next();
    }) as RequestHandler,
  };
}

export function csrf(secret: string): Csrf {
  // Two scopes of one mechanism, each in its own cookie: a member's token is bound to the
  // session (one from another session, or from before signing in, is refused); the sign-in and
  // sign-up forms' token to its cookie alone, so a second tab's form still works after the first
  // signed in.
  const member = doubleSubmit(secret, MEMBER_CSRF_COOKIE, (req) => `session:${req.sessionID}`);
  const forms = doubleSubmit(secret, CSRF_COOKIE, () => "anonymous-form");
  const parseCookies = cookieParser();
  const withCookies: RequestHandler = (req, res, next) => (req.cookies ? next() : parseCookies(req, res, next));

  return {
    protect: (req, res, next) =>
      withCookies(req, res, () => {
        if (!SAFE_METHODS.has(req.method) && !req.session?.user) return next(new ForbiddenError(EXPIRED));
        member.check(req, res, next);
      }),
    locals: (req, res, next) => {
      if (!req.session?.user) return next();
      withCookies(req, res, () => {
        res.locals.csrfToken = member.token(req, res);
        next();
      });
    },
    issue: (req, res) => void member.token(req, res),
    anonymous: {
      form: [
        withCookies,
        (req, res, next) => {
          res.locals.csrfToken = forms.token(req, res);
          next();
        },
      ],
      check: [withCookies, forms.check],
    },
  };
}
