// A board's list page (plain and searched), and 글쓰기, 수정 and 삭제 of posts.
import { heldNotice, CleanbotRefusal } from "../cleanbot/cleanbot.service.ts";
import { Router, type Request, type RequestHandler, type Response } from "express";
import { z } from "zod";
import type { Ctx } from "../../context.ts";
import { RateLimitedError, ValidationError } from "../../domain/errors.ts";
import { requireUser } from "../../http/auth.ts";
import { flash } from "../../http/flash.ts";
import type { PageCache } from "../../http/page-cache.ts";
import { changeTag } from "../../domain/changes.ts";
import { limitRefused, parseForm, tryForm, type Refusal } from "../../http/form.ts";
import { takeDraft } from "../../http/draft.ts";
import { fieldErrors, pageQuery, parseOr400 } from "../../http/parse.ts";
import { countGraphemes } from "../../lib/graphemes.ts";
import { textField, textProblem, textProblemMessage, typedValues, withoutInvisible } from "../../lib/input.ts";
import { isSearchable, UNSEARCHABLE } from "../search/search.rules.ts";
import { pageBlock } from "../../lib/pagination.ts";
import { paths, SEARCH_FIELD_NAMES } from "../../lib/paths.ts";
import { assertBoardOpen, type BoardSummary } from "../boards/boards.service.ts";
import { useBoardParams } from "../boards/board-params.routes.ts";
import { BODY_MAX, SEARCH_FIELDS, SORT_TABS, TITLE_MAX } from "./posts.rules.ts";
import { HOLDINGS, STANCES, statedFields } from "./stance.rules.ts";
import { listPosts, listSortedPosts, readStanceChart, type Search } from "./posts.service.ts";
import { RepeatedPostError } from "../moderation/flood.service.ts";
import { createPost, deletePost, getEditablePost, updatePost } from "./writing.service.ts";

const SEARCH_MAX = 50; // graphemes; longer queries are typing accidents, not searches

const listQuery = pageQuery.extend({
  field: z.enum(SEARCH_FIELD_NAMES).optional(),
  q: z.string().optional(),
  sort: z.enum(SORT_TABS.map((t) => t.value), "목록에 없는 정렬입니다.").optional(),
});

const searchInput = z
  .object({
    field: z.enum(SEARCH_FIELD_NAMES),
    q: z
      .string()
      // The shape checks first (src/lib/input.ts); what shows nothing is not searched for.
      .superRefine((raw, ctx) => {
        const problem = textProblem(raw, SEARCH_MAX);
        if (problem) ctx.addIssue({ code: "custom", message: textProblemMessage(problem, "검색어", SEARCH_MAX), abort: true });
      })
      .transform((q) => withoutInvisible(q).trim())
      .refine((q) => countGraphemes(q) <= SEARCH_MAX, `검색어는 ${SEARCH_MAX}자 이내로 입력해 주세요.`),
  })
  // A text search is answered from the index, never by reading every post (docs/decisions/0010).
  .refine((s) => s.field === "author" || isSearchable(s.q), { path: ["q"], message: UNSEARCHABLE });

/** The list page: public, read-only. */
export function postListRouter(ctx: Ctx, pageCache: PageCache): Router {
  const router = useBoardParams(Router(), ctx);
  router.get("/boards/:code", pageCache.route(), async (req, res) => {
    const { board } = res.locals;
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
    // A search lists matches newest first; the tabs sort the plain list.
    const sort = search || searchError ? null : (query.sort ?? null);
    const list = searchError
      ? { rows: [], page: 1, totalPages: 1 }
      : sort
        ? await listSortedPosts(ctx, board, sort, page)
        : await listPosts(ctx, board, page, search);
    // The 7-day chart of stated views sits above the plain list's first page.
    const stanceChart = !search && !searchError && !sort && page === 1 ? await readStanceChart(ctx, board.id) : undefined;
    // The page shows the board's list (a new post shifts it) and each row's post.
    res.locals.cacheablePage = {
      tags: [changeTag({ kind: "board", boardId: board.id }), ...list.rows.map((p) => changeTag({ kind: "post", boardId: board.id, number: p.number }))],
    };
    res.status(searchError ? 400 : 200).render("posts/list", {
      title: `${board.stockName} 종목토론`,
      board,
      list,
      blocks: pageBlock(list.page, list.totalPages),
      search: typed,
      activeSearch: search ?? null,
      searchError,
      searchFields: SEARCH_FIELDS,
      sort,
      sortTabs: SORT_TABS,
      matches: list.matches ?? null,
      highlight: search && search.field !== "content" && search.field !== "author" ? search.q : null,
      stanceChart,
      stanceLabels: STANCES,
    });
  });
  return router;
}

