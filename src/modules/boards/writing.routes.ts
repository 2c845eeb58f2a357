// 글쓰기, 수정, 삭제 and comments. Mounted behind the sign-in and CSRF guards (src/app.ts).
import { Router, type Request, type Response } from "express";
import { z } from "zod";
import type { Ctx } from "../../context.ts";
import { requireUser } from "../../http/auth.ts";
import { wantsJson } from "../../http/error-handler.ts";
import { RateLimitedError } from "../../http/errors.ts";
import { fieldErrors, parseIdParam, parseStockCodeParam } from "../../http/parse.ts";
import { flash } from "../../http/sign-in.ts";
import { countGraphemes } from "../../lib/graphemes.ts";
import { textField, typedValues } from "../../lib/input.ts";
import { maskLoginId } from "../../lib/mask.ts";
import { paths } from "../../lib/paths.ts";
import { getBoard, type BoardSummary } from "./boards.service.ts";
import { BODY_MAX, COMMENT_MAX, TITLE_MAX } from "./limits.rules.ts";
import { renderPostPage } from "./post-page.ts";
import {
  createComment,
  createPost,
  deleteComment,
  deletePost,
  getEditablePost,
  updatePost,
} from "./writing.service.ts";

const postSchema = z.object({
  title: textField({ label: "제목", min: 1, max: TITLE_MAX }),
  body: textField({ label: "내용", min: 1, max: BODY_MAX, multiline: true }),
});

const commentSchema = z.object({
  body: textField({ label: "댓글", min: 1, max: COMMENT_MAX, multiline: true }),
});

const POST_FIELDS = ["title", "body"] as const;

interface FormState {
  mode: "new" | "edit";
  number?: number;
  values: Record<(typeof POST_FIELDS)[number], string>;
  errors: Record<string, string>;
  formError?: string | null;
}

function renderView(res: Response, view: string, locals: object): Promise<string> {
  return new Promise((resolve, reject) => {
    res.render(view, locals, (err, html) => (err ? reject(err) : resolve(html)));
  });
}

function renderPostForm(res: Response, board: BoardSummary, status: number, state: FormState) {
  res.status(status).render("boards/form", {
    title: state.mode === "new" ? `${board.stockName} 글쓰기` : "글 수정",
    board,
    ...state,
    formError: state.formError ?? null,
    titleLength: countGraphemes(state.values.title),
    bodyLength: countGraphemes(state.values.body),
  });
}

async function boardParam(ctx: Ctx, req: Request) {
  return getBoard(ctx, parseStockCodeParam(req.params.code));
}

const postNumber = (req: Request) => parseIdParam(req.params.number, "존재하지 않는 게시글입니다.");

export function writingRouter(ctx: Ctx): Router {
  const router = Router();

  router.get("/boards/:code/write", requireUser, async (req, res) => {
    const board = await boardParam(ctx, req);
    renderPostForm(res, board, 200, { mode: "new", values: { title: "", body: "" }, errors: {} });
  });

  router.post("/boards/:code/posts", async (req, res) => {
    const board = await boardParam(ctx, req);
    const values = typedValues(req.body, POST_FIELDS);
    const parsed = postSchema.safeParse(req.body);
    if (!parsed.success) {
      return renderPostForm(res, board, 400, { mode: "new", values, errors: fieldErrors(parsed.error) });
    }
    try {
      const post = await createPost(ctx, board, req.session.user!.id, parsed.data);
      res.redirect(303, paths.post(board.stockCode, post.number));
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      res.set("Retry-After", String(error.retryAfterSeconds));
      renderPostForm(res, board, 429, { mode: "new", values, errors: {}, formError: error.message });
    }
  });

  router.get("/boards/:code/posts/:number/edit", requireUser, async (req, res) => {
    const board = await boardParam(ctx, req);
    const post = await getEditablePost(ctx, board, postNumber(req), req.session.user!.id);
    renderPostForm(res, board, 200, { mode: "edit", number: post.number, values: post, errors: {} });
  });

  router.post("/boards/:code/posts/:number/edit", async (req, res) => {
    const board = await boardParam(ctx, req);
    const number = postNumber(req);
    const values = typedValues(req.body, POST_FIELDS);
    const parsed = postSchema.safeParse(req.body);
    if (!parsed.success) {
      await getEditablePost(ctx, board, number, req.session.user!.id); // 403/404 before 400
      return renderPostForm(res, board, 400, { mode: "edit", number, values, errors: fieldErrors(parsed.error) });
    }
    await updatePost(ctx, board, number, req.session.user!.id, parsed.data);
    flash(req, "ok", "글을 고쳤습니다.");
    res.redirect(303, paths.post(board.stockCode, number));
  });

  router.post("/boards/:code/posts/:number/delete", async (req, res) => {
    const board = await boardParam(ctx, req);
    const number = postNumber(req);
    await deletePost(ctx, board, number, req.session.user!.id);
    flash(req, "ok", "글을 지웠습니다.");
    res.redirect(303, paths.board(board.stockCode));
  });

  router.post("/boards/:code/posts/:number/comments", async (req, res) => {
    const board = await boardParam(ctx, req);
    const number = postNumber(req);
    const { body: typed } = typedValues(req.body, ["body"] as const);
    const parsed = commentSchema.safeParse(req.body);
    const refuse = async (status: number, message: string) => {
      if (wantsJson(req)) {
        return res.status(status).json({ error: { code: status === 429 ? "rate_limited" : "validation", message } });
      }
      await renderPostPage(ctx, req, res, board, number, { status, draft: { text: typed, error: message } });
    };
    if (!parsed.success) return refuse(400, Object.values(fieldErrors(parsed.error)).join(" "));
    try {
      const { comment, commentCount } = await createComment(ctx, board, number, req.session.user!.id, parsed.data.body);
      if (wantsJson(req)) {
        // The same partial the page uses, so an in-place comment looks exactly like a reload.
        const user = req.session.user!;
        const c = { ...comment, deletedAt: null, mine: true, author: { nickname: user.nickname, maskedLoginId: maskLoginId(user.loginId) } };
        const html = await renderView(res, "boards/_comments", { comments: [c], board, postNumber: number });
        return res.status(201).json({ comment: { id: comment.id, body: comment.body, createdAt: comment.createdAt }, commentCount, html });
      }
      res.redirect(303, paths.commentAnchor(board.stockCode, number, comment.id));
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      res.set("Retry-After", String(error.retryAfterSeconds));
      await refuse(429, error.message);
    }
  });

  router.post("/boards/:code/posts/:number/comments/:commentId/delete", async (req, res) => {
    const board = await boardParam(ctx, req);
    const number = postNumber(req);
    const commentId = parseIdParam(req.params.commentId, "존재하지 않는 댓글입니다.");
    const { commentCount } = await deleteComment(ctx, board, number, commentId, req.session.user!.id);
    if (wantsJson(req)) return res.json({ commentCount });
    res.redirect(303, paths.commentAnchor(board.stockCode, number, commentId));
  });

  return router;
}
