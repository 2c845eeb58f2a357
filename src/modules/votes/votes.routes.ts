// POST …/vote: a plain form post that redirects back to the vote box, or JSON for the
// in-place update (public/js/app.js). Mounted behind the sign-in and CSRF guards.
import { Router } from "express";
import { z } from "zod";
import type { Ctx } from "../../context.ts";
import { wantsJson } from "../../http/error-handler.ts";
import { parseIdParam, parseOr400, parseStockCodeParam } from "../../http/parse.ts";
import { paths } from "../../lib/paths.ts";
import { getBoard } from "../boards/boards.service.ts";
import { castVote } from "./votes.service.ts";

const voteSchema = z.object({
  value: z.enum(["up", "down"], { error: "추천 또는 반대를 골라 주세요." }),
});

export function votesRouter(ctx: Ctx): Router {
  const router = Router();

  router.post("/boards/:code/posts/:number/vote", async (req, res) => {
    const board = await getBoard(ctx, parseStockCodeParam(req.params.code));
    const number = parseIdParam(req.params.number, "존재하지 않는 게시글입니다.");
    const { value } = parseOr400(voteSchema, req.body);
    const result = await castVote(ctx, board, number, req.session.user!.id, value === "up" ? "UP" : "DOWN");
    if (wantsJson(req)) return res.json(result);
    res.redirect(303, `${paths.post(board.stockCode, number)}#votes`);
  });

  return router;
}
