// Comments under a post: listing now; writing and deleting come with accounts.
import type { Ctx } from "../../context.ts";

export async function listComments(ctx: Ctx, postId: number) {
  return ctx.db.comment.findMany({
    where: { postId },
    orderBy: { id: "asc" }, // oldest first, as the portal board shows them
    select: {
      id: true,
      body: true,
      createdAt: true,
      deletedAt: true,
      author: { select: { id: true, nickname: true, loginId: true } },
    },
  });
}
