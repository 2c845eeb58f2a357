// View counting that stays off the page's critical path (docs/decisions/0006-view-counting.md).
// A page view only enqueues (post, viewer, KST day) in memory; a flush a moment later writes
// the whole batch in one transaction: inserts into PostView (rows batched as the dialect
// prefers: many per statement on PostgreSQL, one cached statement per row on SQLite) whose primary key makes
// a second view of the day a no-op (across app instances too), then one counter update per
// post for the rows that were new. A failed flush is logged and never reaches a page.
import type { Ctx } from "../../context.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { num, type SqlInt } from "../../db/raw.ts";
import { kstDay, startOfKstDay } from "../../lib/kst-time.ts";
import { addViews } from "../posts/posts.queries.ts";

const FLUSH_DELAY_MS = 200;
// Upper bound on rows kept in memory between flushes; past it a flush starts at once.
const MAX_PENDING = 5000;
// Views per write transaction. A SQLite transaction runs without yielding, so a big batch
// would stall every request behind it (a thousand views took ~20 ms, the p99 of cached pages);
// between chunks the event loop serves requests.
const VIEWS_PER_TRANSACTION = 200;

interface PendingView {
  postId: number;
  viewerKey: string;
  day: string;
}

export class ViewCounter {
  #pending = new Map<string, PendingView>();
  #timer: NodeJS.Timeout | null = null;
  #flushing: Promise<void> = Promise.resolve();
  #oldest: number | null = null; // when the oldest waiting view was recorded (for the metrics' lag)

  constructor(
    private readonly ctx: Ctx,
    private readonly onError: (error: unknown) => void,
  ) {}

  record(view: PendingView): void {
    this.#oldest ??= performance.now();
    this.#pending.set(`${view.postId}\n${view.viewerKey}\n${view.day}`, view);
    if (this.#pending.size >= MAX_PENDING) {
      void this.flush();
    } else if (!this.#timer) {
      this.#timer = setTimeout(() => void this.flush(), FLUSH_DELAY_MS);
      this.#timer.unref();
    }
  }

  /** The views waiting for the next batch, and how long the oldest has waited. */
  queue(): { length: number; lagSeconds: number } {
    return { length: this.#pending.size, lagSeconds: this.#oldest === null ? 0 : (performance.now() - this.#oldest) / 1000 };
  }

  /** Writes everything recorded so far; resolves when it is in the database. */
  flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    const batch = [...this.#pending.values()];
    this.#pending.clear();
    this.#oldest = null;
    this.#flushing = this.#flushing.then(async () => {
      for (let i = 0; i < batch.length; i += VIEWS_PER_TRANSACTION) {
        if (i > 0) await new Promise((resolve) => setImmediate(resolve));
        await this.#write(batch.slice(i, i + VIEWS_PER_TRANSACTION));
      }
    });
    return this.#flushing;
  }

  async #write(batch: PendingView[]): Promise<void> {
    try {
      const now = this.ctx.clock();
      const rows = this.ctx.dialect.batchRows;
      await this.ctx.sql.transaction(async (t) => {
        const added = new Map<number, number>();
        for (let i = 0; i < batch.length; i += rows) {
          const values = batch.slice(i, i + rows).map((v) => Prisma.sql`(${v.postId}, ${v.viewerKey}, ${v.day}, ${now})`);
          // Only rows that are new today come back; repeats are dropped by the primary key.
          const inserted = await t.all<{ postId: SqlInt }[]>(
            Prisma.sql`INSERT INTO "PostView" ("postId", "viewerKey", "day", "createdAt")
              VALUES ${Prisma.join(values)} ON CONFLICT DO NOTHING RETURNING "postId"`,
          );
          for (const { postId } of inserted) added.set(num(postId), (added.get(num(postId)) ?? 0) + 1);
        }
        await addViews(t, [...added], rows);
      });
    } catch (error) {
      this.onError(error);
    }
  }
}

/**
 * Forgets view records of past KST days (they only deduplicate views within their day), keeping
 * yesterday's: a view just after midnight must still find them harmless. Returns how many went.
 */
export async function forgetPastViews(ctx: Ctx): Promise<number> {
  const yesterday = kstDay(new Date(startOfKstDay(ctx.clock()).getTime() - 1));
  return ctx.sql.transaction((t) => t.run(Prisma.sql`DELETE FROM "PostView" WHERE "day" < ${yesterday}`));
}
