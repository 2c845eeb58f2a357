// Who is asking: the signed-in user from the session, and the structural guard that keeps
// every state-changing route behind sign-in.
import type { Request, RequestHandler } from "express";
import { UnauthorizedError } from "../domain/errors.ts";
import { SESSION_ABSOLUTE_MS, type SessionUser } from "./session.ts";
import { wantsJson } from "./error-handler.ts";
import { paths } from "../lib/paths.ts";
import { safeReturnTo } from "../lib/return-to.ts";

export function currentUser(req: Request): SessionUser | null {
  return req.session?.user ?? null;
}

/** A sign-in is good for SESSION_ABSOLUTE_MS, however active the member. */
const pastItsLifetime = (session: Request["session"]) => Date.now() - (session.signedInAt ?? 0) > SESSION_ABSOLUTE_MS;

/** The session's member, unless the sign-in is past its lifetime (a live stream reads no more). */
export function signedInUser(session: Request["session"] | undefined): SessionUser | null {
  return session?.user && !pastItsLifetime(session) ? session.user : null;
}

/** Loads the user into res.locals; ends a sign-in older than the absolute lifetime. */
export const loadUser: RequestHandler = (req, res, next) => {
  const user = req.session?.user;
  if (user && pastItsLifetime(req.session)) {
    req.session.destroy(() => next());
    return;
  }
  res.locals.currentUser = user ?? null;
  // A signed-in page carries personal data (the account page lists sign-in IPs) and CSRF
  // tokens: no browser or proxy cache may keep it.
  if (user) res.set("Cache-Control", "no-store");
  const flash = req.session?.flash;
  if (flash) {
    res.locals.flash = flash;
    delete req.session.flash;
  }
  next();
};

/** For pages with secrets or a form's token: no browser or proxy cache may keep them. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.set("Cache-Control", "no-store");
  next();
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Every unsafe request that reaches the routers mounted after this guard needs a signed-in
 * user: HTML clients are sent to sign in (and back), JSON clients get 401.
 */
export const requireUserForWrites: RequestHandler = (req, res, next) => {
  if (SAFE_METHODS.has(req.method) || currentUser(req)) return next();
  if (wantsJson(req)) return next(new UnauthorizedError());
  const back = safeReturnTo(refererPath(req)) ?? "/";
  res.redirect(303, paths.signIn(back));
};

/** Page-level guard for GET pages that only make sense signed in (글쓰기, account). */
export const requireUser: RequestHandler = (req, res, next) => {
  if (currentUser(req)) return next();
  if (wantsJson(req)) return next(new UnauthorizedError());
  res.redirect(303, paths.signIn(safeReturnTo(req.originalUrl) ?? "/", true));
};

/** The path and query of the page that sent this request, when it is one of ours. */
export function refererPath(req: Request): string | undefined {
  const referer = req.get("referer");
  if (!referer) return undefined;
  try {
    const url = new URL(referer);
    if (url.host !== req.get("host")) return undefined;
    return url.pathname + url.search;
  } catch {
    return undefined;
  }
}
