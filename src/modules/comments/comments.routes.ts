// 댓글 and 답글: writing and deleting comments, and the reply page. A refused comment goes back
// (303) to the page its form is on — the post page or the reply page — which shows the text as
// typed with the reason (src/http/draft.ts): an address that can be reloaded, not the POST's.
import { Router, type Request, type RequestHandler, type Response } from "express";
import { z } from "zod";
import type { Ctx } from "../../context.ts";
import { RateLimitedError, ValidationError } from "../../domain/errors.ts";
import { requireUser } from "../../http/auth.ts";
import { wantsJson } from "../../http/error-handler.ts";
import { flash } from "../../http/flash.ts";
import { keepDraft, takeDraft } from "../../http/draft.ts";
import { renderFragment } from "../../http/views.ts";
import { limitRefused, parseForm, tryForm, type Refusal } from "../../http/form.ts";
import { countGraphemes } from "../../lib/graphemes.ts";
import { textField, typedValues } from "../../lib/input.ts";
import { maskLoginId } from "../../lib/mask.ts";
import { paths } from "../../lib/paths.ts";
import { useBoardParams } from "../boards/board-params.routes.ts";
import { COMMENT_MAX } from "./comments.rules.ts";
import { heldNotice } from "../cleanbot/cleanbot.service.ts";
import { createComment, deleteComment, readOwnComment, readReplyTarget, placeOfComment } from "./comments.service.ts";

const commentSchema = z.object({
  body: textField({ label: "댓글", min: 1, max: COMMENT_MAX, multiline: true }),
  // 답글: the comment answered (a form sends it as text, a JSON client may send a number).
  parentId: z
    .union([z.string().regex(/^[1-9][0-9]{0,9}$/), z.number().int().positive().max(2_147_483_647)], { error: "답글을 달 댓글이 올바르지 않습니다." })
    .transform(Number)
    .optional(),
});

function renderReplyPage(res: Response, status: number, target: { id: number; body: string; nickname: string }, draft: string, message: string | null, refused: boolean) {
  const { board, postNumber } = res.locals;
  res.status(status).render("post-page/reply", {
    title: "답글 쓰기",
    board,
    postNumber,
    target,
    draft,
    draftLength: countGraphemes(draft),
    formError: refused ? message : null,
    formNotice: refused ? null : message,
  });
}

/** Writing and deleting comments. Mounted behind the sign-in and CSRF guards (src/app.ts). */
export function commentsRouter(ctx: Ctx, limits: { comments: RequestHandler[]; edits: RequestHandler[] }): Router {
  const router = useBoardParams(Router(), ctx);

  // A refusal the writer can act on (a mistake, a limit) goes back to the form's page with the
  // text; any other (a deleted or blinded post, a reply's comment gone meanwhile) is the
  // post's own state, said on the error page.
  const refuse = async (req: Request, res: Response, refusal: Refusal) => {
    const { board, postNumber } = res.locals;
    const { body: typed, parentId: typedParent } = typedValues(req.body, ["body", "parentId"] as const);
    if (!(refusal.error instanceof ValidationError || refusal.error instanceof RateLimitedError)) throw refusal.error;
    const replyTo = /^[1-9][0-9]{0,9}$/.test(typedParent) ? Number(typedParent) : null;
    if (replyTo !== null) await readReplyTarget(ctx, board, postNumber, replyTo).catch(() => Promise.reject(refusal.error));
    const page = replyTo === null ? paths.post(board.stockCode, postNumber) : paths.reply(board.stockCode, postNumber, replyTo);
    keepDraft(req, { path: page, fields: { body: typed }, message: refusal.message, refused: true });
    // No #fragment: a page with a target element skips autofocus, and the box's autofocus is
    // what scrolls to it and puts the caret back in the text.
    res.redirect(303, page);
  };

  // Without JavaScript, 답글 opens this page; with it, a form opens in place.
  router.get("/boards/:code/posts/:number/comments/:commentId/reply", requireUser, async (req, res) => {
    const { board, postNumber, commentId } = res.locals;
    const target = await readReplyTarget(ctx, board, postNumber, commentId);
    // The text a refusal or a sign-in brought back; else a reply to a reply is addressed to
    // whom it answers (it answers their parent comment).
    const draft = takeDraft(req, req.path);
    const text = draft ? (draft.fields.body ?? "") : target.isReply ? `@${target.nickname} ` : "";
    renderReplyPage(res, 200, target, text, draft?.message ?? null, !!draft?.refused);
  });

  router.post(
    "/boards/:code/posts/:number/comments",
    ...limits.comments,
    async (req: Request, res: Response) => {
      const { board, postNumber } = res.locals;
      const user = req.session.user!;
      const written = await tryForm(req, res, () => {
        const { body, parentId } = parseForm(commentSchema, req.body);
        return createComment(ctx, board, postNumber, user.id, body, parentId);
      });
      if (!written.ok) return refuse(req, res, written.refusal);
      const { comment, commentCount, repeated } = written.value;
      if (!wantsJson(req)) {
        const noun = comment.parentId === null ? "댓글" : "답글";
        // A second press of 등록 (the same text within moments) lands on the first.
        const notice = repeated ? `이미 남긴 ${noun}입니다.` : comment.heldAt && comment.cleanbot ? heldNotice(comment.cleanbot, noun) : `${noun}을 남겼습니다.`;
        flash(req, "ok", notice);
        return res.redirect(303, paths.commentAt(board.stockCode, postNumber, (await placeOfComment(ctx, board, postNumber, comment.id)) ?? 1, comment.id));
      }
      // The same partial the page uses, so an in-place comment looks exactly like a reload.
      const c = {
        ...comment,
        deletedAt: null,
        hiddenAt: null,
        upCount: 0,
        downCount: 0,
        mine: true,
        author: { id: user.id, nickname: user.nickname, maskedLoginId: maskLoginId(user.loginId), operator: !!user.operator },
      };
      const html = await renderFragment(res, "post-page/_comments", { comments: [c], board, postNumber, isOperator: false, asReplies: comment.parentId !== null });
      res.status(repeated ? 200 : 201).json({
        comment: { id: comment.id, parentId: comment.parentId, body: comment.body, createdAt: comment.createdAt, held: comment.heldAt !== null, folded: !!comment.cleanbot && !comment.heldAt },
        commentCount,
        repeated,
        html,
      });
    },
    limitRefused((req, res, refusal) => refuse(req, res, refusal)),
  );

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
    flash(req, "ok", "댓글을 삭제했습니다.");
    res.redirect(303, paths.commentAt(board.stockCode, postNumber, (await placeOfComment(ctx, board, postNumber, commentId)) ?? 1, commentId));
  });

  return router;
}
