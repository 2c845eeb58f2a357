// The board's 공시 tab (public, in the page cache like the list), and today's filings for the
// stock header of every board page (from a copy each process keeps for seconds).
import { Router, type RequestHandler } from "express";
import type { Ctx } from "../../context.ts";
import { changeTag } from "../../domain/changes.ts";
import type { PageCache } from "../../http/page-cache.ts";
import { pageQuery, parseOr400 } from "../../http/parse.ts";
import { pageBlock, totalPages } from "../../lib/pagination.ts";
import { useBoardParams } from "../boards/board-params.routes.ts";
import { DISCLOSURES_PER_PAGE } from "./disclosures.rules.ts";
import { boardDisclosures, todaysFilings, type TodaysFilings } from "./disclosures.service.ts";

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      filingsToday?: TodaysFilings; // undefined off a board's pages
    }
  }
}

/**
 * After the price header's lookup, which loads res.locals.board for the pages under
 * /boards/<code>: today's filings of that board. No path of its own to match: a board in
 * res.locals is the sign.
 */
export function disclosureLocals(ctx: Ctx): RequestHandler {
  return (_req, res, next) => {
    const board = res.locals.board;
    if (!board) return next();
    todaysFilings(ctx, board.id).then((filings) => {
      res.locals.filingsToday = filings;
      next();
    }, next);
  };
}

export function disclosuresRouter(ctx: Ctx, pageCache: PageCache): Router {
  const router = useBoardParams(Router(), ctx);
  router.get("/boards/:code/disclosures", pageCache.route(), async (req, res) => {
    const { board } = res.locals;
    const { page = 1 } = parseOr400(pageQuery, req.query);
    const { rows, total } = await boardDisclosures(ctx, board.id, page);
    const pages = totalPages(total, DISCLOSURES_PER_PAGE);
    // The page shows filings only, and every board page is dropped when they change (the market tag).
    res.locals.cacheablePage = { tags: [changeTag({ kind: "market", boardId: board.id })] };
    res.status(page > pages ? 404 : 200).render("disclosures/list", {
      title: `${board.stockName} 공시`,
      tab: "disclosures",
      board,
      rows,
      total,
      page,
      pages,
      blocks: pageBlock(Math.min(page, pages), pages),
    });
  });
  return router;
}
