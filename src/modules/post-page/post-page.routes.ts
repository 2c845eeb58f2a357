// The post page: public, counting views (cached copies too). The comment forms on it are the
// comments module's routes, which the app hands this page's renderer for their refusals.
import { Router, type Request } from "express";
import type { Ctx } from "../../context.ts";
import type { PageCache } from "../../http/page-cache.ts";
import { hasStoredSession } from "../../http/session.ts";
import { kstDay } from "../../lib/kst-time.ts";
import { useBoardParams } from "../boards/board-params.routes.ts";
import { isBot, viewerKey, type ViewerIdentity } from "../viewcounts/viewcounts.rules.ts";
import type { ViewCounter } from "../viewcounts/viewcounts.service.ts";
import { renderMoreComments, renderPostPage } from "./render.routes.ts";
import { z } from "zod";
import { parseOr400 } from "../../http/parse.ts";
import { NoSuchComment, ValidationError } from "../../domain/errors.ts";
import { paths } from "../../lib/paths.ts";
import { placeOfComment } from "../comments/comments.service.ts";
import { COMMENT_SORTS, DEFAULT_COMMENT_SORT, parseCursor, type CommentSort } from "../comments/comments.rules.ts";
import { wantsJson } from "../../http/error-handler.ts";

const SORT_NAMES = Object.keys(COMMENT_SORTS) as [CommentSort, ...CommentSort[]];
const sortError = `댓글 정렬은 ${Object.values(COMMENT_SORTS).join(", ")} 중에서 고를 수 있습니다.`;

// The post page's own query: which page of comments, in which order.
const postPageQuery = z.object({
  csort: z.enum(SORT_NAMES, { error: sortError }).optional(),
  cpage: z.string().regex(/^[1-9][0-9]{0,6}$/, "댓글 페이지 번호가 올바르지 않습니다.").transform(Number).optional(),
});

const moreQuery = z.object({
  sort: z.enum(SORT_NAMES, { error: sortError }).default(DEFAULT_COMMENT_SORT),
  after: z.string().max(40),
});

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
  const countView = (who: ViewerIdentity, post: ViewedPost) => {
    if (post.deletedAt || who.userId === post.authorId || isBot(who.userAgent)) return;
    const day = kstDay(ctx.clock());
    viewCounter.record({ postId: post.id, viewerKey: viewerKey(who, day, secret), day });
  };
  const viewerOf = (req: Request): ViewerIdentity => ({
    userId: req.session?.user?.id,
    sessionId: hasStoredSession(req) ? req.sessionID : undefined,
    ip: req.ip ?? "",
    userAgent: req.get("user-agent") ?? "",
  });
  router.get("/boards/:code/posts/:number", pageCache.route((reader, meta) => countView(reader, meta as ViewedPost)), async (req, res) => {
    const query = parseOr400(postPageQuery, req.query);
    const comments = { sort: query.csort ?? DEFAULT_COMMENT_SORT, page: query.cpage ?? 1 };
    countView(viewerOf(req), await renderPostPage(ctx, req, res, res.locals.board, res.locals.postNumber, comments));
  });

  // 더보기 (public/js/app.js): the next comments after a cursor, as the page would draw them.
  router.get("/boards/:code/posts/:number/comments", async (req, res) => {
    const { board, postNumber } = res.locals;
    // Without JavaScript the page links are the way: a plain request goes to the comment list.
    if (!wantsJson(req)) return res.redirect(303, paths.commentPage(board.stockCode, postNumber, {}));
    const query = parseOr400(moreQuery, req.query);
    const after = parseCursor(query.sort, query.after);
    if (!after) throw new ValidationError("더 불러올 댓글의 위치가 올바르지 않습니다.");
    res.json(await renderMoreComments(ctx, req, res, board, postNumber, query.sort, after));
  });

  // A link to a comment (notifications, profiles, the queue) lands on the page that holds it.
  router.get("/boards/:code/posts/:number/comments/:commentId", async (req, res) => {
    const { board, postNumber, commentId } = res.locals;
    const page = await placeOfComment(ctx, board, postNumber, commentId);
    if (page === null) throw new NoSuchComment();
    res.redirect(302, paths.commentAt(board.stockCode, postNumber, page, commentId));
  });
  return router;
}

type ViewedPost = Pick<Awaited<ReturnType<typeof renderPostPage>>, "id" | "authorId" | "deletedAt">;
