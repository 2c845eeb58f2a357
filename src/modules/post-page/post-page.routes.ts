// The post page (public, counting views) and the comment forms on it, whose refusals come
// back to the same page with the text as typed.
import { Router, type Request, type RequestHandler, type Response } from "express";
import { z } from "zod";
import type { Ctx } from "../../context.ts";
import { RateLimitedError, ValidationError } from "../../domain/errors.ts";
import { requireUser } from "../../http/auth.ts";
import { wantsJson } from "../../http/error-handler.ts";
import { parseForm, tryForm } from "../../http/form.ts";
import type { PageCache } from "../../http/page-cache.ts";
import { hasStoredSession } from "../../http/session.ts";
import { countGraphemes } from "../../lib/graphemes.ts";
import { textField, typedValues } from "../../lib/input.ts";
import { kstDay } from "../../lib/kst-time.ts";
import { maskLoginId } from "../../lib/mask.ts";
import { paths } from "../../lib/paths.ts";
import { useBoardParams } from "../boards/board-params.routes.ts";
import { COMMENT_MAX } from "../comments/comments.rules.ts";
import { createComment, deleteComment, readOwnComment, readReplyTarget } from "../comments/comments.service.ts";
import { flash } from "../../http/flash.ts";
import { isBot, viewerKey } from "../viewcounts/viewcounts.rules.ts";
import type { ViewCounter } from "../viewcounts/viewcounts.service.ts";
import { renderPostPage } from "./render.routes.ts";

interface PageDeps {
  viewCounter: ViewCounter;
  secret: string; // salts the hash that identifies a cookieless viewer
  pageCache: PageCache;
}

/** The post page: public, read-only, and the one place a view is counted (cached copies too). */
export function postPageRouter(ctx: Ctx, { viewCounter, secret, pageCache }: PageDeps): Router {
  const router = useBoardParams(Router(), ctx);
  // Counted after the page is built: the reader sees the count before their own view, and
  // the write happens in the next batch, off this request (docs/decisions/0006).
  const countView = (req: Request, post: ViewedPost) => {
    const user = req.session?.user;
    if (post.deletedAt || user?.id === post.authorId || isBot(req.get("user-agent"))) return;
    const day = kstDay(ctx.clock());
    const who = { userId: user?.id, sessionId: hasStoredSession(req) ? req.sessionID : undefined, ip: req.ip ?? "", userAgent: req.get("user-agent") ?? "" };
    viewCounter.record({ postId: post.id, viewerKey: viewerKey(who, day, secret), day });
  };
  router.get("/boards/:code/posts/:number", pageCache.route((req, meta) => countView(req, meta as ViewedPost)), async (req, res) => {
    countView(req, await renderPostPage(ctx, req, res, res.locals.board, res.locals.postNumber));
  });
  return router;
}

type ViewedPost = Pick<Awaited<ReturnType<typeof renderPostPage>>, "id" | "authorId" | "deletedAt">;

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
export function commentsRouter(ctx: Ctx, limits: { comments: RequestHandler[]; edits: RequestHandler[] }): Router {
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
      return renderPostPage(ctx, req, res, board, postNumber, { status: refusal.status, draft: { text: typed, error: refusal.message } });
    }
    const { comment, commentCount } = written.value;
    if (!wantsJson(req)) {
      flash(req, "ok", comment.parentId === null ? "댓글을 남겼습니다." : "답글을 남겼습니다.");
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
    res.status(201).json({ comment: { id: comment.id, parentId: comment.parentId, body: comment.body, createdAt: comment.createdAt }, commentCount, html });
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
