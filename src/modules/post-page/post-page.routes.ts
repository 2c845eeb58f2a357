// The post page: public, counting views (cached copies too). The comment forms on it are the
// comments module's routes, which the app hands this page's renderer for their refusals.
import { Router, type Request } from "express";
import type { Ctx } from "../../context.ts";
import type { PageCache } from "../../http/page-cache.ts";
import { hasStoredSession } from "../../http/session.ts";
import { kstDay } from "../../lib/kst-time.ts";
import { useBoardParams } from "../boards/board-params.routes.ts";
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
