// Renders the post page; shared by the page itself and by the comment form when it has to
// come back with a message and the user's text.
import type { Request, Response } from "express";
import type { Ctx } from "../../context.ts";
import { countGraphemes } from "../../lib/graphemes.ts";
import { maskLoginId } from "../../lib/mask.ts";
import { listComments } from "../comments/comments.service.ts";
import { myVote } from "../votes/votes.service.ts";
import type { BoardSummary } from "./boards.service.ts";
import { getPostPage } from "./posts.service.ts";

export interface CommentDraft {
  text: string;
  error: string;
}

export async function renderPostPage(
  ctx: Ctx,
  req: Request,
  res: Response,
  board: BoardSummary,
  number: number,
  options: { status?: number; draft?: CommentDraft } = {},
) {
  const page = await getPostPage(ctx, board, number);
  const viewer = req.session?.user ?? null;
  const [comments, vote] = await Promise.all([
    listComments(ctx, page.post.id),
    viewer ? myVote(ctx, page.post.id, viewer.id) : null,
  ]);
  res.status(options.status ?? 200).render("boards/post", {
    title: page.post.deletedAt ? "삭제된 게시글" : page.post.title,
    board,
    ...page,
    isAuthor: viewer?.id === page.post.authorId,
    myVote: vote,
    comments: comments.map(({ author, ...c }) => ({
      ...c,
      author: { id: author.id, nickname: author.nickname, maskedLoginId: maskLoginId(author.loginId) },
      mine: viewer?.id === author.id,
    })),
    commentDraft: options.draft?.text ?? "",
    commentDraftLength: options.draft ? countGraphemes(options.draft.text) : 0,
    commentError: options.draft?.error ?? null,
  });
  return page.post;
}
