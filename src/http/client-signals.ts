// Turns a request into its client signals (src/lib/client-signals.ts): keyed hashes of the
// network block and of the browser's id cookie. The key is derived from the session secret,
// so the hashes mean nothing outside this board and cannot be reversed by trying addresses
// without it. The cookie is a random id, set at sign-in and sign-up; it says nothing about the
// member and is read only here. A vote without it (a script replaying a session cookie) keeps
// no browser signal rather than a new one per request.
import crypto from "node:crypto";
import type { Request, Response } from "express";
import { networkPrefix, type ClientSignals } from "../lib/client-signals.ts";

export const BROWSER_COOKIE = "jongto.browser";
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;
const BROWSER_ID = /^[A-Za-z0-9_-]{22}$/;

export type SignalReader = (req: Request, res: Response, at: "sign-in" | "vote") => ClientSignals;

export function signalReader(secret: string): SignalReader {
  const key = crypto.createHmac("sha256", secret).update("jongto client signals v1").digest();
  const hash = (kind: string, value: string) => crypto.createHmac("sha256", key).update(`${kind}\n${value}`).digest("base64url").slice(0, 22);
  return (req, res, at) => {
    const prefix = networkPrefix(req.ip ?? "");
    const given: unknown = (req.cookies as Record<string, unknown> | undefined)?.[BROWSER_COOKIE];
    let browserId = typeof given === "string" && BROWSER_ID.test(given) ? given : null;
    if (!browserId && at === "sign-in") {
      browserId = crypto.randomBytes(16).toString("base64url");
      res.cookie(BROWSER_COOKIE, browserId, { httpOnly: true, sameSite: "lax", secure: req.secure, maxAge: YEAR_MS, path: "/" });
    }
    return { network: prefix && hash("network", prefix), browser: browserId && hash("browser", browserId) };
  };
}
