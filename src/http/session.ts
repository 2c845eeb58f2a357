// Sessions: in the database (they survive restarts and are shared by app instances), created
// only when there is something to keep (signing in, a form's CSRF token), so a reader who
// only reads gets no cookie and no row.
import fs from "node:fs";
import crypto from "node:crypto";
import path from "node:path";
import session from "express-session";
import type { Request, RequestHandler } from "express";
import type { Env } from "../config/env.ts";
import { DbSessionStore, markFresh, TOUCH_INTERVAL_MS, type SessionRows } from "./session-store.ts";

export const SESSION_COOKIE = "jongto.sid";
// Idle lifetime: the cookie and the row expire this long after the last request.
export const SESSION_IDLE_MS = 7 * 24 * 60 * 60 * 1000;
// Absolute lifetime: a sign-in is good for this long, however active the user.
export const SESSION_ABSOLUTE_MS = 30 * 24 * 60 * 60 * 1000;

export interface SessionUser {
  id: number;
  nickname: string;
  loginId: string;
  // For the header's link to the operators' pages only; /admin asks the database every time.
  operator?: boolean;
  // The 약관·개인정보 처리방침 version the member agreed to (a newer one shows a notice).
  policy?: string | null;
}

declare module "express-session" {
  interface SessionData {
    user?: SessionUser;
    signedInAt?: number;
    renewedAt?: number; // when the idle expiry last moved (renewIfDue)
    flash?: { kind: "ok" | "error"; message: string };
  }
}

/** SESSION_SECRET, or a random one kept in SESSION_SECRET_FILE so restarts keep sign-ins. */
export function sessionSecret(env: Env): string {
  if (env.SESSION_SECRET) return env.SESSION_SECRET;
  const file = path.resolve(env.SESSION_SECRET_FILE);
  try {
    const existing = fs.readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
  } catch {
    // Not there yet: create it below.
  }
  const secret = crypto.randomBytes(32).toString("base64url");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}

/**
 * Sessions for requests that have one, or are about to start one (sign-in, sign-up).
 * A request without our cookie does no session work at all — no session object, no id, no
 * store call — so anonymous reading costs nothing here (docs/decisions/0014).
 */
export function sessionMiddleware(secret: string, rows: SessionRows): RequestHandler {
  const withSession = expressSession(secret, rows);
  const cookiePrefix = `${SESSION_COOKIE}=`;
  return (req, res, next) => {
    if (req.headers.cookie?.includes(cookiePrefix) || (req.method === "POST" && STARTS_SESSION.has(req.path))) {
      return withSession(req, res, () => {
        renewIfDue(req);
        next();
      });
    }
    next();
  };
}

/**
 * The idle lifetime slides in steps of TOUCH_INTERVAL_MS instead of on every response (what
 * express-session's `rolling` does, signing and sending the cookie each time): once the expiry
 * would move by more than a step, it is moved, and the changed session is saved and its
 * cookie sent again. A signed-in page view normally sends no cookie and writes nothing.
 */
function renewIfDue(req: Request): void {
  const cookie = req.session?.cookie;
  if (!cookie?.expires || !hasStoredSession(req)) return;
  if (Date.now() + SESSION_IDLE_MS - cookie.expires.getTime() < TOUCH_INTERVAL_MS) return;
  req.session.touch(); // expires = now + idle lifetime
  req.session.renewedAt = Date.now(); // a change, so express-session saves it and sets the cookie
}

// The routes that may create a session for a visitor who has none.
const STARTS_SESSION = new Set(["/login", "/login/code", "/signup"]);

function expressSession(secret: string, rows: SessionRows): RequestHandler {
  return session({
    name: SESSION_COOKIE,
    secret,
    store: new DbSessionStore(rows),
    resave: false,
    saveUninitialized: false,
    rolling: false, // renewIfDue slides the expiry, once per step
    proxy: undefined, // follows the app's "trust proxy" hop count
    cookie: {
      httpOnly: true,
      sameSite: "lax",
      secure: "auto", // Secure whenever the request came over HTTPS
      maxAge: SESSION_IDLE_MS,
    },
  });
}

/**
 * Whether this request belongs to a session kept in the store. express-session hands every
 * request a session object; one that holds nothing but its cookie is new and unsaved, and
 * its id changes with every request.
 */
export function hasStoredSession(req: Request): boolean {
  return !!req.session && Object.keys(req.session).some((key) => key !== "cookie");
}

/**
 * Starts a signed-in session. The session id is regenerated so a cookie planted before
 * sign-in (session fixation) is worthless afterwards. A persistent session (로그인 상태 유지,
 * and every sign-up) keeps its cookie for the sliding idle lifetime, up to the absolute one;
 * otherwise the cookie has no Expires and ends with the browser (its row then expires a day
 * after the last request).
 */
export function startSession(req: Request, user: SessionUser, { persistent = true }: { persistent?: boolean } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.regenerate((err) => {
      if (err) return reject(err);
      markFresh(req.session); // the one save that may create the member's row (session-store.ts)
      if (!persistent) req.session.cookie.maxAge = undefined; // no Expires: ends with the browser
      req.session.user = { id: user.id, nickname: user.nickname, loginId: user.loginId, ...(user.operator ? { operator: true } : {}), policy: user.policy ?? null };
      req.session.signedInAt = Date.now();
      req.session.save((saveErr) => (saveErr ? reject(saveErr) : resolve()));
    });
  });
}

export function endSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.destroy((err) => (err ? reject(err) : resolve()));
  });
}
