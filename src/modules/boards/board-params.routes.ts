// The route parameters that name a board, a post or a comment: parsed, and the board loaded,
// once per request however many routers have them, so handlers start from `res.locals`.
import type { Router } from "express";
import type { Ctx } from "../../context.ts";
import { NoSuchBoard, NoSuchComment, NoSuchPost } from "../../domain/errors.ts";
import { parseIdParam } from "../../http/parse.ts";
import { getBoard, type BoardSummary } from "./boards.service.ts";

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      board: BoardSummary; // from :code
      postNumber: number; // from :number
      commentId: number; // from :commentId
    }
  }
}

const STOCK_CODE = /^[0-9]{6}$/;

export function useBoardParams(router: Router, ctx: Ctx): Router {
  router.param("code", (_req, res, next, value: string) => {
    if (!STOCK_CODE.test(value)) return next(new NoSuchBoard());
    // Loaded already by an earlier router of this request (the price header, another module's).
    if (res.locals.board?.stockCode === value) return next();
    getBoard(ctx, value).then((board) => {
      res.locals.board = board;
      next();
    }, next);
  });
  router.param("number", (_req, res, next, value: string) => {
    try {
      res.locals.postNumber = parseIdParam(value, () => new NoSuchPost());
      next();
    } catch (error) {
      next(error);
    }
  });
  router.param("commentId", (_req, res, next, value: string) => {
    try {
      res.locals.commentId = parseIdParam(value, () => new NoSuchComment());
      next();
    } catch (error) {
      next(error);
    }
  });
  return router;
}
