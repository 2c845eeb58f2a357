// The read-only JSON API, /api/v1: boards, a board's posts, one post with its comments, a
// board's jury and a member's public profile, over the services the pages use and with their
// visibility rules (a blinded post is {"number", "blinded": true}, nothing more). Every
// endpoint is declared once in ENDPOINTS: its query schema parses requests and, with its
// response schema, makes the OpenAPI document (openapi.routes.ts). Mounted before sessions: no cookie
// is read or set (src/app.ts).
import { Router, type Request, type RequestHandler, type Response } from "express";
import type { z } from "zod";
import { shownName } from "../../lib/withdrawn.ts";
import type { Ctx } from "../../context.ts";
import { NoSuchPost, NotFoundError, ValidationError } from "../../domain/errors.ts";
import { corsForReads, sendCacheable } from "../../http/open-responses.ts";
import { markOpenRequest } from "../../http/error-handler.ts";
import { fieldErrors, parseIdParam } from "../../http/parse.ts";
import { paths } from "../../lib/paths.ts";
import { findBoards, type BoardSummary } from "../boards/boards.service.ts";
import { boardDirectory } from "../boards/directory.service.ts";
import { useBoardParams } from "../boards/board-params.routes.ts";
import { listComments } from "../comments/comments.service.ts";
import { appealLog } from "../jury/appeals.service.ts";
import { blindLog } from "../jury/blind-log.service.ts";
import { ensureCurrentPanel } from "../jury/panel.service.ts";
import { listPostsBefore, readPost, type ListRow } from "../posts/posts.service.ts";
import { readProfile } from "../profiles/profiles.service.ts";
import * as S from "./api.schemas.ts";

export const API_PREFIX = "/api/v1";

interface Answer {
  body: unknown;
}

export interface Endpoint {
  path: string; // Express's form, under API_PREFIX
  summary: string;
  params?: Record<string, string>; // path parameters and their descriptions
  query: z.ZodObject;
  response: z.ZodType;
  answer: (ctx: Ctx, req: Request, res: Response, query: never) => Promise<Answer>;
}

const iso = (d: Date) => d.toISOString();

function boardJson(board: BoardSummary, lastPostNumber: number): z.infer<typeof S.Board> {
  return {
    code: board.stockCode,
    name: board.stockName,
    market: board.market,
    delisted: board.delistedAt !== null,
    posts: lastPostNumber,
    url: paths.board(board.stockCode),
  };
}

async function boardOf(ctx: Ctx, board: BoardSummary) {
  const known = (await boardDirectory(ctx)).byCode.get(board.stockCode);
  return boardJson(board, known?.lastPostNumber ?? 0);
}

function postSummary(code: string, p: ListRow): z.infer<typeof S.PostSummary> {
  if (p.blindedAt) return { number: p.number, blinded: true };
  if (p.hiddenAt) return { number: p.number, hidden: true };
  return {
    number: p.number,
    title: p.title,
    author: { id: p.author.id, nickname: shownName(p.author.nickname), operator: p.author.operator },
    createdAt: iso(p.createdAt),
    views: p.viewCount,
    up: p.upCount,
    down: p.downCount,
    comments: p.commentCount,
    url: paths.post(code, p.number),
  };
}

