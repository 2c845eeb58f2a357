// POST …/vote: a plain form post that redirects back to the vote box, or JSON for the
// in-place update (public/js/app.js). Mounted behind the sign-in and CSRF guards.
import { Router, type RequestHandler } from "express";
import { z } from "zod";
import type { Ctx } from "../../context.ts";
import type { SignalReader } from "../../http/client-signals.ts";
import { wantsJson } from "../../http/error-handler.ts";
import { parseOr400 } from "../../http/parse.ts";
import { paths } from "../../lib/paths.ts";
import { useBoardParams } from "../boards/board-params.routes.ts";
import { castVote } from "./votes.service.ts";

const voteSchema = z.object({
  value: z.enum(["up", "down"], { error: "추천 또는 반대를 골라 주세요." }),
});

export function votesRouter(ctx: Ctx, limits: { votes: RequestHandler[] }, signals: SignalReader): Router {
  const router = useBoardParams(Router(), ctx);

  router.post("/boards/:code/posts/:number/vote", ...limits.votes, async (req, res) => {
    const { board, postNumber } = res.locals;
    const { value } = parseOr400(voteSchema, req.body);
    const result = await castVote(ctx, board, postNumber, req.session.user!.id, value === "up" ? "UP" : "DOWN", signals(req, res, "vote"));
    if (wantsJson(req)) return res.json(result);
    res.redirect(303, `${paths.post(board.stockCode, postNumber)}#votes`);
  });

  return router;
}
