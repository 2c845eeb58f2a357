// What a person typed, kept for the page they typed it on when the answer to their form is a
// redirect: a comment refused after a redirect-after-post, a draft carried through signing in
// again. It lives in the session (a member's; nothing is kept for a visitor) and is taken
// once, by the page at `path` — never shown anywhere else, so it cannot leak into another
// page or another reader's cached copy (signed-in pages are never cached).
import type { Request } from "express";

export interface Draft {
  path: string; // the page the form is on, without its #fragment
  fields: Record<string, string>;
  message: string | null; // why it came back (a refusal), or what to do next
  refused: boolean; // a refusal (shown as an error) or a notice
}

declare module "express-session" {
  interface SessionData {
    draft?: Draft;
  }
}

const pathOnly = (path: string) => path.split("#")[0]!;

/** Keeps the draft for the next view of `draft.path` (replacing any earlier one). */
export function keepDraft(req: Request, draft: Draft): void {
  req.session.draft = { ...draft, path: pathOnly(draft.path) };
}

/** The draft kept for this page, taken as it is shown (a reload shows the empty form again). */
export function takeDraft(req: Request, path: string): Draft | null {
  const draft = req.session?.draft;
  if (!draft || draft.path !== pathOnly(path)) return null;
  delete req.session.draft;
  return draft;
}
