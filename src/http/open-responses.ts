// Responses for other software (the JSON API, Atom feeds, sitemaps): cacheable by anyone for a
// short while, validated by ETag and Last-Modified, answered 304 when the client's copy is
// current. These routes are mounted before the session and cookie middleware, so they never
// read or set a cookie (docs/decisions/0020).
import crypto from "node:crypto";
import type { Request, RequestHandler, Response } from "express";

/** Short enough for a live board: a reader's feed or a script's poll is at most this stale. */
export const OPEN_MAX_AGE_SECONDS = 30;

export interface Cacheable {
  body: string;
  type: string; // the Content-Type
  /** The newest time the body shows (a post, an edit, a blinding …), or null when it shows none. */
  lastModified: Date | null;
}

/**
 * Sends `body` with its validators: a strong ETag (a hash of the bytes) and Last-Modified (to
 * the second). A request whose If-None-Match / If-Modified-Since match gets 304 and no body.
 */
export function sendCacheable(req: Request, res: Response, { body, type, lastModified }: Cacheable): void {
  res.setHeader("Content-Type", type);
  res.setHeader("Cache-Control", `public, max-age=${OPEN_MAX_AGE_SECONDS}`);
  res.setHeader("Vary", "Accept-Encoding");
  res.setHeader("ETag", `"${crypto.createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`);
  if (lastModified) res.setHeader("Last-Modified", new Date(Math.floor(lastModified.getTime() / 1000) * 1000).toUTCString());
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
    res.setHeader("Access-Control-Expose-Headers", "ETag, Last-Modified, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, RateLimit-Policy, Retry-After, X-Request-Id");
    if (req.method === "OPTIONS") {
      res.setHeader("Access-Control-Allow-Methods", "GET, HEAD");
      res.setHeader("Access-Control-Allow-Headers", "If-None-Match, If-Modified-Since");
      res.setHeader("Access-Control-Max-Age", "86400");
      res.status(204).end();
      return;
    }
    next();
  };
}
