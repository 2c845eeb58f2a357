// The jury page (public) and the 글 내리기 routes, which sit behind one juror guard.
import { Router, type RequestHandler } from "express";
import type { Ctx } from "../../context.ts";
import { changeTag } from "../../domain/changes.ts";
import { ForbiddenError } from "../../domain/errors.ts";
import type { PageCache } from "../../http/page-cache.ts";
import { wantsJson } from "../../http/error-handler.ts";
import { pageQuery, parseOr400 } from "../../http/parse.ts";
import { pageBlock } from "../../lib/pagination.ts";
import { paths } from "../../lib/paths.ts";
import { useBoardParams } from "../boards/route-params.ts";
import { flaggedPosts } from "../moderation/reports.service.ts";
import { blindLog } from "./blind-log.service.ts";
import { ELIGIBILITY_RULES, SCORE_FORMULA } from "./jury.rules.ts";
import { castOpinion, withdrawOpinion } from "./opinions.service.ts";
import { ensureCurrentPanel, isJuror, pastPanels, type Panel } from "./panel.service.ts";

/** The public jury page of a board. */
export function juryPageRouter(ctx: Ctx, pageCache: PageCache): Router {
  const router = useBoardParams(Router(), ctx);
  router.get("/boards/:code/jury", pageCache.route(), async (req, res) => {
    const { board } = res.locals;
    const { page = 1 } = parseOr400(pageQuery, req.query);
    const panel = await ensureCurrentPanel(ctx, board.id);
    const juror = isJuror(panel, req.session?.user?.id);
    const [past, log, flagged] = await Promise.all([
      pastPanels(ctx, board.id, panel.month),
      blindLog(ctx, board.id, page),
      juror ? flaggedPosts(ctx, board.id) : null, // jurors only: what readers reported
    ]);
    res.locals.cacheablePage = { tags: [changeTag({ kind: "jury", boardId: board.id })] };
    res.render("jury/page", {
      title: `${board.stockName} 운영배심원`,
      tab: "jury",
      board,
      panel,
      past,
      log,
      flagged,
      blocks: pageBlock(log.page, log.totalPages),
      rules: { formula: SCORE_FORMULA, eligibility: ELIGIBILITY_RULES },
    });
  });
  return router;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      panel: Panel; // this month's panel of the board, for the juror guard's routes
    }
  }
}

/**
 * The juror guard: the signed-in user must sit on this board's panel for the current KST
 * month. Everything mounted behind it may assume so.
 */
function requireJuror(ctx: Ctx): RequestHandler {
  return async (req, res, next) => {
    const panel = await ensureCurrentPanel(ctx, res.locals.board.id);
    if (!isJuror(panel, req.session.user?.id)) {
      throw new ForbiddenError("이번 달 이 게시판의 운영배심원만 글 내리기 의견을 낼 수 있습니다.");
    }
    res.locals.panel = panel;
    next();
  };
}

/** 글 내리기 and its withdrawal. Mounted behind the sign-in and CSRF guards. */
export function opinionsRouter(ctx: Ctx, limits: { opinions: RequestHandler[] }): Router {
  const router = useBoardParams(Router(), ctx);
  const juror = [...limits.opinions, requireJuror(ctx)];

  router.post("/boards/:code/posts/:number/opinion", ...juror, async (req, res) => {
    const { board, panel, postNumber } = res.locals;
    const result = await castOpinion(ctx, board, postNumber, req.session.user!.id, panel);
    if (wantsJson(req)) return res.json(result);
    res.redirect(303, `${paths.post(board.stockCode, postNumber)}#jury`);
  });

  router.post("/boards/:code/posts/:number/opinion/withdraw", ...juror, async (req, res) => {
    const { board, panel, postNumber } = res.locals;
    const result = await withdrawOpinion(ctx, board, postNumber, req.session.user!.id, panel);
    if (wantsJson(req)) return res.json(result);
    res.redirect(303, `${paths.post(board.stockCode, postNumber)}#jury`);
  });

  return router;
}