const withQuery = (path: string, query: Record<string, number | undefined>) => {
  const qs = Object.entries(query).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${v}`).join("&");
  return qs ? `${path}?${qs}` : path;
};

export const ENDPOINTS: Endpoint[] = [
  {
    path: "/boards",
    summary: "Boards: all of them in 가나다 order, or those matching `q` best first (code prefix, name, initial consonants)",
    query: S.boardsQuery,
    response: S.BoardList,
    answer: async (ctx, _req, _res, query: z.infer<typeof S.boardsQuery>) => {
      const page = query.page ?? 1;
      const limit = query.limit ?? S.DEFAULT_LIMIT;
      const offset = (page - 1) * limit;
      let rows;
      let total;
      if (query.q?.trim()) ({ rows, total } = await findBoards(ctx, query.q, limit, offset));
      else {
        const { byName } = await boardDirectory(ctx);
        rows = byName.slice(offset, offset + limit);
        total = byName.length;
      }
      return { body: { boards: rows.map((b) => boardJson(b, b.lastPostNumber)), page, limit, total } };
    },
  },
  {
    path: "/boards/:code/posts",
    summary: "A board's posts, newest first, keyset-paged by post number (deleted posts left out)",
    params: { code: "The six-digit stock code." },
    query: S.postsQuery,
    response: S.PostList,
    answer: async (ctx, _req, res, query: z.infer<typeof S.postsQuery>) => {
      const { board } = res.locals;
      const limit = query.limit ?? S.DEFAULT_LIMIT;
      const posts = await listPostsBefore(ctx, board, query.before ?? null, limit);
      const oldest = posts.at(-1)?.number;
      const next = posts.length === limit && oldest !== undefined && oldest > 1 ? withQuery(`${API_PREFIX}/boards/${board.stockCode}/posts`, { before: oldest, limit }) : null;
      return {
        body: { board: await boardOf(ctx, board), posts: posts.map((p) => postSummary(board.stockCode, p)), next }
      };
    },
  },
  {
    path: "/boards/:code/posts/:number",
    summary: "One post with its comments, oldest first, keyset-paged by comment id",
    params: { code: "The six-digit stock code.", number: "The post's number on its board." },
    query: S.postQuery,
    response: S.PostDetail,
    answer: async (ctx, _req, res, query: z.infer<typeof S.postQuery>) => {
      const { board, postNumber } = res.locals;
      const limit = query.limit ?? S.DEFAULT_LIMIT;
      const { post } = await readPost(ctx, board, postNumber);
      if (post.heldAt) throw new NoSuchPost(); // 클린봇 held it: not there yet for the public
      const boardBody = await boardOf(ctx, board);
      const gone = post.deletedAt ? { number: post.number, deleted: true as const } : post.blindedAt ? { number: post.number, blinded: true as const } : post.hiddenAt ? { number: post.number, hidden: true as const } : null;
      if (gone) return { body: { board: boardBody, post: gone, comments: [], nextComments: null } };
      const listed = await listComments(ctx, post.id, { afterId: query.commentsAfter ?? 0, limit });
      const comments = listed.filter((c) => !c.heldAt);
      const last = listed.at(-1)?.id; // the page's last id, held ones included, so paging never repeats
      return {
        body: {
          board: boardBody,
          post: {
            number: post.number,
            title: post.title,
            body: post.body,
            folded: post.cleanbot !== null,
            author: { id: post.author.id, nickname: shownName(post.author.nickname), operator: post.author.operator },
            createdAt: iso(post.createdAt),
            editedAt: post.editedAt ? iso(post.editedAt) : null,
            views: post.viewCount,
            up: post.upCount,
            down: post.downCount,
            comments: post.commentCount,
            url: paths.post(board.stockCode, post.number),
          },
          comments: comments.map((c) =>
            c.deletedAt
              ? { id: c.id, deleted: true as const }
              : c.hiddenAt
                ? { id: c.id, hidden: true as const }
                : { id: c.id, replyTo: c.parentId, author: { id: c.author.id, nickname: shownName(c.author.nickname), operator: c.author.operator }, body: c.body, folded: c.cleanbot !== null, createdAt: iso(c.createdAt) },
          ),
          nextComments: listed.length === limit && last !== undefined ? withQuery(`${API_PREFIX}/boards/${board.stockCode}/posts/${post.number}`, { commentsAfter: last, limit }) : null,
        }
      };
    },
  },
  {
    path: "/boards/:code/jury",
    summary: "A board's jury (운영배심원) this month: the panel, the newest blindings and the appeals",
    params: { code: "The six-digit stock code." },
    query: S.noQuery,
    response: S.Jury,
    answer: async (ctx, _req, res) => {
      const { board } = res.locals;
      const [panel, log, appeals] = await Promise.all([ensureCurrentPanel(ctx, board.id), blindLog(ctx, board.id, 1), appealLog(ctx, board.id)]);
      return {
        body: {
          board: await boardOf(ctx, board),
          month: panel.month,
          panel: panel.members.map((m) => ({ rank: m.rank, member: { id: m.userId, nickname: shownName(m.nickname) }, score: m.score, posts: m.posts, comments: m.comments, upsReceived: m.upsReceived })),
          blindings: log.rows.map((r) => ({ number: r.post.number, opinions: r.opinionCount, up: r.upCount, down: r.downCount, at: iso(r.createdAt) })),
          appeals: appeals.map((a) => ({ number: a.number, restoreVotes: a.restoreVotes, upholdVotes: a.upholdVotes, result: a.result, filedAt: iso(a.createdAt), decidedAt: a.decidedAt ? iso(a.decidedAt) : null })),
        }
      };
    },
  },
  {
    path: "/users/:userId",
    summary: "A member's public profile",
    params: { userId: "The member's id." },
    query: S.noQuery,
    response: S.Profile,
    answer: async (ctx, req) => {
      const id = parseIdParam(req.params.userId, () => new NotFoundError("존재하지 않는 회원입니다."));
      const p = await readProfile(ctx, id);
      return {
        body: {
          id: p.id,
          nickname: p.nickname,
          operator: p.operator,
          joinedAt: iso(p.joinedAt),
          posts: p.posts,
          comments: p.comments,
          juror: p.juror.map((j) => ({ month: j.month, board: j.stockCode, rank: j.rank })),
          url: paths.profile(p.id),
        },
      };
    },
  },
];

export function apiRouter(ctx: Ctx, options: { limits: RequestHandler[]; openApi: Record<string, unknown> }): Router {
  const router = useBoardParams(Router(), ctx);
  // Routing ignores case (/API/v1 is this router too): the mark, not the URL, makes errors JSON.
  router.use("/api", markOpenRequest);
  router.use(API_PREFIX, corsForReads(), ...options.limits);
  const document = JSON.stringify(options.openApi);
  router.get(`${API_PREFIX}/openapi.json`, (req, res) => {
    sendCacheable(req, res, { body: document, type: "application/json; charset=utf-8" });
  });
  for (const endpoint of ENDPOINTS) {
    router.get(API_PREFIX + endpoint.path, async (req, res) => {
      const parsed = endpoint.query.safeParse(req.query);
      if (!parsed.success) throw new ValidationError("요청 값을 확인해 주세요.", fieldErrors(parsed.error));
      const { body } = await endpoint.answer(ctx, req, res, parsed.data as never);
      sendCacheable(req, res, { body: JSON.stringify(body), type: "application/json; charset=utf-8" });
    });
  }
  // Errors (and unknown paths) go to the app's handler, which answers requests under /api in
  // the API's one JSON shape (src/http/error-handler.ts).
  router.use(API_PREFIX, (_req, _res, next) => next(new NotFoundError("없는 API 경로입니다.")));
  return router;
}