const postSchema = z.object({
  title: textField({ label: "제목", min: 1, max: TITLE_MAX }),
  body: textField({ label: "내용", min: 1, max: BODY_MAX, multiline: true }),
});
// A new post may carry 본인 표시; an edit keeps what was said when it was written.
const newPostSchema = postSchema.extend(statedFields);

const POST_FIELDS = ["title", "body", "holding", "stance"] as const;

interface FormState {
  mode: "new" | "edit";
  number?: number;
  values: Record<(typeof POST_FIELDS)[number], string>;
  errors: Record<string, string>;
  formError?: string | null;
  formErrorLink?: string | null; // the earlier post a refused repeat points to
  formNotice?: string | null; // a draft brought back through signing in
  marked?: Record<string, string>; // 클린봇's refusal: each field as typed, what it found marked
}

function renderPostForm(res: Response, board: BoardSummary, status: number, state: FormState) {
  res.status(status).render("posts/form", {
    title: state.mode === "new" ? `${board.stockName} 글쓰기` : "글 수정",
    board,
    ...state,
    formError: state.formError ?? null,
    formErrorLink: state.formErrorLink ?? null,
    formNotice: state.formNotice ?? null,
    marked: state.marked ?? {},
    holdings: HOLDINGS,
    stances: STANCES,
    titleLength: countGraphemes(state.values.title),
    bodyLength: countGraphemes(state.values.body),
  });
}

/** 글쓰기, 수정, 삭제. Mounted behind the sign-in and CSRF guards (src/app.ts). */
// What the post form shows again with the text as typed: mistakes to fix, a limit to wait
// for, a repeat of an earlier post (linked). Other refusals are the error page's.
const FORM_REFUSALS = [ValidationError, RateLimitedError, RepeatedPostError];

function shown(refusal: Refusal) {
  const { error } = refusal;
  if (error instanceof CleanbotRefusal) return { errors: refusal.fields, marked: error.marked };
  if (error instanceof ValidationError && Object.keys(refusal.fields).length > 0) return { errors: refusal.fields };
  return {
    errors: {},
    formError: refusal.message,
    ...(error instanceof RepeatedPostError ? { formErrorLink: paths.post(error.earlier.stockCode, error.earlier.number) } : {}),
  };
}

