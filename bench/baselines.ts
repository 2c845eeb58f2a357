// The baselines the benchmark compares jongto with, each a minimal version of part of the stack:
//   hello         — node:http answering "hello": the ceiling of one core;
//   stack         — the board page HTML (the same templates, the same locals) straight from
//                   better-sqlite3 in node:http: no Express, no Prisma, no session;
//   express-hello — Express 5 answering "hello" from a route;
//   page-bytes    — node:http answering board page 1's HTML rendered once at start: a page
//                   already in memory at the wire's speed, the ceiling of a page-cache hit of
//                   the same size (the load generator reads 18 KB per answer, not 5 bytes);
//   express-board — the same board page through Express 5 routing and res.render with the
//                   app's view engine, from better-sqlite3: Express + EJS + better-sqlite3, no
//                   session, no Prisma.
// Usage: node --import tsx bench/baselines.ts <kind> <port> <dbFile>
import crypto from "node:crypto";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import Database from "better-sqlite3";
import express from "express";
import { templateHelpers } from "../src/http/locals.ts";
import { securityHeaderPairs } from "../src/http/security-headers.ts";
import { ALERTS } from "../src/modules/boards/alerts.rules.ts";
import { STANCES } from "../src/modules/posts/stance.rules.ts";
import { viewRenderer } from "../src/http/views.ts";
import { kstDay } from "../src/lib/kst-time.ts";
import { pageBlock, totalPages } from "../src/lib/pagination.ts";
import { projectRoot } from "../src/lib/project-root.ts";
import { COMMENT_MAX } from "../src/modules/comments/comments.rules.ts";
import { JURY_QUORUM, JURY_SIZE } from "../src/modules/jury/jury.rules.ts";
import { BODY_MAX, pageNumberRange, POSTS_PER_PAGE, SEARCH_FIELDS, SORT_TABS, TITLE_MAX } from "../src/modules/posts/posts.rules.ts";

const [kind, port, dbFile] = process.argv.slice(2);
const views = path.join(projectRoot, "views");
const renderer = viewRenderer({ root: views, cache: true, compileDebug: false });
const assets = { "/css/board.css": "/css/board.css", "/js/app.js": "/js/app.js" };
const limits = { TITLE_MAX, BODY_MAX, COMMENT_MAX, JURY_QUORUM, JURY_SIZE };

/** The board page's locals, read with prepared statements. */
function boardPage() {
  const db = new Database(dbFile!, { readonly: true });
  const boardStmt = db.prepare(`SELECT id, stockCode, stockName, market, lastPostNumber FROM Board WHERE stockCode = ?`);
  const rowsStmt = db.prepare(`SELECT p.id, p.number, p.title, p.createdAt, p.viewCount, p.upCount, p.downCount,
      p.commentCount, p.deletedAt, p.blindedAt, u.nickname
    FROM Post p JOIN User u ON u.id = p.authorId
    WHERE p.boardId = ? AND p.number > ? AND p.number <= ? AND p.deletedAt IS NULL ORDER BY p.number DESC`);
  return (code: string, page: number, currentPath: string) => {
    const board = { ...(boardStmt.get(code) as { id: number; stockCode: string; stockName: string; market: string; lastPostNumber: number }), alerts: [] };
    const { lo, hi } = pageNumberRange(board.lastPostNumber, page);
    const rows = (rowsStmt.all(board.id, lo, hi) as Record<string, unknown>[]).map((r) => ({
      ...r,
      createdAt: new Date(r.createdAt as string),
      author: { nickname: r.nickname },
    }));
    const list = { rows, page, totalPages: totalPages(board.lastPostNumber, POSTS_PER_PAGE) };
    return {
      ...templateHelpers, currentUser: null, flash: null, csrfToken: "", currentPath, assets, limits, today: kstDay(new Date()),
      title: `${board.stockName} 종목토론`, board, list, blocks: pageBlock(page, list.totalPages),
      search: { field: "title_content", q: "" }, activeSearch: null, searchError: null, searchFields: SEARCH_FIELDS,
      sort: null, sortTabs: SORT_TABS, matches: null, highlight: null, priceHeader: null,
      // The stock beside the talk, as the app's page 1 has it on a board without any of it.
      marketAlerts: ALERTS, filingsToday: { count: 0, newest: [] }, stanceChart: null, stanceLabels: STANCES,
    };
  };
}

function hello() {
  return http.createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/plain" });
    res.end("hello");
  });
}

function stack() {
  const locals = boardPage();
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const html = renderer.render("posts/list", locals(url.pathname.split("/")[2]!, Number(url.searchParams.get("page") ?? 1), req.url ?? "/"));
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(html);
  });
}

function pageBytes() {
  const body = Buffer.from(renderer.render("posts/list", boardPage()("005930", 1, "/boards/005930")));
  // Compressed as the page cache compresses its copies, for a client that accepts it.
  const br = zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } });
  // The headers a page of the app carries (helmet's, the cache's, a request id), so the load
  // generator reads as much per answer from both; X-Cache as long as a hit's, and not counted as one.
  const fixed = [...securityHeaderPairs().flat(), "Content-Type", "text/html; charset=utf-8", "Vary", "Accept-Encoding", "X-Cache", "off"];
  return http.createServer((req, res) => {
    const compressed = req.headers["accept-encoding"]?.includes("br");
    const headers = [...fixed, "X-Request-Id", crypto.randomUUID(), "Content-Length", String((compressed ? br : body).length)];
    if (compressed) headers.push("Content-Encoding", "br");
    res.writeHead(200, headers);
    res.end(compressed ? br : body);
  });
}

function expressHello() {
  const app = express();
  app.get("/", (_req, res) => {
    res.type("text").send("hello");
  });
  return app;
}

function expressBoard() {
  const locals = boardPage();
  const app = express();
  app.set("views", views);
  app.set("view engine", "ejs");
  app.set("view cache", true);
  app.set("etag", false);
  app.engine("ejs", renderer.engine);
  app.get("/boards/:code", (req, res) => {
    res.render("posts/list", locals(req.params.code, Number(req.query.page ?? 1), req.originalUrl));
  });
  return app;
}

const servers = { hello, stack, "page-bytes": pageBytes, "express-hello": expressHello, "express-board": expressBoard } as const;
const make = servers[kind as keyof typeof servers];
if (!make) throw new Error(`unknown baseline ${kind}`);
make().listen(Number(port), "127.0.0.1", () => console.log(`baseline ${kind} on ${port}`));
// Exit cleanly on a signal, so a --cpu-prof profile of a baseline is written.
for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => process.exit(0));
