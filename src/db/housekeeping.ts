// Deleting rows that only ever served a short while: expired sessions, and view records of
// past KST days (they only deduplicate views within their day). Idempotent, so every
// instance may run it; the server does so hourly.
import type { Ctx } from "../context.ts";
import { kstDay, startOfKstDay } from "../lib/kst-time.ts";

export const HOUSEKEEPING_INTERVAL_MS = 60 * 60 * 1000;

export async function housekeeping(ctx: Ctx): Promise<{ sessions: number; views: number }> {
  // Session expiry is wall-clock time, like the cookie's (src/http/session-store.ts).
  const sessions = await ctx.db.session.deleteMany({ where: { expiresAt: { lte: new Date() } } });
  // Keep yesterday too: a view just after midnight must still find yesterday's rows harmless.
  const yesterday = kstDay(new Date(startOfKstDay(ctx.clock()).getTime() - 1));
  const views = await ctx.db.postView.deleteMany({ where: { day: { lt: yesterday } } });
  return { sessions: sessions.count, views: views.count };
}
