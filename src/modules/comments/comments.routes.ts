// 댓글 and 답글: writing and deleting comments, and the reply page. A refused comment comes back
// on the post page with the text as typed; that page is the post-page module's, above this one,
// so the app hands its renderer in (`showPostPage`).
import { Router, type Request, type RequestHandler, type Response } from "express";
import { z } from "zod";
import type { Ctx } from "../../context.ts";
import { RateLimitedError, ValidationError } from "../../domain/errors.ts";
import { requireUser } from "../../http/auth.ts";
import { wantsJson } from "../../http/error-handler.ts";
import { flash } from "../../http/flash.ts";
import { parseForm, tryForm } from "../../http/form.ts";
import { countGraphemes } from "../../lib/graphemes.ts";
import { textField, typedValues } from "../../lib/input.ts";
import { maskLoginId } from "../../lib/mask.ts";
import { paths } from "../../lib/paths.ts";
import { useBoardParams } from "../boards/board-params.routes.ts";
import type { BoardSummary } from "../boards/boards.service.ts";
import { COMMENT_MAX } from "./comments.rules.ts";
import { heldNotice } from "../cleanbot/cleanbot.service.ts";
import { createComment, deleteComment, readOwnComment, readReplyTarget } from "./comments.service.ts";

/** Draws the post page again with a comment's draft and its refusal (post-page's renderPostPage). */
export type ShowPostPage = (
  ctx: Ctx,
  req: Request,
  res: Response,
  board: BoardSummary,
  number: number,
  options: { status: number; draft: { text: string; error: string } },
) => Promise<unknown>;

const commentSchema = z.object({
  body: textField({ label: "댓글", min: 1, max: COMMENT_MAX, multiline: true }),
  // 답글: the comment answered (a form sends it as text, a JSON client may send a number).
  parentId: z
    .union([z.string().regex(/^[1-9][0-9]{0,9}$/), z.number().int().positive().max(2_147_483_647)], { error: "답글을 달 댓글이 올바르지 않습니다." })
    .transform(Number)
    .optional(),
});

function renderReplyPage(res: Response, status: number, target: { id: number; body: string; nickname: string }, draft: string, error: string | null) {
  const { board, postNumber } = res.locals;
  res.status(status).render("post-page/reply", {
    title: "답글 쓰기",
    board,
    postNumber,
    target,
    draft,
    draftLength: countGraphemes(draft),
    formError: error,
  });
}

function renderView(req: Request, view: string, locals: object): Promise<string> {
  return new Promise((resolve, reject) => {
    req.res!.render(view, locals, (err, html) => (err ? reject(err) : resolve(html)));
  });
}

/** Writing and deleting comments. Mounted behind the sign-in and CSRF guards (src/app.ts). */
export function commentsRouter(ctx: Ctx, limits: { comments: RequestHandler[]; edits: RequestHandler[] }, showPostPage: ShowPostPage): Router {
  const router = useBoardParams(Router(), ctx);

  // Without JavaScript, 답글 opens this page; with it, a form opens in place.
  router.get("/boards/:code/posts/:number/comments/:commentId/reply", requireUser, async (req, res) => {
    const { board, postNumber, commentId } = res.locals;
    const target = await readReplyTarget(ctx, board, postNumber, commentId);
    // A reply to a reply answers its parent comment, addressed to whom it answers.
    renderReplyPage(res, 200, target, target.isReply ? `@${target.nickname} ` : "", null);
  });

  router.post("/boards/:code/posts/:number/comments", ...limits.comments, async (req, res) => {
    const { board, postNumber } = res.locals;
    const { body: typed, parentId: typedParent } = typedValues(req.body, ["body", "parentId"] as const);
    const user = req.session.user!;
    const written = await tryForm(req, res, () => {
      const { body, parentId } = parseForm(commentSchema, req.body);
      return createComment(ctx, board, postNumber, user.id, body, parentId);
    });
    if (!written.ok) {
      const { refusal } = written;
      const replyTo = /^[1-9][0-9]{0,9}$/.test(typedParent) ? Number(typedParent) : null;
      if (replyTo !== null) {
        // A refused reply comes back on the reply page (if its comment can still be answered).
        const target = await readReplyTarget(ctx, board, postNumber, replyTo).catch(() => null);
        if (!target) throw refusal.error; // deleted or hidden meanwhile: the refusal itself says why
        return renderReplyPage(res, refusal.status, target, typed, refusal.message);
      }
      // The post page can show a comment's mistakes and limits under its form; any other
      // refusal (a deleted or blinded post) is the post's own state, said on the error page.
      if (!(refusal.error instanceof ValidationError || refusal.error instanceof RateLimitedError)) throw refusal.error;
      return showPostPage(ctx, req, res, board, postNumber, { status: refusal.status, draft: { text: typed, error: refusal.message } });
    }
    const { comment, commentCount } = written.value;
    if (!wantsJson(req)) {
      flash(req, "ok", comment.heldAt && comment.cleanbot ? heldNotice(comment.cleanbot, comment.parentId === null ? "댓글" : "답글") : comment.parentId === null ? "댓글을 남겼습니다." : "답글을 남겼습니다.");
      return res.redirect(303, paths.commentAnchor(board.stockCode, postNumber, comment.id));
    }
    // The same partial the page uses, so an in-place comment looks exactly like a reload.
    const c = {
      ...comment,
      deletedAt: null,
      hiddenAt: null,
      mine: true,
      author: { id: user.id, nickname: user.nickname, maskedLoginId: maskLoginId(user.loginId), operator: !!user.operator },
    };
    const html = await renderView(req, "post-page/_comments", { comments: [c], board, postNumber, isOperator: false, asReplies: comment.parentId !== null });
    res.status(201).json({
      comment: { id: comment.id, parentId: comment.parentId, body: comment.body, createdAt: comment.createdAt, held: comment.heldAt !== null, folded: !!comment.cleanbot && !comment.heldAt },
      commentCount,
      html,
    });
  });

  // Without JavaScript, 삭제 opens this page; with it, a dialog asks the same.
  router.get("/boards/:code/posts/:number/comments/:commentId/delete", requireUser, async (req, res) => {
    const { board, postNumber, commentId } = res.locals;
    const comment = await readOwnComment(ctx, board, postNumber, commentId, req.session.user!.id);
    res.render("posts/confirm-delete", {
      title: "댓글 삭제",
      board,
      heading: "이 댓글을 삭제할까요?",
      excerpt: comment.body,
      action: paths.deleteComment(board.stockCode, postNumber, commentId),
      cancel: paths.commentAnchor(board.stockCode, postNumber, commentId),
    });
  });

  router.post("/boards/:code/posts/:number/comments/:commentId/delete", ...limits.edits, async (req, res) => {
    const { board, postNumber, commentId } = res.locals;
    const { commentCount } = await deleteComment(ctx, board, postNumber, commentId, req.session.user!.id);
    if (wantsJson(req)) return res.json({ commentCount });
    flash(req, "ok", "댓글을 지웠습니다.");
    res.redirect(303, paths.commentAnchor(board.stockCode, postNumber, commentId));
  });

  return router;
}
