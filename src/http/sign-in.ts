// Starting and ending a signed-in session. The session id is regenerated at sign-in so a
// cookie planted before sign-in (session fixation) is worthless afterwards.
import type { Request } from "express";
import type { SessionUser } from "./session.ts";

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

export function flash(req: Request, kind: "ok" | "error", message: string): void {
  req.session.flash = { kind, message };
}
