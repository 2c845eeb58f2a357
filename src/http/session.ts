// Sessions: in the database (they survive restarts and are shared by app instances), created
// only when there is something to keep (signing in, a form's CSRF token), so a reader who
// only reads gets no cookie and no row.
import fs from "node:fs";
import crypto from "node:crypto";
import path from "node:path";
import session from "express-session";
import type { Request, RequestHandler } from "express";
import type { Env } from "../config/env.ts";
import type { Ctx } from "../context.ts";
import { DbSessionStore } from "./session-store.ts";

export const SESSION_COOKIE = "jongto.sid";
// Idle lifetime: the cookie and the row expire this long after the last request.
export const SESSION_IDLE_MS = 7 * 24 * 60 * 60 * 1000;
// Absolute lifetime: a sign-in is good for this long, however active the user.
export const SESSION_ABSOLUTE_MS = 30 * 24 * 60 * 60 * 1000;

export interface SessionUser {
  id: number;
  nickname: string;
  loginId: string;
}

declare module "express-session" {
  interface SessionData {
    user?: SessionUser;
    signedInAt?: number;
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
export function sessionMiddleware(ctx: Ctx, secret: string): RequestHandler {
  const withSession = expressSession(ctx, secret);
  const cookiePrefix = `${SESSION_COOKIE}=`;
  return (req, res, next) => {
    if (req.headers.cookie?.includes(cookiePrefix) || (req.method === "POST" && STARTS_SESSION.has(req.path))) {
      return withSession(req, res, next);
    }
    next();
  };
}

// The routes that may create a session for a visitor who has none.
const STARTS_SESSION = new Set(["/login", "/signup"]);

function expressSession(ctx: Ctx, secret: string): RequestHandler {
  return session({
    name: SESSION_COOKIE,
    secret,
    store: new DbSessionStore(ctx.db, ctx.sql),
    resave: false,
    saveUninitialized: false,
    rolling: true,
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
 * sign-in (session fixation) is worthless afterwards.
 */
export function startSession(req: Request, user: SessionUser): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.regenerate((err) => {
      if (err) return reject(err);
      req.session.user = { id: user.id, nickname: user.nickname, loginId: user.loginId };
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
