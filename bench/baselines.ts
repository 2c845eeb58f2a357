// The two baselines the benchmark compares jongto with, each a bare node:http server:
//   hello — "hello", the ceiling of node:http on this core;
//   stack — the same board page HTML (the same EJS templates, the same locals) straight from
//           better-sqlite3: no Express, no Prisma, no session. The limit of the stack.
// Usage: node --import tsx bench/baselines.ts hello|stack <port> <dbFile>
import http from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import ejs from "ejs";
import { templateHelpers } from "../src/http/locals.ts";
import { pageBlock, totalPages } from "../src/lib/pagination.ts";
import { projectRoot } from "../src/lib/project-root.ts";
import { pageNumberRange, POSTS_PER_PAGE, SEARCH_FIELDS } from "../src/modules/posts/posts.rules.ts";

const [kind, port, dbFile] = process.argv.slice(2);

function hello() {
  return http.createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/plain" });
    res.end("hello");
  });
}

function stack() {
  const db = new Database(dbFile!, { readonly: true });
  const boardStmt = db.prepare(`SELECT id, stockCode, stockName, market, lastPostNumber FROM Board WHERE stockCode = ?`);
  const rowsStmt = db.prepare(`SELECT p.id, p.number, p.title, p.createdAt, p.viewCount, p.upCount, p.downCount,
      p.commentCount, p.deletedAt, p.blindedAt, u.nickname
    FROM Post p JOIN User u ON u.id = p.authorId
    WHERE p.boardId = ? AND p.number > ? AND p.number <= ? ORDER BY p.number DESC`);
  const view = path.join(projectRoot, "views/boards/list.ejs");
  const assets = { "/css/board.css": "/css/board.css", "/js/app.js": "/js/app.js" };
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const board = boardStmt.get(url.pathname.split("/")[2]) as { id: number; stockCode: string; stockName: string; market: string; lastPostNumber: number };
    const page = Number(url.searchParams.get("page") ?? 1);
    const { lo, hi } = pageNumberRange(board.lastPostNumber, page);
    const rows = (rowsStmt.all(board.id, lo, hi) as Record<string, unknown>[]).map((r) => ({
      ...r,
      createdAt: new Date(r.createdAt as string),
      author: { nickname: r.nickname },
    }));
    const list = { rows, page, totalPages: totalPages(board.lastPostNumber, POSTS_PER_PAGE) };
    ejs.renderFile(
      view,
      {
        ...templateHelpers, currentUser: null, flash: null, csrfToken: "", currentPath: req.url, assets,
        title: `${board.stockName} 종목토론`, board, list, blocks: pageBlock(page, list.totalPages),
        search: { field: "title_content", q: "" }, activeSearch: null, searchError: null, searchFields: SEARCH_FIELDS,
      },
      { cache: true },
      (err, html) => {
        if (err) {
          res.writeHead(500);
          res.end(String(err));
          return;
        }
        res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
        res.end(html);
      },
    );
  });
}

const server = kind === "hello" ? hello() : stack();
server.listen(Number(port), "127.0.0.1", () => console.log(`baseline ${kind} on ${port}`));
