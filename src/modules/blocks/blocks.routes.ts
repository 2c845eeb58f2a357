// 차단: block and unblock from a member's profile (a plain form that comes back there, or
// JSON), the 계정 설정 list of blocked members, and the set every signed-in page folds by.
import { Router, type RequestHandler } from "express";
import type { Ctx } from "../../context.ts";
import { requireUser } from "../../http/auth.ts";
import { wantsJson } from "../../http/error-handler.ts";
import { flash } from "../../http/flash.ts";
import { parseIdParam } from "../../http/parse.ts";
import { paths } from "../../lib/paths.ts";
import { blockedIds, blockMember, listBlocks, unblockMember } from "./blocks.service.ts";
import { BLOCKS_MAX } from "./blocks.rules.ts";

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** Whom the signed-in reader blocks: their posts and comments fold (signed-in GETs only). */
      blocked?: Set<number>;
    }
  }
}

/** For a signed-in reader's GET: whom they block (the views fold by it). */
export function blockedLocals(ctx: Ctx): RequestHandler {
  return (req, res, next) => {
    const user = req.session?.user;
    if (req.method !== "GET" || !user) return next();
    blockedIds(ctx, user.id).then((ids) => {
      res.locals.blocked = ids;
      next();
    }, next);
  };
}

/** Mounted behind the sign-in, CSRF and standing guards. */
export function blocksRouter(ctx: Ctx, limits: { edits: RequestHandler[] }): Router {
  const router = Router();

  router.post("/users/:id/block", ...limits.edits, async (req, res) => {
    const targetId = parseIdParam(req.params.id);
    const { added } = await blockMember(ctx, req.session.user!.id, targetId);
    if (wantsJson(req)) return res.status(added ? 201 : 200).json({ blocked: true });
    flash(req, "ok", "차단했습니다. 이 회원의 글과 댓글은 접혀 보이고, 이 회원의 활동으로는 알림이 오지 않습니다. 상대에게는 알리지 않습니다.");
    res.redirect(303, paths.profile(targetId));
  });

  router.post("/users/:id/unblock", ...limits.edits, async (req, res) => {
    const targetId = parseIdParam(req.params.id);
    await unblockMember(ctx, req.session.user!.id, targetId);
    if (wantsJson(req)) return res.json({ blocked: false });
    flash(req, "ok", "차단을 해제했습니다.");
    // From the list, back to the list; from a profile, back to it.
    res.redirect(303, req.body?.from === "list" ? paths.blocks() : paths.profile(targetId));
  });

  router.get("/account/blocks", requireUser, async (req, res) => {
    const blocks = await listBlocks(ctx, req.session.user!.id);
    res.render("blocks/list", { title: "차단한 회원", blocks, max: BLOCKS_MAX });
  });

  return router;
}
