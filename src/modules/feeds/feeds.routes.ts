// Atom feeds of a board's posts and of a post's comments, the sitemaps, and robots.txt that
// points to them. Mounted before sessions: no cookie is read or set (src/app.ts).
import fs from "node:fs";
import path from "node:path";
import { Router, type RequestHandler } from "express";
import { shownName } from "../../lib/withdrawn.ts";
import type { Ctx } from "../../context.ts";
import { NoSuchPost, NotFoundError } from "../../domain/errors.ts";
import { newest, sendCacheable } from "../../http/open-responses.ts";
import { markOpenRequest } from "../../http/error-handler.ts";
import { parseIdParam } from "../../http/parse.ts";
import { paths } from "../../lib/paths.ts";
import { renderBody } from "../../lib/text.ts";
import { boardDirectory } from "../boards/directory.service.ts";
import { useBoardParams } from "../boards/board-params.routes.ts";
import { newestVisibleComments } from "../comments/comments.service.ts";
import { feedPosts, readPost, sitemapPosts } from "../posts/posts.service.ts";
import { atomXml, sitemapIndexXml, sitemapXml, tagUri } from "./xml.rules.ts";

export const FEED_ENTRIES = 30;
const OPEN_PATH = /(\.atom|^\/sitemap\.xml|^\/sitemaps\/.*)$/i;
// Far below the 50,000 URLs a sitemap may hold: one sitemap of a busy board is one anonymous
// request, and 50,000 URLs held the event loop for 0.7 s (5.6 MB); 1,000 take a few
// milliseconds. The index lists as many as a board needs.
export const POSTS_PER_SITEMAP = 1000;
const ATOM = "application/atom+xml; charset=utf-8";
const XML = "application/xml; charset=utf-8";
const SITE = "jongto 종목토론실";

/** A comment's one-line title in a feed: its first words. */
// A feed reader cannot fold: what 클린봇 folds is left on the page, behind its 보기.
const FOLDED_TITLE = "클린봇이 가린 댓글";
const FOLDED_HTML = "<p>클린봇이 부적절한 표현을 감지해 가렸습니다. 원문의 보기에서 볼 수 있습니다.</p>";

function commentTitle(body: string): string {
  const line = body.replace(/\s+/g, " ").trim();
  const chars = [...line];
  return chars.length > 40 ? `${chars.slice(0, 40).join("")}…` : line;
}

/**
 * `publicOrigin` is the board's address for every absolute link: PUBLIC_ORIGIN, or the local
 * address (config/env.ts). Never a request's Host header: these answers are public and
 * cacheable, and a forged Host would put its links into every shared copy.
 */