export function postWritingRouter(ctx: Ctx, limits: { posts: RequestHandler[]; edits: RequestHandler[] }): Router {
  const router = useBoardParams(Router(), ctx);

  // The text a sign-in brought back (src/http/draft.ts), else what the form starts with.
  const drafted = (req: Request, values: FormState["values"]) => {
    const draft = takeDraft(req, req.path);
    if (!draft) return { values };
    return { values: { ...values, title: draft.fields.title ?? "", body: draft.fields.body ?? "", holding: draft.fields.holding ?? values.holding, stance: draft.fields.stance ?? values.stance }, ...(draft.refused ? { formError: draft.message } : { formNotice: draft.message }) };
  };

  router.get("/boards/:code/write", requireUser, (req, res) => {
    assertBoardOpen(res.locals.board);
    renderPostForm(res, res.locals.board, 200, { mode: "new", errors: {}, ...drafted(req, { title: "", body: "", holding: "", stance: "" }) });
  });

  router.post(
    "/boards/:code/posts",
    ...limits.posts,
    async (req: Request, res: Response) => {
      const { board } = res.locals;
      const values = typedValues(req.body, POST_FIELDS);
      const posted = await tryForm(
        req,
        res,
        () => {
          const { title, body, holding, stance } = parseForm(newPostSchema, req.body);
          return createPost(ctx, board, req.session.user!.id, { title, body }, { holding, stance });
        },
        FORM_REFUSALS,
      );
      if (!posted.ok) {
        const { error } = posted.refusal;
        // The same 등록 sent twice: the writer lands on the post the first one made.
        if (error instanceof RepeatedPostError && error.sameSubmission) {
          flash(req, "ok", "이미 올린 글입니다.");
          return res.redirect(303, paths.post(error.earlier.stockCode, error.earlier.number));
        }
        return renderPostForm(res, board, posted.refusal.status, { mode: "new", values, ...shown(posted.refusal) });
      }
      flash(req, "ok", posted.value.held ? heldNotice(posted.value.held, "글") : "글을 등록했습니다.");
      res.redirect(303, paths.post(board.stockCode, posted.value.number));
    },
    // Past the per-minute limit, the form comes back with the text and when to try again.
    limitRefused((req, res, refusal) => renderPostForm(res, res.locals.board, refusal.status, { mode: "new", values: typedValues(req.body, POST_FIELDS), ...shown(refusal) })),
  );

  router.get("/boards/:code/posts/:number/edit", requireUser, async (req, res) => {
    const { board, postNumber } = res.locals;
    const post = await getEditablePost(ctx, board, postNumber, req.session.user!.id);
    renderPostForm(res, board, 200, { mode: "edit", number: post.number, errors: {}, ...drafted(req, { title: post.title, body: post.body, holding: post.holding ?? "", stance: post.stance ?? "" }) });
  });

  router.post(
    "/boards/:code/posts/:number/edit",
    ...limits.edits,
    async (req: Request, res: Response) => {
      const { board, postNumber } = res.locals;
      // Whose post it is, before the text is read at all: 403/404 before 400.
      await getEditablePost(ctx, board, postNumber, req.session.user!.id);
      const values = typedValues(req.body, POST_FIELDS);
      const edited = await tryForm(req, res, () => updatePost(ctx, board, postNumber, req.session.user!.id, parseForm(postSchema, req.body)), FORM_REFUSALS);
      if (!edited.ok) return renderPostForm(res, board, edited.refusal.status, { mode: "edit", number: postNumber, values, ...shown(edited.refusal) });
      flash(req, "ok", edited.value.held ? heldNotice(edited.value.held, "글") : "글을 수정했습니다.");
      res.redirect(303, paths.post(board.stockCode, postNumber));
    },
    limitRefused((req, res, refusal) =>
      renderPostForm(res, res.locals.board, refusal.status, { mode: "edit", number: res.locals.postNumber, values: typedValues(req.body, POST_FIELDS), ...shown(refusal) }),
    ),
  );

  // Without JavaScript, 삭제 opens this page; with it, a dialog asks the same.
  router.get("/boards/:code/posts/:number/delete", requireUser, async (req, res) => {
    const { board, postNumber } = res.locals;
    const post = await getEditablePost(ctx, board, postNumber, req.session.user!.id);
    res.render("posts/confirm-delete", {
      title: "글 삭제",
      board,
      heading: "이 글을 삭제할까요?",
      excerpt: post.title,
      action: paths.deletePost(board.stockCode, postNumber),
      cancel: paths.post(board.stockCode, postNumber),
    });
  });

  router.post("/boards/:code/posts/:number/delete", ...limits.edits, async (req, res) => {
    const { board, postNumber } = res.locals;
    await deletePost(ctx, board, postNumber, req.session.user!.id);
    flash(req, "ok", "글을 삭제했습니다.");
    res.redirect(303, paths.board(board.stockCode));
  });

  return router;
}
