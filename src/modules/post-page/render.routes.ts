// The post page, composed in one place from the modules it shows: the post (posts), its
// comments, the reader's vote (votes) and the jury box (jury). A comment the form could not
// take comes back here with the reason, as a draft in the session (src/http/draft.ts).
import type { Request, Response } from "express";
import type { Ctx } from "../../context.ts";
import { changeTag } from "../../domain/changes.ts";
import { countGraphemes } from "../../lib/graphemes.ts";
import { maskLoginId } from "../../lib/mask.ts";
import type { BoardSummary } from "../boards/boards.service.ts";
import { commentPage } from "../comments/comments.service.ts";
import { COMMENT_SORTS, COMMENTS_PER_PAGE, type CommentCursor, type CommentSort } from "../comments/comments.rules.ts";
import { NoSuchPost } from "../../domain/errors.ts";
import { pageBlock, totalPages } from "../../lib/pagination.ts";
import { APPEAL_RESULT_LABELS, APPEAL_WINDOW_MS } from "../jury/appeals.rules.ts";
import { appealOfPost } from "../jury/appeals.service.ts";
import { countingOpinions, opinionState } from "../jury/opinions.service.ts";
import { ensureCurrentPanel, isJuror } from "../jury/panel.service.ts";
import { categoryLabel, REPORT_CATEGORIES, SUSPENSION_TERMS } from "../moderation/moderation.rules.ts";
import { isOperator } from "../moderation/roles.service.ts";
import { listPosts, readPost } from "../posts/posts.service.ts";
import { postOffers } from "../../domain/post-policy.ts";
import { myVote } from "../votes/votes.service.ts";
import { myCommentVotes } from "../votes/comment-votes.service.ts";
import { showsFolded } from "../accounts/users.queries.ts";
import { heldNotice } from "../cleanbot/cleanbot.service.ts";
import { readerOf } from "../../db/sql.ts";
import { takeDraft } from "../../http/draft.ts";
import { renderFragment } from "../../http/views.ts";

/** The first lines of a body for the page's description and link previews (about 120 characters). */
function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, " ").trim();
  const chars = [...flat];
  return chars.length > 120 ? `${chars.slice(0, 119).join("")}…` : flat;
}

/** The page's comments in their order, each with its replies (oldest first) under it. */
function threaded<C extends { id: number; parentId: number | null; replies: C[] }>(comments: C[], replies: C[]): C[] {
  const top = new Map<number, C>();
  for (const c of comments) top.set(c.id, c);
  for (const r of replies) top.get(r.parentId!)?.replies.push(r);
  return comments;
}

type Listed = Awaited<ReturnType<typeof commentPage>>["comments"][number];

/**
 * A comment as the page's partial draws it: the author's login id masked, the viewer's own
 * marked, their 공감/비공감. Built field by field: object rest and spread showed up in the
 * profile of a page of 50 comments.
 */
function commentView(viewerId: number | undefined, votes: Map<number, "UP" | "DOWN">) {
  return (c: Listed): CommentView => ({
    id: c.id,
    parentId: c.parentId,
    body: c.body,
    createdAt: c.createdAt,
    deletedAt: c.deletedAt,
    hiddenAt: c.hiddenAt,
    hiddenReason: c.hiddenAt ? categoryLabel(c.hiddenReason) : null,
    heldAt: c.heldAt,
    cleanbot: c.cleanbot,
    upCount: c.upCount,
    downCount: c.downCount,
    author: { id: c.author.id, nickname: c.author.nickname, maskedLoginId: maskLoginId(c.author.loginId), operator: c.author.operator },
    mine: viewerId === c.author.id,
    myVote: votes.get(c.id) ?? null,
    replies: [],
  });
}
interface CommentView {
  id: number;
  parentId: number | null;
  body: string;
  createdAt: Date;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  heldAt: Date | null;
  cleanbot: Listed["cleanbot"];
  upCount: number;
  downCount: number;
  author: { id: number; nickname: string; maskedLoginId: string; operator: boolean };
  mine: boolean;
  myVote: "UP" | "DOWN" | null;
  replies: CommentView[];
}

/** Which comments a page asks for: `csort` (등록순 unless given) and `cpage`. */
export interface CommentQuery {
  sort: CommentSort;
  page: number;
}

