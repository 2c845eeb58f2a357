// Deleting rows that only ever served a short while, each by the module that owns them and
// knows how long they serve: expired sessions, view records of past KST days, day-old flood
// fingerprints, notifications untouched for 90 days. Idempotent, so every instance may run it;
// the server does so hourly.
import type { Ctx } from "./context.ts";
import { deleteExpiredSessions } from "./modules/accounts/sessions.queries.ts";
import { forgetOldFingerprints } from "./modules/moderation/flood.service.ts";
import { forgetOldNotifications } from "./modules/notifications/notifications.service.ts";
import { forgetPastViews } from "./modules/viewcounts/viewcounts.service.ts";

export const HOUSEKEEPING_INTERVAL_MS = 60 * 60 * 1000;

export async function housekeeping(ctx: Ctx): Promise<{ sessions: number; views: number; fingerprints: number; notifications: number }> {
  // Session expiry is wall-clock time, like the cookie's (src/http/session-store.ts).
  const sessions = await deleteExpiredSessions(ctx, new Date());
  const views = await forgetPastViews(ctx);
  const fingerprints = await forgetOldFingerprints(ctx);
  const notifications = await forgetOldNotifications(ctx);
  return { sessions, views, fingerprints, notifications };
}
