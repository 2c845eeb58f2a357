// The jury page (public) and the 글 내리기 routes, which sit behind one juror guard.
import { Router, type RequestHandler } from "express";
import { z } from "zod";
import type { Ctx } from "../../context.ts";
import { wantsJson } from "../../http/error-handler.ts";
import { ForbiddenError } from "../../http/errors.ts";
import { parseIdParam, parseOr400, parseStockCodeParam } from "../../http/parse.ts";
import { pageBlock } from "../../lib/pagination.ts";
import { paths } from "../../lib/paths.ts";
import { getBoard, type BoardSummary } from "../boards/boards.service.ts";
import { blindLog } from "./jury.service.ts";
import { ELIGIBILITY_RULES, JURY_QUORUM, JURY_SIZE, SCORE_FORMULA } from "./jury.rules.ts";
import { castOpinion, withdrawOpinion } from "./opinions.service.ts";
import { ensureCurrentPanel, isJuror, pastPanels, type Panel } from "./panel.service.ts";

const pageQuery = z.object({
  page: z.string().regex(/^[1-9][0-9]{0,6}$/, "페이지 번호가 올바르지 않습니다.").transform(Number).optional(),
});

/** The public jury page of a board. */
export function juryPageRouter(ctx: Ctx): Router {
  const router = Router();
  router.get("/boards/:code/jury", async (req, res) => {
    const board = await getBoard(ctx, parseStockCodeParam(req.params.code));
    const { page = 1 } = parseOr400(pageQuery, req.query);
    const panel = await ensureCurrentPanel(ctx, board.id);
    const [past, log] = await Promise.all([pastPanels(ctx, board.id, panel.month), blindLog(ctx, board.id, page)]);
    res.render("jury/page", {
      title: `${board.stockName} 운영배심원`,
      tab: "jury",
      board,
      panel,
      past,
      log,
      blocks: pageBlock(log.page, log.totalPages),
      rules: { formula: SCORE_FORMULA, eligibility: ELIGIBILITY_RULES, size: JURY_SIZE, quorum: JURY_QUORUM },
    });
  });
  return router;
}

interface JurorLocals {
  board: BoardSummary;
  panel: Panel;
  number: number;
}

/**
 * The juror guard: the signed-in user must sit on this board's panel for the current KST
 * month. Everything mounted behind it may assume so.
 */
function requireJuror(ctx: Ctx): RequestHandler {
  return async (req, res, next) => {
    const board = await getBoard(ctx, parseStockCodeParam(req.params.code));
    const number = parseIdParam(req.params.number, "존재하지 않는 게시글입니다.");
    const panel = await ensureCurrentPanel(ctx, board.id);
    if (!isJuror(panel, req.session.user?.id)) {
      throw new ForbiddenError("이번 달 이 게시판의 운영배심원만 글 내리기 의견을 낼 수 있습니다.");
    }
    res.locals.juror = { board, panel, number } satisfies JurorLocals;
    next();
  };
}

/** 글 내리기 and its withdrawal. Mounted behind the sign-in and CSRF guards. */
export function opinionsRouter(ctx: Ctx): Router {
  const juror = Router({ mergeParams: true });
  juror.use(requireJuror(ctx));

  juror.post("/", async (req, res) => {
    const { board, panel, number } = res.locals.juror as JurorLocals;
    const result = await castOpinion(ctx, board, number, req.session.user!.id, panel);
    if (wantsJson(req)) return res.json(result);
    res.redirect(303, `${paths.post(board.stockCode, number)}#jury`);
  });

  juror.post("/withdraw", async (req, res) => {
    const { board, number } = res.locals.juror as JurorLocals;
    const result = await withdrawOpinion(ctx, board, number, req.session.user!.id);
    if (wantsJson(req)) return res.json(result);
    res.redirect(303, `${paths.post(board.stockCode, number)}#jury`);
  });

  const router = Router();
  router.use("/boards/:code/posts/:number/opinion", juror);
  return router;
}