/** Renders the page and returns the post it showed (for counting the view). */
export async function renderPostPage(
  ctx: Ctx,
  req: Request,
  res: Response,
  board: BoardSummary,
  number: number,
  commentQuery: CommentQuery,
) {
  const page = await readPost(ctx, board, number);
  const viewer = req.session?.user ?? null;
  const draft = viewer ? takeDraft(req, req.path) : null;
  const panel = await ensureCurrentPanel(ctx, board.id);
  const juror = isJuror(panel, viewer?.id);
  const [listed, vote, opinion, neighbours] = await Promise.all([
    commentPage(ctx, page.post.id, { ...commentQuery, commentCount: page.post.commentCount }),
    viewer ? myVote(ctx, page.post.id, viewer.id) : null,
    juror ? opinionState(ctx, page.post, viewer!.id, panel) : null,
    listPosts(ctx, board, page.listPage),
  ]);
  const comments = [...listed.comments, ...listed.replies];
  const commentVotes = viewer && comments.length > 0 ? await myCommentVotes(ctx, viewer.id, comments.map((c) => c.id)) : new Map<number, "UP" | "DOWN">();
  // A blinded post's appeal (이의 신청): its state, and whether the viewer may vote on it.
  const appeal = page.post.blindedAt ? await appealOfPost(ctx, panel, page.post.id, viewer?.id) : null;
  const appealOpen = !!page.post.blindedAt && !appeal && ctx.clock().getTime() - page.post.blindedAt.getTime() <= APPEAL_WINDOW_MS;
  // Hidden and held text is shown to its author and to operators; only then is the role looked up.
  const restricted = page.post.hiddenAt || page.post.heldAt;
  const operator = viewer && (restricted || comments.some((c) => c.hiddenAt || c.heldAt)) ? await isOperator(ctx, viewer.id) : false;
  // 클린봇's folds open by the reader's setting; looked up only where something is folded.
  const showFolded = viewer && (page.post.cleanbot || comments.some((c) => c.cleanbot)) ? await showsFolded(readerOf(ctx.sql), viewer.id) : false;
  // The box counts this month's panel's opinions only (an older panel's no longer count).
  page.post.opinionCount = countingOpinions(page.post, panel);
  const hidden = page.post.deletedAt
    ? "삭제된 게시글"
    : page.post.blindedAt
      ? "블라인드 처리된 글"
      : page.post.hiddenAt
        ? "숨김 처리된 글"
        : page.post.heldAt && viewer?.id !== page.post.authorId && !operator
          ? "확인 중인 글"
          : null;
  // For the page cache (anonymous copies): the post, its neighbours' titles and the list page
  // it is on (which a new post shifts: the board's tag) are on the page, and a cached hit
  // still counts the view.
  const { id, authorId, deletedAt } = page.post;
  const shown = new Set([number - 1, number, number + 1, ...neighbours.rows.map((r) => r.number)]);
  res.locals.cacheablePage = {
    tags: [changeTag({ kind: "board", boardId: board.id }), ...[...shown].map((n) => changeTag({ kind: "post", boardId: board.id, number: n }))],
    meta: { id, authorId, deletedAt },
  };
  // A folded or held body stays out of the page's description and link previews.
  const summary = hidden || page.post.cleanbot ? null : excerpt(page.post.body);
  res.render("post-page/post", {
    title: hidden ?? page.post.title,
    description: summary ? `${board.stockName} 종목토론: ${summary}` : undefined,
    openGraph: summary ? { title: `${page.post.title} : ${board.stockName} 종목토론`, description: summary } : undefined,
    neighbours,
    board,
    ...page,
    isAuthor: viewer?.id === page.post.authorId,
    isOperator: operator,
    // Operator tools follow the session's role; a hidden post's text, the role looked up now.
    may: postOffers(page.post, viewer && { id: viewer.id, operator: restricted ? operator : !!viewer.operator, juror, hearsAppeal: !!appeal?.canVote, voteWait: vote?.wait ?? null }, board),
    hiddenReason: page.post.hiddenAt ? categoryLabel(page.post.hiddenReason) : null,
    heldNotice: page.post.heldAt && page.post.cleanbot ? heldNotice(page.post.cleanbot, "글") : null,
    showFolded,
    reportCategories: REPORT_CATEGORIES,
    suspensionTerms: SUSPENSION_TERMS,
    myVote: vote?.value ?? null,
    jury: { isJuror: juror, opinion, panelSize: panel.members.length },
    // A juror who hears the open appeal decides on the text the author wrote.
    hearsAppeal: !!appeal?.canVote,
    appeal,
    appealOpen,
    appealResults: APPEAL_RESULT_LABELS,
    comments: threaded(listed.comments.map(commentView(viewer?.id, commentVotes)), listed.replies.map(commentView(viewer?.id, commentVotes))),
    commentList: {
      sort: commentQuery.sort,
      sorts: COMMENT_SORTS,
      page: commentQuery.page,
      total: listed.total ?? 0, // counted whenever a page is asked by number
      more: listed.more,
      next: listed.next,
      blocks: pageBlock(commentQuery.page, totalPages(listed.total ?? 0, COMMENTS_PER_PAGE)),
    },
    liveSince: ctx.clock().getTime(), // the live stream's first connection catches up from here
    commentDraft: draft?.fields.body ?? "",
    commentDraftLength: countGraphemes(draft?.fields.body ?? ""),
    commentError: draft?.refused ? draft.message : null,
    commentNotice: draft && !draft.refused ? draft.message : null,
  });
  return page.post;
}

/**
 * 더보기: the comments after a cursor, drawn by the page's own partial, and the cursor after
 * them (null at the end). What the post page would show its reader: nothing of a deleted post
 * or of a held one that is not theirs.
 */
export async function renderMoreComments(ctx: Ctx, req: Request, res: Response, board: BoardSummary, number: number, sort: CommentSort, after: CommentCursor) {
  const { post } = await readPost(ctx, board, number);
  const viewer = req.session?.user ?? null;
  const operator = viewer ? await isOperator(ctx, viewer.id) : false;
  if (post.deletedAt || (post.heldAt && viewer?.id !== post.authorId && !operator)) throw new NoSuchPost();
  const listed = await commentPage(ctx, post.id, { sort, after });
  const ids = [...listed.comments, ...listed.replies].map((c) => c.id);
  const votes = viewer && ids.length > 0 ? await myCommentVotes(ctx, viewer.id, ids) : new Map<number, "UP" | "DOWN">();
  const folded = viewer && [...listed.comments, ...listed.replies].some((c) => c.cleanbot) ? await showsFolded(readerOf(ctx.sql), viewer.id) : false;
  const html = await renderFragment(res, "post-page/_comments", {
    comments: threaded(listed.comments.map(commentView(viewer?.id, votes)), listed.replies.map(commentView(viewer?.id, votes))),
    board,
    postNumber: number,
    isOperator: operator,
    showFolded: folded,
    may: postOffers(post, viewer && { id: viewer.id, operator }, board),
  });
  return { html, next: listed.next, ids: listed.comments.map((c) => c.id) };
}
