// 관심종목: the header's 관심종목 추가/해제 (a plain form that comes back to the page it was
// pressed on, or JSON), the 내 관심종목 page with its order, and the locals the header and the
// home page read (signed-in views only: the anonymous page cache never holds them).
import { Router, type RequestHandler } from "express";
import { z } from "zod";
import type { Ctx } from "../../context.ts";
import { refererPath, requireUser } from "../../http/auth.ts";
import { wantsJson } from "../../http/error-handler.ts";
import { flash } from "../../http/flash.ts";
import { parseOr400 } from "../../http/parse.ts";
import { paths } from "../../lib/paths.ts";
import { safeReturnTo } from "../../lib/return-to.ts";
import { withJosa } from "../../lib/particles.ts";
import { useBoardParams } from "../boards/board-params.routes.ts";
import { followBoard, followState, moveFollow, myFollows, unfollowBoard, type FollowedBoard } from "./follows.service.ts";
import { FOLLOWS_MAX } from "./follows.rules.ts";

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** The signed-in reader follows the board of this page (its header's button). */
      following?: boolean;
      /** The home page's 내 관심종목 (signed in). */
      myFollows?: FollowedBoard[];
    }
  }
}

/** For a signed-in reader's GET of a board's pages: whether they follow it; its list marks it read. */
export function followLocals(ctx: Ctx): Router {
  const router = Router();
  router.use("/boards/:code", (req, res, next) => {
    const user = req.session?.user;
    const board = res.locals.board; // the price header's lookup (quotes.routes.ts)
    if (req.method !== "GET" || !user || !board) return next();
    followState(ctx, user.id, board, req.path === "/").then((following) => {
      res.locals.following = following;
      next();
    }, next);
  });
  return router;
}

/** The home page's 내 관심종목, for a signed-in reader. */
export function followsHomeLocals(ctx: Ctx): RequestHandler {
  return (req, res, next) => {
    const user = req.session?.user;
    if (req.method !== "GET" || req.path !== "/" || !user) return next();
    myFollows(ctx, user.id).then((follows) => {
      res.locals.myFollows = follows;
      next();
    }, next);
  };
}

const moveSchema = z.object({ direction: z.enum(["up", "down"], { error: "올릴지 내릴지 골라 주세요." }) });

/** Mounted behind the sign-in, CSRF and standing guards. */
export function followsRouter(ctx: Ctx, limits: { edits: RequestHandler[] }): Router {
  const router = useBoardParams(Router(), ctx);

  // Back to the page the button was on (the stock header is on every board page).
  const back = (req: Parameters<RequestHandler>[0], code: string) => safeReturnTo(refererPath(req)) ?? paths.board(code);

  router.post("/boards/:code/follow", ...limits.edits, async (req, res) => {
    const { board } = res.locals;
    const { added } = await followBoard(ctx, req.session.user!.id, board);
    if (wantsJson(req)) return res.status(added ? 201 : 200).json({ following: true });
    flash(req, "ok", added ? `${withJosa(board.stockName, "을/를")} 관심종목에 추가했습니다.` : `이미 관심종목인 종목입니다.`);
    res.redirect(303, back(req, board.stockCode));
  });

  router.post("/boards/:code/unfollow", ...limits.edits, async (req, res) => {
    const { board } = res.locals;
    await unfollowBoard(ctx, req.session.user!.id, board);
    if (wantsJson(req)) return res.json({ following: false });
    flash(req, "ok", `${withJosa(board.stockName, "을/를")} 관심종목에서 해제했습니다.`);
    res.redirect(303, back(req, board.stockCode));
  });

  router.post("/me/follows/:code/move", ...limits.edits, async (req, res) => {
    const { board } = res.locals;
    const { direction } = parseOr400(moveSchema, req.body);
    await moveFollow(ctx, req.session.user!.id, board, direction);
    if (wantsJson(req)) return res.json({ moved: direction });
    res.redirect(303, `${paths.myFollows()}#follow-${board.stockCode}`);
  });

  router.get("/me/follows", requireUser, async (req, res) => {
    const follows = await myFollows(ctx, req.session.user!.id);
    res.render("follows/list", { title: "내 관심종목", follows, max: FOLLOWS_MAX });
  });

  return router;
}