export function feedsRouter(ctx: Ctx, options: { publicOrigin: string; root: string; limits: RequestHandler[] }): Router {
  const router = useBoardParams(Router(), ctx);
  // This router's reads answer errors as JSON (src/http/error-handler.ts), however cased.
  router.use((req, res, next) => (OPEN_PATH.test(req.path) ? markOpenRequest(req, res, next) : next()));
  const robots = fs.readFileSync(path.join(options.root, "public", "robots.txt"), "utf8");

  router.get("/robots.txt", (req, res) => {
    res.type("text/plain; charset=utf-8").send(`${robots.trimEnd()}\n\nSitemap: ${options.publicOrigin}/sitemap.xml\n`);
  });

  router.get("/boards/:code/feed.atom", ...options.limits, async (req, res) => {
    const { board } = res.locals;
    const origin = options.publicOrigin;
    const posts = await feedPosts(ctx, board, FEED_ENTRIES);
    const body = atomXml({
      id: tagUri(origin, `boards/${board.stockCode}`),
      title: `${board.stockName}(${board.stockCode}) 종목토론`,
      subtitle: `${board.stockName} 종목토론실의 새 글 ${FEED_ENTRIES}개`,
      url: origin + paths.board(board.stockCode),
      self: origin + paths.boardFeed(board.stockCode),
      updated: newest(...posts.map((p) => p.editedAt ?? p.createdAt)) ?? new Date(0),
      author: SITE,
      entries: posts.map((p) => ({
        id: tagUri(origin, `boards/${board.stockCode}/posts/${p.number}`),
        title: p.title,
        author: p.author,
        published: p.createdAt,
        updated: p.editedAt ?? p.createdAt,
        url: origin + paths.post(board.stockCode, p.number),
        html: p.folded ? FOLDED_HTML : renderBody(p.body),
      })),
    });
    sendCacheable(req, res, { body, type: ATOM });
  });

  router.get("/boards/:code/posts/:number/feed.atom", ...options.limits, async (req, res) => {
    const { board, postNumber } = res.locals;
    const origin = options.publicOrigin;
    const { post } = await readPost(ctx, board, postNumber);
    // A post the public cannot read has no feed.
    if (post.deletedAt || post.blindedAt || post.hiddenAt || post.heldAt) throw new NoSuchPost();
    const comments = await newestVisibleComments(ctx, post.id, FEED_ENTRIES);
    const url = origin + paths.post(board.stockCode, post.number);
    const body = atomXml({
      id: tagUri(origin, `boards/${board.stockCode}/posts/${post.number}/comments`),
      title: `댓글: ${post.title}`,
      subtitle: `${board.stockName} 종목토론 ${post.number}번 글의 새 댓글`,
      url,
      self: origin + paths.postFeed(board.stockCode, post.number),
      updated: newest(post.createdAt, ...comments.map((c) => c.createdAt))!,
      author: SITE,
      entries: comments.map((c) => ({
        id: tagUri(origin, `boards/${board.stockCode}/posts/${post.number}/comments/${c.id}`),
        title: c.cleanbot ? FOLDED_TITLE : commentTitle(c.body),
        author: shownName(c.author.nickname),
        published: c.createdAt,
        updated: c.createdAt,
        url: `${url}#comment-${c.id}`,
        html: c.cleanbot ? FOLDED_HTML : renderBody(c.body),
      })),
    });
    sendCacheable(req, res, { body, type: ATOM });
  });

  // The index: each board's sitemaps, one per POSTS_PER_SITEMAP post numbers (the first also
  // lists the board's page, so none passes the 50,000 URLs a sitemap may hold).
  router.get("/sitemap.xml", ...options.limits, async (req, res) => {
    const origin = options.publicOrigin;
    const { byName } = await boardDirectory(ctx);
    const sitemaps = byName.flatMap((b) =>
      Array.from({ length: Math.max(1, Math.ceil(b.lastPostNumber / POSTS_PER_SITEMAP)) }, (_, i) => ({ loc: origin + paths.boardSitemap(b.stockCode, i + 1) })),
    );
    sendCacheable(req, res, { body: sitemapIndexXml(sitemaps), type: XML });
  });

  router.get("/sitemaps/:code/:part.xml", ...options.limits, async (req, res) => {
    const { board } = res.locals;
    const part = parseIdParam(req.params.part, () => new NotFoundError());
    const lo = (part - 1) * POSTS_PER_SITEMAP;
    const last = (await boardDirectory(ctx)).byCode.get(board.stockCode)?.lastPostNumber ?? 0;
    if (part > 1 && lo >= last) throw new NotFoundError();
    const origin = options.publicOrigin;
    const posts = await sitemapPosts(ctx, board, lo, lo + POSTS_PER_SITEMAP);
    const urls = [
      ...(part === 1 ? [{ loc: origin + paths.board(board.stockCode) }] : []),
      ...posts.map((p) => ({ loc: origin + paths.post(board.stockCode, p.number), lastmod: p.changedAt })),
    ];
    sendCacheable(req, res, { body: sitemapXml(urls), type: XML });
  });

  return router;
}
