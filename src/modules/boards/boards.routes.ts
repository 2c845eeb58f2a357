// The home page (search box, busiest boards today, newest posts), the 종목 search and the
// directory (/boards), and the suggestions the search box shows as one types (/boards/suggest).
import { Router } from "express";
import { z } from "zod";
import type { Ctx } from "../../context.ts";
import { fieldErrors, pageQuery, parseOr400 } from "../../http/parse.ts";
import { pageBlock } from "../../lib/pagination.ts";
import { paths } from "../../lib/paths.ts";
import { DIRECTORY_GROUPS, HANGUL_GROUPS, LATIN_GROUPS, OTHER_GROUP, QUERY_MAX, searchKey, SUGGESTION_LIMIT } from "./board-search.rules.ts";
import { ALERTS } from "./alerts.rules.ts";
import { busiestBoardsToday, DIRECTORY_PAGE, directoryPage, findBoards, recentPosts } from "./boards.service.ts";

const typedQuery = z
  .string()
  .trim()
  .max(QUERY_MAX, `종목명이나 종목코드는 ${QUERY_MAX}자 이내로 입력해 주세요.`)
  .refine((q) => !/[\u0000-\u001f\u007f]/.test(q), "검색어에 사용할 수 없는 문자가 있습니다.");

const boardsQuery = pageQuery.extend({
  q: z.string().optional(),
  group: z.enum(DIRECTORY_GROUPS as [string, ...string[]], "목록에 없는 분류입니다.").optional(),
});

export function boardIndexRouter(ctx: Ctx): Router {
  const router = Router();

  router.get("/", async (_req, res) => {
    const [busiest, recent] = await Promise.all([busiestBoardsToday(ctx), recentPosts(ctx)]);
    res.render("boards/index", { title: "종목토론실", busiest, recent, q: "", searchInPage: true });
  });

  // Without JavaScript the search box lands here; with it, suggestions come from /boards/suggest.
  router.get("/boards", async (req, res) => {
    const query = parseOr400(boardsQuery, req.query);
    const page = query.page ?? 1;
    const typed = query.q ?? "";
    const view = { title: "종목 찾기", q: typed, searchInPage: true, groups: { hangul: HANGUL_GROUPS, latin: LATIN_GROUPS, other: OTHER_GROUP } };
    if (typed.trim() !== "") {
      const parsed = typedQuery.safeParse(typed);
      if (!parsed.success) {
        // The message of the check that failed (the query is a lone value, not a form field).
        return res.status(400).render("boards/directory", { ...view, error: parsed.error.issues[0]!.message, found: null, group: null, rows: [], blocks: pageBlock(1, 1) });
      }
      const found = await findBoards(ctx, parsed.data, DIRECTORY_PAGE, (page - 1) * DIRECTORY_PAGE);
      // An exact code or name, or the only match: a reader who typed 005930, 삼성전자 or ㅅㅅㅈㅈ
      // and pressed 찾기 wants that board.
      const first = found.rows[0];
      if (page === 1 && first && (found.total === 1 || first.stockCode === parsed.data || first.keyText === searchKey(parsed.data))) {
        return res.redirect(303, paths.board(first.stockCode));
      }
      return res.render("boards/directory", {
        ...view,
        title: `‘${parsed.data}’ 종목 검색`,
        error: null,
        found: found.total,
        group: null,
        rows: found.rows,
        blocks: pageBlock(page, Math.ceil(found.total / DIRECTORY_PAGE)),
      });
    }
    const group = query.group ?? null;
    const listed = await directoryPage(ctx, group, page);
    res.render("boards/directory", {
      ...view,
      title: group ? `전체 종목: ${group}` : "전체 종목",
      error: null,
      found: null,
      group,
      rows: listed.rows,
      total: listed.total,
      blocks: pageBlock(page, Math.ceil(listed.total / DIRECTORY_PAGE)),
    });
  });

  router.get("/boards/suggest", async (req, res) => {
    const parsed = z.object({ q: typedQuery }).safeParse(req.query);
    if (!parsed.success) return res.status(400).json({ error: { code: "validation", message: Object.values(fieldErrors(parsed.error)).join(" ") } });
    const { rows } = await findBoards(ctx, parsed.data.q, SUGGESTION_LIMIT);
    // Suggestions change when boards and their 시장경보 do: a browser may reuse one for ten seconds.
    res.set("Cache-Control", "public, max-age=10");
    res.json({ boards: rows.map((b) => ({ code: b.stockCode, name: b.stockName, market: b.market, delisted: b.delistedAt !== null, alerts: b.alerts.map((k) => ALERTS[k].label) })) });
  });

  return router;
}
