// A one-time message for the next page ("글을 고쳤습니다."), kept in the session until shown.
import type { Request } from "express";

export function flash(req: Request, kind: "ok" | "error", message: string): void {
  req.session.flash = { kind, message };
}
