// The route parameters that name a board, a post or a comment: parsed, and the board loaded,
// once per request however many routers have them, so handlers start from `res.locals`.
import type { RequestParamHandler, Response, Router } from "express";
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

/** A parameter naming a row by number: parsed once into res.locals, or that row's 404. */
function idParam(keep: (res: Response, id: number) => void, missing: () => Error): RequestParamHandler {
  return (_req, res, next, value: string) => {
    try {
      keep(res, parseIdParam(value, missing));
      next();
    } catch (error) {
      next(error);
    }
  };
}

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
  router.param("number", idParam((res, id) => (res.locals.postNumber = id), () => new NoSuchPost()));
  router.param("commentId", idParam((res, id) => (res.locals.commentId = id), () => new NoSuchComment()));
  return router;
}
