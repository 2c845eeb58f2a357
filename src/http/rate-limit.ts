// Abuse limits per minute (or hour), keyed by IP and by account, on top of the daily caps.
// The client IP is what Express derives with the app's `trust proxy` hop count, so a forged
// X-Forwarded-For cannot pick a fresh bucket. Counters live in the process by default; the
// store is pluggable (a shared store lets several instances count together).
import type { RequestHandler } from "express";
import { ipKeyGenerator, rateLimit, type Store } from "express-rate-limit";
import { RateLimitedError } from "../domain/errors.ts";

export interface Rule {
  windowMs: number;
  limit: number;
}

export interface RateLimits {
  signInPerIpAndId: Rule; // guessing one account's password
  signInPerIp: Rule; // spraying many accounts from one address
  signUpPerIp: Rule;
  postsPerUser: Rule;
  commentsPerUser: Rule;
  votesPerUser: Rule;
  opinionsPerUser: Rule;
  reportsPerUser: Rule;
  editsPerUser: Rule; // editing and deleting posts and comments
  passwordChecksPerUser: Rule; // the account page's password checks (each one costs a hash)
  writesPerIp: Rule; // all of the above from one address, against account farms
  openPerIp: Rule; // the JSON API, feeds and sitemaps: other software's polling
  recoveryPerIp: Rule; // 아이디 찾기, 비밀번호 재설정 and email links asked from one address
  recoveryPerEmail: Rule; // … and mailed to one address, so nobody floods a stranger's inbox
  mailsPerUser: Rule; // verification mails a member asks for
}

const MINUTE = 60_000;

export const DEFAULT_RATE_LIMITS: RateLimits = {
  signInPerIpAndId: { windowMs: 15 * MINUTE, limit: 10 },
  signInPerIp: { windowMs: 15 * MINUTE, limit: 50 },
  signUpPerIp: { windowMs: 60 * MINUTE, limit: 5 },
  postsPerUser: { windowMs: MINUTE, limit: 5 },
  commentsPerUser: { windowMs: MINUTE, limit: 15 },
  votesPerUser: { windowMs: MINUTE, limit: 60 },
  opinionsPerUser: { windowMs: MINUTE, limit: 30 },
  reportsPerUser: { windowMs: MINUTE, limit: 10 }, // the daily cap (20) is the real bound; this stops bursts
  editsPerUser: { windowMs: MINUTE, limit: 20 },
  passwordChecksPerUser: { windowMs: 15 * MINUTE, limit: 10 }, // as many tries as sign-in gives one address and id
  writesPerIp: { windowMs: MINUTE, limit: 200 },
  openPerIp: { windowMs: MINUTE, limit: 300 }, // five a second: a bot crawling a board, not a scraper copying it
  recoveryPerIp: { windowMs: 15 * MINUTE, limit: 10 },
  recoveryPerEmail: { windowMs: 60 * MINUTE, limit: 3 },
  mailsPerUser: { windowMs: 60 * MINUTE, limit: 5 },
};

export type StoreFactory = (prefix: string) => Store | undefined;

type Key = "ip" | "user" | "ip+loginId" | "email";

function keyOf(kind: Key): (req: Parameters<RequestHandler>[0]) => string {
  const ip = (req: Parameters<RequestHandler>[0]) => ipKeyGenerator(req.ip ?? "unknown");
  switch (kind) {
    case "ip":
      return ip;
    case "user":
      return (req) => `u:${req.session?.user?.id ?? `ip:${ip(req)}`}`;
    case "email":
      // The address as the form sent it, in one spelling (its case never matters here); a
      // request without one counts for its client, never in one bucket shared by everyone.
      return (req) => {
        const email: unknown = (req.body as Record<string, unknown> | undefined)?.email;
        return typeof email === "string" && email.trim() !== "" ? `e:${email.trim().slice(0, 254).toLowerCase()}` : `ip:${ip(req)}`;
      };
    case "ip+loginId":
      return (req) => {
        const loginId: unknown = (req.body as Record<string, unknown> | undefined)?.loginId;
        return `${ip(req)}|${typeof loginId === "string" ? loginId.slice(0, 40).toLowerCase() : ""}`;
      };
  }
}

/** Told of every refusal (a notable event: logged and counted). */
export type OnRefused = (limiter: string, req: Parameters<RequestHandler>[0]) => void;

function limiterOf(name: string, rule: Rule, key: Key, storeFor: StoreFactory, onRefused: OnRefused, headers: "draft-6" | "draft-7" = "draft-7"): RequestHandler {
  return rateLimit({
    windowMs: rule.windowMs,
    limit: rule.limit,
    keyGenerator: keyOf(key),
    standardHeaders: headers,
    legacyHeaders: false,
    store: storeFor(`rl:${name}:`),
    handler: (req, _res, next) => {
      onRefused(name, req);
      const reset = (req as typeof req & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now() + rule.windowMs) - Date.now()) / 1000));
      next(new RateLimitedError(`요청이 너무 많습니다. ${seconds}초 후에 다시 시도해 주세요.`, seconds));
    },
  });
}

export function rateLimiters(limits: RateLimits, storeFor: StoreFactory = () => undefined, onRefused: OnRefused = () => {}) {
  const limiter = (name: string, rule: Rule, key: Key, store: StoreFactory) => limiterOf(name, rule, key, store, onRefused);
  const writesPerIp = limiter("writes-ip", limits.writesPerIp, "ip", storeFor);
  const recoveryPerIp = limiter("recovery-ip", limits.recoveryPerIp, "ip", storeFor);
  return {
    signIn: [
      limiter("signin-ip", limits.signInPerIp, "ip", storeFor),
      limiter("signin-id", limits.signInPerIpAndId, "ip+loginId", storeFor),
    ],
    signUp: [limiter("signup-ip", limits.signUpPerIp, "ip", storeFor)],
    posts: [writesPerIp, limiter("posts", limits.postsPerUser, "user", storeFor)],
    comments: [writesPerIp, limiter("comments", limits.commentsPerUser, "user", storeFor)],
    votes: [writesPerIp, limiter("votes", limits.votesPerUser, "user", storeFor)],
    opinions: [writesPerIp, limiter("opinions", limits.opinionsPerUser, "user", storeFor)],
    reports: [writesPerIp, limiter("reports", limits.reportsPerUser, "user", storeFor)],
    edits: [writesPerIp, limiter("edits", limits.editsPerUser, "user", storeFor)],
    passwordChecks: [writesPerIp, limiter("password", limits.passwordChecksPerUser, "user", storeFor)],
    recovery: [recoveryPerIp, limiter("recovery-email", limits.recoveryPerEmail, "email", storeFor)],
    // A reset link's form carries no address: its client's requests are what it can count.
    resetLinks: [recoveryPerIp],
    mails: [writesPerIp, limiter("mails", limits.mailsPerUser, "user", storeFor), limiter("mails-email", limits.recoveryPerEmail, "email", storeFor)],
    // Programs read these: RateLimit-Limit, -Remaining and -Reset on every answer (the IETF
    // draft's separate fields, which clients parse more readily than draft 7's combined one).
    open: [limiterOf("open-ip", limits.openPerIp, "ip", storeFor, onRefused, "draft-6")],
  };
}

export function scaledLimits(limits: RateLimits, scale: number): RateLimits {
  const scaled = { ...limits };
  for (const name of Object.keys(scaled) as (keyof RateLimits)[]) scaled[name] = { ...limits[name], limit: limits[name].limit * scale };
  return scaled;
}

/** The limiters each router puts in front of the routes they protect. */
export type Limiters = ReturnType<typeof rateLimiters>;
