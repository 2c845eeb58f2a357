// Writing posts, each a short write transaction of raw SQL (src/db/sql.ts): the daily cap and
// the flood (도배) checks run in the same transaction as the insert (so parallel requests
// cannot slip past them), and the search index changes with the post.
import type { Ctx } from "../../context.ts";
import { num, type SqlInt } from "../../db/raw.ts";
import { RateLimitedError } from "../../domain/errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { lockActiveMember } from "../accounts/standing.service.ts";
import { dailyCapMessage, kstDayWindow, secondsUntil } from "../../lib/daily-cap.ts";
import { dailyCapFor } from "../accounts/new-account.rules.ts";
import { assertBoardOpen, type BoardSummary } from "../boards/boards.service.ts";
import { checkFlood, recordFlood } from "../moderation/flood.service.ts";
import { indexPost, unindexPost } from "../search/search.service.ts";
import { findOwnPost } from "./post-guards.service.ts";
import { POSTS_PER_DAY } from "./posts.rules.ts";
import { takePostNumber } from "../boards/boards.queries.ts";
import { readerOf } from "../../db/sql.ts";
import { screen, type Verdict } from "../cleanbot/cleanbot.service.ts";
import { recordCleanbotEvent } from "../cleanbot/rules.queries.ts";

export interface PostInput {
  title: string;
  body: string;
}

/** 클린봇 reads the title and the body (a title is never folded: it is refused instead). */
function screenPost(ctx: Ctx, input: PostInput): Promise<Verdict> {
  return screen(ctx, { target: "post" }, [
    { name: "title", label: "제목", text: input.title, foldable: false },
    { name: "body", label: "내용", text: input.body },
  ]);
}

export async function createPost(ctx: Ctx, board: BoardSummary, authorId: number, input: PostInput) {
  assertBoardOpen(board);
  const verdict = await screenPost(ctx, input);
  const now = ctx.clock();
  const day = kstDayWindow(now);
  const created = await ctx.sql.transaction(async (t) => {
    // Not suspended; the cap's count and the insert, one writer at a time.
    const { joinedAt } = await lockActiveMember(t, ctx, authorId);
    const [today] = await t.all<{ n: SqlInt }[]>(
      Prisma.sql`SELECT COUNT(*) AS n FROM "Post" WHERE "authorId" = ${authorId} AND "createdAt" >= ${day.since}`,
    );
    const limit = dailyCapFor("posts", POSTS_PER_DAY, joinedAt, now, ctx.trust.minAccountAgeHours);
    if (num(today!.n) >= limit.cap) {
      throw new RateLimitedError(dailyCapMessage("글", limit.cap, limit.reopensAt, limit.firstDay), secondsUntil(limit.reopensAt, now));
    }
    const post = { authorId, boardId: board.id, ...input };
    const fingerprint = await checkFlood(t, now, post); // 도배: refused here, before a number is taken
    const number = await takePostNumber(t, board.id);
    const [inserted] = await t.all<{ id: SqlInt }[]>(Prisma.sql`
      INSERT INTO "Post" ("boardId", "number", "authorId", "title", "body", "createdAt", "contentHash", "bodyHash", "heldAt", "cleanbot")
      VALUES (${board.id}, ${number}, ${authorId}, ${input.title}, ${input.body}, ${now}, ${fingerprint.contentHash}, ${fingerprint.bodyHash},
        ${verdict.outcome === "hold" ? now : null}, ${verdict.category})
      RETURNING "id"`);
    const id = num(inserted!.id);
    await indexPost(t, ctx, { id, boardId: board.id, ...input });
    await recordFlood(t, now, { ...post, id }, fingerprint);
    if (verdict.outcome) await recordCleanbotEvent(t, now, { category: verdict.category!, action: verdict.outcome, target: "post" });
    return { id, number, held: verdict.outcome === "hold" ? verdict.category : null };
  });
  // Every list page shifts; the previous post's page gains its 다음글. (A held post is in no
  // list yet, but its page and the neighbours' are read by its author; the board is cheap to drop.)
  ctx.changes.announce({ kind: "board", boardId: board.id }, { kind: "post", boardId: board.id, number: created.number });
  return created;
}

export async function getEditablePost(ctx: Ctx, board: BoardSummary, number: number, userId: number) {
  const { id } = await findOwnPost(readerOf(ctx.sql), board, number, userId);
  const [post] = await ctx.sql.read<{ title: string; body: string }[]>(Prisma.sql`SELECT "title", "body" FROM "Post" WHERE "id" = ${id}`);
  return { number, title: post!.title, body: post!.body };
}

/**
 * An edit is screened like a new post: it can be refused, held (a held post edited clean is
 * published; one edited into a promise waits again) or folded, or lose its fold.
 */
export async function updatePost(ctx: Ctx, board: BoardSummary, number: number, userId: number, input: PostInput) {
  assertBoardOpen(board);
  const verdict = await screenPost(ctx, input);
  const now = ctx.clock();
  const held = await ctx.sql.transaction(async (t) => {
    await lockActiveMember(t, ctx, userId);
    const post = await findOwnPost(t, board, number, userId);
    // The same 도배 checks as a new post, against the author's other posts.
    const edited = { authorId: userId, boardId: board.id, ...input };
    const fingerprint = await checkFlood(t, now, edited, post.id);
    await t.run(Prisma.sql`UPDATE "Post" SET "title" = ${input.title}, "body" = ${input.body}, "editedAt" = ${now},
      "contentHash" = ${fingerprint.contentHash}, "bodyHash" = ${fingerprint.bodyHash},
      "heldAt" = ${verdict.outcome === "hold" ? (post.heldAt ?? now) : null}, "cleanbot" = ${verdict.category} WHERE "id" = ${post.id}`);
    await indexPost(t, ctx, { id: post.id, boardId: board.id, ...input });
    await recordFlood(t, now, { ...edited, id: post.id }, fingerprint);
    if (verdict.outcome) await recordCleanbotEvent(t, now, { category: verdict.category!, action: verdict.outcome, target: "post" });
    return verdict.outcome === "hold" ? verdict.category : null;
  });
  // A post held or released by the edit leaves or joins the lists, as a new one would.
  ctx.changes.announce({ kind: "post", boardId: board.id, number }, { kind: "board", boardId: board.id });
  return { held };
}

export async function deletePost(ctx: Ctx, board: BoardSummary, number: number, userId: number) {
  await ctx.sql.transaction(async (t) => {
    await lockActiveMember(t, ctx, userId);
    const post = await findOwnPost(t, board, number, userId);
    await t.run(Prisma.sql`UPDATE "Post" SET "deletedAt" = ${ctx.clock()} WHERE "id" = ${post.id}`);
    await unindexPost(t, ctx, post.id);
  });
  ctx.changes.announce({ kind: "post", boardId: board.id, number });
}
