// Reading routes: the board index, a board's list page and a post page.
import { Router } from "express";
import { z } from "zod";
import type { Ctx } from "../../context.ts";
import { parseIdParam, parseStockCodeParam, parseOr400, fieldErrors } from "../../http/parse.ts";
import { countGraphemes } from "../../lib/graphemes.ts";
import { hasStoredSession } from "../../http/session.ts";
import { kstDay } from "../../lib/kst-time.ts";
import { pageBlock } from "../../lib/pagination.ts";
import { ensureCurrentPanel } from "../jury/panel.service.ts";
import { isBot, viewerKey } from "../viewcounts/viewcounts.rules.ts";
import type { ViewCounter } from "../viewcounts/viewcounts.service.ts";
import { SEARCH_FIELDS } from "./boards.rules.ts";
import { getBoard, listBoardsWithNewestPost } from "./boards.service.ts";
import { renderPostPage } from "./post-page.ts";
import { listPosts, type Search } from "./posts.service.ts";

const SEARCH_MAX = 50; // graphemes; longer queries are typing accidents, not searches

const pageParam = z
  .string()
  .regex(/^[1-9][0-9]{0,6}$/, "페이지 번호가 올바르지 않습니다.")
  .transform(Number);

const listQuery = z.object({
  page: pageParam.optional(),
  field: z.enum(["title_content", "title", "content", "author"]).optional(),
  q: z.string().optional(),
});

const searchInput = z.object({
  field: z.enum(["title_content", "title", "content", "author"]),
  q: z
    .string()
    .trim()
    .refine((q) => !/[\u0000-\u001f\u007f]/.test(q), "검색어에 사용할 수 없는 문자가 있습니다.")
    .refine((q) => countGraphemes(q) <= SEARCH_MAX, `검색어는 ${SEARCH_MAX}자 이내로 입력해 주세요.`),
});

interface ReadingDeps {
  viewCounter: ViewCounter;
  secret: string; // salts the hash that identifies a cookieless viewer
}

export function boardsRouter(ctx: Ctx, { viewCounter, secret }: ReadingDeps): Router {
  const router = Router();

  router.get("/", async (_req, res) => {
    const boards = await listBoardsWithNewestPost(ctx);
    res.render("boards/index", { title: "종목토론실", boards });
  });

  router.get("/boards/:code", async (req, res) => {
    const board = await getBoard(ctx, parseStockCodeParam(req.params.code));
    await ensureCurrentPanel(ctx, board.id); // the first use of a board in a month chooses its jury
    const query = parseOr400(listQuery, req.query);
    const page = query.page ?? 1;
    const typed = { field: query.field ?? "title_content", q: query.q ?? "" };
    let search: Search | undefined;
    let searchError: string | null = null;
    if (typed.q.trim() !== "") {
      const parsed = searchInput.safeParse(typed);
      if (parsed.success) search = parsed.data;
      else searchError = Object.values(fieldErrors(parsed.error)).join(" ");
    }
    const list = searchError
      ? { rows: [], page: 1, totalPages: 1 }
      : await listPosts(ctx, board, page, search);
    res.status(searchError ? 400 : 200).render("boards/list", {
      title: `${board.stockName} 종목토론`,
      board,
      list,
      blocks: pageBlock(list.page, list.totalPages),
      search: typed,
      activeSearch: search ?? null,
      searchError,
      searchFields: SEARCH_FIELDS,
    });
  });

  router.get("/boards/:code/posts/:number", async (req, res) => {
    const board = await getBoard(ctx, parseStockCodeParam(req.params.code));
    const number = parseIdParam(req.params.number, "존재하지 않는 게시글입니다.");
    const post = await renderPostPage(ctx, req, res, board, number);
    // Counted after the page is built: the reader sees the count before their own view, and
    // the write happens in the next batch, off this request (docs/decisions/0006).
    const user = req.session?.user;
    if (!post.deletedAt && user?.id !== post.authorId && !isBot(req.get("user-agent"))) {
      const day = kstDay(ctx.clock());
      const who = { userId: user?.id, sessionId: hasStoredSession(req) ? req.sessionID : undefined, ip: req.ip ?? "", userAgent: req.get("user-agent") ?? "" };
      viewCounter.record({ postId: post.id, viewerKey: viewerKey(who, day, secret), day });
    }
  });

  return router;
}
