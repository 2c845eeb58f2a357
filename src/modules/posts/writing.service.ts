// Writing posts, each a short write transaction of raw SQL (src/db/sql.ts): the daily cap and
// the flood (도배) checks run in the same transaction as the insert (so parallel requests
// cannot slip past them), and the search index changes with the post.
import type { Ctx } from "../../context.ts";
import { date, num, type SqlDate, type SqlInt } from "../../db/raw.ts";
import type { SqlTx } from "../../db/sql.ts";
import { kstDay } from "../../lib/kst-time.ts";
import { readPriceHeader } from "../quotes/quotes.service.ts";
import type { Holding, Stance } from "./stance.rules.ts";
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

/** What only a new post says: 본인 표시 (stance.rules.ts), fixed once written. */
export interface Stated {
  holding: Holding | null;
  stance: Stance | null;
}

/** 클린봇 reads the title and the body (a title is never folded: it is refused instead). */
function screenPost(ctx: Ctx, input: PostInput): Promise<Verdict> {
  return screen(ctx, { target: "post" }, [
    { name: "title", label: "제목", text: input.title, foldable: false },
    { name: "body", label: "내용", text: input.body },
  ]);
}

export async function createPost(ctx: Ctx, board: BoardSummary, authorId: number, input: PostInput, stated: Stated = { holding: null, stance: null }) {
  assertBoardOpen(board);
  const verdict = await screenPost(ctx, input);
  // The last close this process knows (the header's, at most seconds old): the post keeps it.
  const price = await readPriceHeader(ctx, board.id);
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
      INSERT INTO "Post" ("boardId", "number", "authorId", "title", "body", "createdAt", "contentHash", "bodyHash", "heldAt", "cleanbot",
        "closeAtPosting", "closeDayAtPosting", "holding", "stance")
      VALUES (${board.id}, ${number}, ${authorId}, ${input.title}, ${input.body}, ${now}, ${fingerprint.contentHash}, ${fingerprint.bodyHash},
        ${verdict.outcome === "hold" ? now : null}, ${verdict.category}, ${price?.close ?? null}, ${price?.day ?? null}, ${stated.holding}, ${stated.stance})
      RETURNING "id"`);
    const id = num(inserted!.id);
    if (stated.stance) await countStance(t, board.id, kstDay(now), stated.stance, 1);
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
  const [post] = await ctx.sql.read<{ title: string; body: string; holding: string | null; stance: string | null }[]>(
    Prisma.sql`SELECT "title", "body", "holding", "stance" FROM "Post" WHERE "id" = ${id}`,
  );
  return { number, title: post!.title, body: post!.body, holding: post!.holding, stance: post!.stance };
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
  const stated = await ctx.sql.transaction(async (t) => {
    await lockActiveMember(t, ctx, userId);
    const post = await findOwnPost(t, board, number, userId);
    await t.run(Prisma.sql`UPDATE "Post" SET "deletedAt" = ${ctx.clock()} WHERE "id" = ${post.id}`);
    await unindexPost(t, ctx, post.id);
    // The chart counts the posts that stand: a deleted one leaves its day's tally.
    const [row] = await t.all<{ stance: string | null; createdAt: SqlDate }[]>(Prisma.sql`SELECT "stance", "createdAt" FROM "Post" WHERE "id" = ${post.id}`);
    if (row?.stance) await countStance(t, board.id, kstDay(date(row.createdAt)), row.stance, -1);
    return !!row?.stance;
  });
  // The board page's chart changes with a stated post; otherwise only the post's own pages do.
  ctx.changes.announce({ kind: "post", boardId: board.id, number }, ...(stated ? [{ kind: "board" as const, boardId: board.id }] : []));
}

/** The board's tally of `stance` on `day`, moved by `by` (one upsert: atomic on both databases). */
async function countStance(t: SqlTx, boardId: number, day: string, stance: string, by: 1 | -1): Promise<void> {
  await t.run(Prisma.sql`INSERT INTO "StanceDay" ("boardId", "day", "stance", "posts") VALUES (${boardId}, ${day}, ${stance}, ${Math.max(0, by)})
    ON CONFLICT ("boardId", "day", "stance") DO UPDATE SET "posts" = CASE WHEN "StanceDay"."posts" + ${by} < 0 THEN 0 ELSE "StanceDay"."posts" + ${by} END`);
}
