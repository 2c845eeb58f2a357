// The board header's prices, for every page under /boards/<code>: looked up once per request
// (from a copy each process keeps for seconds) and left in res.locals for the header partial.
import { Router } from "express";
import type { Ctx } from "../../context.ts";
import { findBoard } from "../boards/directory.service.ts";
import type { PriceHeader } from "./quotes.rules.ts";
import { readPriceHeader } from "./quotes.service.ts";

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      priceHeader?: PriceHeader | null; // undefined: not looked up (no board); null: no prices loaded
    }
  }
}

export function priceHeaderLocals(ctx: Ctx): Router {
  const router = Router();
  router.use("/boards/:code", (req, res, next) => {
    const code = req.params.code;
    if (!code || !/^[0-9]{6}$/.test(code)) return next();
    findBoard(ctx, code)
      .then((board) => {
        if (!board) return undefined; // the board's own routes answer 404
        res.locals.board = board; // the routers after this one use it (board-params.routes.ts)
        return readPriceHeader(ctx, board.id);
      })
      .then((header) => {
        res.locals.priceHeader = header;
        next();
      }, next);
  });
  return router;
}
