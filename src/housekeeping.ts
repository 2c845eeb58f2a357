// The hourly work each module asks for: deleting rows that only ever served a short while
// (expired sessions, view records of past KST days, day-old flood fingerprints, notifications
// untouched for 90 days, client signals unseen for 30 days, mailed links a day past expiry,
// nickname holds past their 30 days), each by the module that owns
// them, and the integrity scan (its cases are keyed, so a group found again changes nothing).
// Idempotent, so every instance may run it; the server does so hourly.
import type { Ctx } from "./context.ts";
import { deleteExpiredSessions } from "./modules/accounts/sessions.queries.ts";
import { deleteLapsedHolds } from "./modules/accounts/names.queries.ts";
import { deleteOldTokens } from "./modules/accounts/tokens.queries.ts";
import { scanIntegrity } from "./modules/integrity/scan.service.ts";
import { forgetOldSignals } from "./modules/integrity/signals.queries.ts";
import { forgetOldFingerprints } from "./modules/moderation/flood.service.ts";
import { forgetOldNotifications } from "./modules/notifications/notifications.service.ts";
import { forgetPastViews } from "./modules/viewcounts/viewcounts.service.ts";

export const HOUSEKEEPING_INTERVAL_MS = 60 * 60 * 1000;

export async function housekeeping(ctx: Ctx) {
  // Session expiry is wall-clock time, like the cookie's (src/http/session-store.ts).
  const sessions = await deleteExpiredSessions(ctx, new Date());
  const views = await forgetPastViews(ctx);
  const fingerprints = await forgetOldFingerprints(ctx);
  const notifications = await forgetOldNotifications(ctx);
  const signals = await forgetOldSignals(ctx);
  // Mailed links a day past their expiry, and nickname holds past their 30 days.
  const now = ctx.clock();
  const accountLinks = await ctx.sql.transaction((t) => deleteOldTokens(t, new Date(now.getTime() - 86_400_000)));
  const nicknameHolds = await ctx.sql.transaction((t) => deleteLapsedHolds(t, now));
  const integrity = await scanIntegrity(ctx);
  return { sessions, views, fingerprints, notifications, signals, accountLinks, nicknameHolds, integrityCases: integrity.opened, integrityScanMs: integrity.ms };
}
