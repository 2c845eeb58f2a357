// View counting that stays off the page's critical path (docs/decisions/0006-view-counting.md).
// A page view only enqueues (post, viewer, KST day) in memory; a flush a moment later writes
// the whole batch in one transaction: each new PostView row (the primary key makes a second
// view of the day a no-op, across app instances too) adds one to its post's counter. A failed
// flush is logged and never reaches a page.
import type { Ctx } from "../../context.ts";
import { Prisma } from "../../generated/prisma/client.ts";

const FLUSH_DELAY_MS = 200;
// Upper bound on rows kept in memory between flushes; past it a flush starts at once.
const MAX_PENDING = 5000;

interface PendingView {
  postId: number;
  viewerKey: string;
  day: string;
}

export class ViewCounter {
  #pending = new Map<string, PendingView>();
  #timer: NodeJS.Timeout | null = null;
  #flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: Ctx,
    private readonly onError: (error: unknown) => void,
  ) {}

  record(view: PendingView): void {
    this.#pending.set(`${view.postId}\n${view.viewerKey}\n${view.day}`, view);
    if (this.#pending.size >= MAX_PENDING) {
      void this.flush();
    } else if (!this.#timer) {
      this.#timer = setTimeout(() => void this.flush(), FLUSH_DELAY_MS);
      this.#timer.unref();
    }
  }

  /** Writes everything recorded so far; resolves when it is in the database. */
  flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    const batch = [...this.#pending.values()];
    this.#pending.clear();
    this.#flushing = this.#flushing.then(() => (batch.length ? this.#write(batch) : undefined));
    return this.#flushing;
  }

  async #write(batch: PendingView[]): Promise<void> {
    try {
      const now = this.ctx.clock();
      await this.ctx.db.$transaction(async (tx) => {
        const added = new Map<number, number>();
        for (const v of batch) {
          const inserted = await tx.$executeRaw(
            Prisma.sql`INSERT INTO "PostView" ("postId", "viewerKey", "day", "createdAt")
              VALUES (${v.postId}, ${v.viewerKey}, ${v.day}, ${now})
              ON CONFLICT DO NOTHING`,
          );
          if (inserted > 0) added.set(v.postId, (added.get(v.postId) ?? 0) + 1);
        }
        for (const [postId, n] of added) {
          await tx.post.update({ where: { id: postId }, data: { viewCount: { increment: n } } });
        }
      });
    } catch (error) {
      this.onError(error);
    }
  }
}
