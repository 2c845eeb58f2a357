// What a signed-out form carries through signing in. A session that ended while someone was
// writing (or a visitor who pressed 추천) would otherwise send them to the sign-in page with
// nothing: the text is lost, the vote not applied. Here the sign-in page is drawn at once with
// what they sent in hidden fields — nothing is stored for a visitor — and after signing in the
// draft waits in the new session for the form's page (src/http/draft.ts), or the vote is cast
// by the sign-in request itself, which carries its own CSRF check and Origin.
import type { Request, RequestHandler, Response } from "express";
import { wantsJson } from "../../http/error-handler.ts";
import { refererPath } from "../../http/auth.ts";
import { sameOrigin } from "../../http/csrf.ts";
import { keepDraft } from "../../http/draft.ts";
import { paths } from "../../lib/paths.ts";
import { safeReturnTo } from "../../lib/return-to.ts";

/** What a form sent that is worth carrying; the names of its hidden fields on the sign-in page. */
export interface Carried {
  title?: string;
  body?: string;
  holding?: string; // a post's 본인 표시, checked again when the form is sent
  stance?: string;
  vote?: "up" | "down";
}

const CARRIED_TEXT = ["title", "body", "holding", "stance"] as const;
// A post's body is at most 6,000 graphemes; this bounds what a page will echo back (bytes,
// generously: a grapheme can be many code units). The form checks the text again when sent.
const CARRY_MAX = 100_000;
const VOTE_PATH = /^\/boards\/([0-9]{6})\/posts\/([1-9][0-9]{0,9})\/vote$/;
const POST_PATH = /^\/boards\/[0-9]{6}\/posts\/[1-9][0-9]{0,9}$/;

/** Casts a vote for the member who just signed in; returns the line the post page shows. */
export type VoteAfterSignIn = (req: Request, res: Response, vote: { code: string; number: number; value: "up" | "down" }) => Promise<{ kind: "ok" | "error"; message: string }>;

const VOTE_WORD = { up: "추천", down: "반대" } as const;

/** The form's page: the Referer's path when it is ours (without its query, as drafts are kept by path). */
function formPage(req: Request): string | null {
  return safeReturnTo(refererPath(req)?.split("?")[0]);
}

/** What of this signed-out POST to carry, where to go after, and what the sign-in page says. */
function carryOf(req: Request): { carried: Carried; returnTo: string; notice: string } | null {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const vote = VOTE_PATH.exec(req.path);
  if (vote) {
    const value = body.value;
    if (value !== "up" && value !== "down") return null;
    return {
      carried: { vote: value },
      returnTo: paths.post(vote[1]!, Number(vote[2])),
      notice: `로그인 후 ${VOTE_WORD[value]}할 수 있습니다. 로그인하면 누른 ${VOTE_WORD[value]}이 바로 반영됩니다.`,
    };
  }
  const carried: Carried = {};
  for (const name of CARRIED_TEXT) {
    const value = body[name];
    if (typeof value === "string" && value.length <= CARRY_MAX) carried[name] = value;
  }
  if (!carried.title?.trim() && !carried.body?.trim()) return null;
  const from = formPage(req);
  if (!from) return null;
  const parentId = body.parentId;
  // An in-place 답글 was typed on the post page: it goes back to its own reply page.
  const reply = typeof parentId === "string" && /^[1-9][0-9]{0,9}$/.test(parentId) && POST_PATH.test(from) ? `${from}/comments/${parentId}/reply` : null;
  return {
    carried,
    returnTo: reply ?? from,
    notice: "로그인이 끝나 등록하지 못했습니다. 다시 로그인하면 쓰던 내용 그대로 돌아갑니다.",
  };
}

/**
 * In front of the sign-in guard: a signed-out HTML form POST of our own pages that carries
 * text or a vote is answered with the sign-in page (401) holding it. Everything else goes on
 * to the guard (a redirect to sign-in, or 401 for JSON).
 */
export function signInToContinue(showSignIn: (req: Request, res: Response, state: { returnTo: string; notice: string; carried: Carried }) => void, csrfForm: RequestHandler[]): RequestHandler {
  return (req, res, next) => {
    if (req.method !== "POST" || req.session?.user || wantsJson(req) || !sameOrigin(req)) return next();
    const carry = carryOf(req);
    if (!carry) return next();
    res.set("Cache-Control", "no-store");
    // The sign-in form's own CSRF token: csrfForm's handlers put it in res.locals.
    const run = ([handler, ...more]: RequestHandler[]): void => {
      if (!handler) return void showSignIn(req, res.status(401), carry);
      handler(req, res, (err?: unknown) => (err ? next(err) : run(more)));
    };
    run(csrfForm);
  };
}

/** The carried fields of a sign-in form, as it sent them back. */
export function carriedFrom(body: unknown): Carried {
  const b = (body ?? {}) as Record<string, unknown>;
  const carried: Carried = {};
  for (const name of CARRIED_TEXT) {
    const value = b[`carry_${name}`];
    if (typeof value === "string" && value.length <= CARRY_MAX) carried[name] = value;
  }
  const vote = b.carry_vote;
  if (vote === "up" || vote === "down") carried.vote = vote;
  return carried;
}

/**
 * After a sign-in that carried something: the vote is cast (only for a post's page), or the
 * draft is kept for the page it was typed on. Returns where to go.
 */
export async function resumeCarried(req: Request, res: Response, carried: Carried, returnTo: string | null, voteAfterSignIn: VoteAfterSignIn | undefined): Promise<string | null> {
  if (!returnTo) return null;
  if (carried.vote && voteAfterSignIn) {
    const post = /^\/boards\/([0-9]{6})\/posts\/([1-9][0-9]{0,9})$/.exec(returnTo);
    if (!post) return returnTo;
    const said = await voteAfterSignIn(req, res, { code: post[1]!, number: Number(post[2]), value: carried.vote });
    req.session.flash = { kind: said.kind, message: `로그인했습니다. ${said.message}` };
    return `${returnTo}#votes`;
  }
  if (carried.title === undefined && carried.body === undefined) return returnTo;
  const fields: Record<string, string> = {};
  for (const name of CARRIED_TEXT) if (carried[name] !== undefined) fields[name] = carried[name];
  keepDraft(req, { path: returnTo, fields, message: "다시 로그인했습니다. 쓰던 내용을 그대로 두었습니다. 확인하고 등록해 주세요.", refused: false });
  return returnTo;
}
