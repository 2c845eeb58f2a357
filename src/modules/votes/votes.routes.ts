// POST …/vote: a plain form post that redirects back to the vote box, or JSON for the
// in-place update (public/js/app.js). Mounted behind the sign-in and CSRF guards.
import { Router, type Request, type RequestHandler, type Response } from "express";
import { z } from "zod";
import type { Ctx } from "../../context.ts";
import type { SignalReader } from "../../http/client-signals.ts";
import { wantsJson } from "../../http/error-handler.ts";
import { parseOr400 } from "../../http/parse.ts";
import { paths } from "../../lib/paths.ts";
import { useBoardParams } from "../boards/board-params.routes.ts";
import { castVote } from "./votes.service.ts";
import { castCommentVote } from "./comment-votes.service.ts";
import { placeOfComment } from "../comments/comments.service.ts";
import { getBoard } from "../boards/boards.service.ts";
import { DomainError } from "../../domain/errors.ts";

const voteSchema = z.object({
  value: z.enum(["up", "down"], { error: "추천 또는 반대를 골라 주세요." }),
});
// `<commentId>.up` or `.down`: what a comment's button sends through the page's one form.
const commentVoteSchema = z.object({
  vote: z
    .string({ error: "공감 또는 비공감을 골라 주세요." })
    .regex(/^[1-9][0-9]{0,9}\.(up|down)$/, "공감 또는 비공감을 골라 주세요.")
    .transform((v) => ({ commentId: Number(v.split(".")[0]), value: v.endsWith(".up") ? ("UP" as const) : ("DOWN" as const) }))
    .refine((v) => v.commentId <= 2_147_483_647, "공감 또는 비공감을 골라 주세요."),
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

  // 공감/비공감 of a comment; without JavaScript the answer lands back on the comment.
  router.post("/boards/:code/posts/:number/comment-votes", ...limits.votes, async (req, res) => {
    const { board, postNumber } = res.locals;
    const { commentId, value } = parseOr400(commentVoteSchema, req.body).vote;
    const result = await castCommentVote(ctx, board, postNumber, commentId, req.session.user!.id, value, signals(req, res, "vote"));
    if (wantsJson(req)) return res.json(result);
    res.redirect(303, paths.commentAt(board.stockCode, postNumber, (await placeOfComment(ctx, board, postNumber, commentId)) ?? 1, commentId));
  });

  return router;
}

/**
 * The 추천/반대 a signed-out reader pressed, cast by the sign-in that followed (the accounts
 * module's carry-over): its CSRF check and Origin were the sign-in form's. A refusal (one's own
 * post, a new account's wait) is said on the post page instead.
 */
export function voteAfterSignIn(ctx: Ctx, signals: SignalReader) {
  return async (req: Request, res: Response, vote: { code: string; number: number; value: "up" | "down" }) => {
    const word = vote.value === "up" ? "추천" : "반대";
    try {
      const board = await getBoard(ctx, vote.code);
      const result = await castVote(ctx, board, vote.number, req.session.user!.id, vote.value === "up" ? "UP" : "DOWN", signals(req, res, "vote"));
      // Pressing the button one had already pressed takes the vote back, as on the page.
      return { kind: "ok" as const, message: result.myVote ? `${word}했습니다.` : `${word}을 취소했습니다.` };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { kind: "error" as const, message: `${word}하지 못했습니다: ${error.message}` };
    }
  };
}
