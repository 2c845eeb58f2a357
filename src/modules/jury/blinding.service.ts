// The blind rule, applied inside the transaction of the opinion or vote that may make it true.
import type { Ctx, SqlTx } from "../../context.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { notify } from "../notifications/notify.service.ts";
import { unindexPost } from "../search/search.service.ts";
import { shouldBlind } from "./jury.rules.ts";
import { blindPost } from "../posts/posts.queries.ts";

/** After a vote or an opinion: the post changed, and its board's jury page too if it was blinded. */
export function announcePostChange(ctx: Pick<Ctx, "changes" | "events">, board: { id: number }, number: number, blinded: boolean): void {
  ctx.changes.announce({ kind: "post", boardId: board.id, number }, ...(blinded ? [{ kind: "jury" as const, boardId: board.id }] : []));
  if (blinded) ctx.events.record("blinding", { boardId: board.id, postNumber: number });
}

export interface PostStanding {
  id: number;
  boardId: number;
  authorId: number;
  opinionCount: number;
  upCount: number;
  downCount: number;
}

/**
 * Blinds the post if the rule holds for its standing as this transaction left it, writing
 * its public log row in the same transaction. Returns whether the post is blinded now.
 */
export async function applyBlindRule(t: SqlTx, ctx: Pick<Ctx, "dialect">, post: PostStanding, now: Date): Promise<boolean> {
  if (!shouldBlind({ ...post, blinded: false })) return false;
  // Conditional on still being visible, so a second path to the same moment blinds once.
  const blinded = await blindPost(t, post.id, now);
  if (blinded) {
    await unindexPost(t, ctx, post.id); // a blinded post's text is no longer public
    await t.run(Prisma.sql`
      INSERT INTO "BlindLog" ("boardId", "postId", "opinionCount", "upCount", "downCount", "createdAt")
      VALUES (${post.boardId}, ${post.id}, ${post.opinionCount}, ${post.upCount}, ${post.downCount}, ${now})`);
    await notify(t, now, { userId: post.authorId, kind: "blinded", boardId: post.boardId, postId: post.id });
  }
  return true;
}
