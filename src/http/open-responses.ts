// Responses for other software (the JSON API, Atom feeds, sitemaps): cacheable by anyone for a
// short while, validated by a strong ETag, answered 304 when the client's copy is current.
// No Last-Modified: these bodies carry live counts, and the times of edits, deletions and
// restores are not all kept, so no date could be exact; a validator is exact or absent. These routes are mounted before the session and cookie middleware, so they never
// read or set a cookie (docs/decisions/0020).
import crypto from "node:crypto";
import type { Request, RequestHandler, Response } from "express";

/** Short enough for a live board: a reader's feed or a script's poll is at most this stale. */
export const OPEN_MAX_AGE_SECONDS = 30;

export interface Cacheable {
  body: string;
  type: string; // the Content-Type
}

/**
 * Sends `body` with its validator, a strong ETag (a hash of the bytes): a request whose
 * If-None-Match matches gets 304 and no body (If-Modified-Since alone never does).
 */
export function sendCacheable(req: Request, res: Response, { body, type }: Cacheable): void {
  res.setHeader("Content-Type", type);
  res.setHeader("Cache-Control", `public, max-age=${OPEN_MAX_AGE_SECONDS}`);
  res.setHeader("Vary", "Accept-Encoding");
  res.setHeader("ETag", `"${crypto.createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`);
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  res.send(body);
}

/** The newest of some times (nulls ignored), or null. */
export function newest(...times: (Date | null | undefined)[]): Date | null {
  let best: Date | null = null;
  for (const t of times) if (t && (!best || t > best)) best = t;
  return best;
}

/**
 * CORS for the read-only API: any origin may GET (no credentials: no cookie is read anyway),
 * and may send the validators, which makes a browser ask first (the preflight OPTIONS).
 */
export function corsForReads(): RequestHandler {
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD" && req.method !== "OPTIONS") return next();
    res.setHeader("Access-Control-Allow-Origin", "*");
    res.setHeader("Cross-Origin-Resource-Policy", "cross-origin"); // helmet's same-origin is for pages
    res.setHeader("Access-Control-Expose-Headers", "ETag, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, RateLimit-Policy, Retry-After, X-Request-Id");
    if (req.method === "OPTIONS") {
      res.setHeader("Access-Control-Allow-Methods", "GET, HEAD");
      res.setHeader("Access-Control-Allow-Headers", "If-None-Match");
      res.setHeader("Access-Control-Max-Age", "86400");
      res.status(204).end();
      return;
    }
    next();
  };
}
