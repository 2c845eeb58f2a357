// Deleting rows that only ever served a short while: expired sessions, view records of past
// KST days (they only deduplicate views within their day), day-old flood fingerprints, and
// notifications untouched for 90 days. Idempotent, so every
// instance may run it; the server does so hourly.
import type { Ctx } from "../context.ts";
import { kstDay, startOfKstDay } from "../lib/kst-time.ts";

export const HOUSEKEEPING_INTERVAL_MS = 60 * 60 * 1000;

// Flood fingerprints serve a one-hour window (src/modules/moderation/flood.rules.ts); a day
// leaves room for clock skew between instances.
const FINGERPRINT_KEEP_MS = 24 * 60 * 60 * 1000;

// 알림 are kept this long after their last change (src/modules/notifications).
const NOTIFICATION_KEEP_MS = 90 * 24 * 60 * 60 * 1000;

export async function housekeeping(ctx: Ctx): Promise<{ sessions: number; views: number; fingerprints: number; notifications: number }> {
  // Session expiry is wall-clock time, like the cookie's (src/http/session-store.ts).
  const sessions = await ctx.db.session.deleteMany({ where: { expiresAt: { lte: new Date() } } });
  // Keep yesterday too: a view just after midnight must still find yesterday's rows harmless.
  const yesterday = kstDay(new Date(startOfKstDay(ctx.clock()).getTime() - 1));
  const views = await ctx.db.postView.deleteMany({ where: { day: { lt: yesterday } } });
  const before = new Date(ctx.clock().getTime() - FINGERPRINT_KEEP_MS);
  await ctx.db.postFingerprintBand.deleteMany({ where: { createdAt: { lt: before } } });
  const fingerprints = await ctx.db.postFingerprint.deleteMany({ where: { createdAt: { lt: before } } });
  const notifications = await ctx.db.notification.deleteMany({ where: { updatedAt: { lt: new Date(ctx.clock().getTime() - NOTIFICATION_KEEP_MS) } } });
  return { sessions: sessions.count, views: views.count, fingerprints: fingerprints.count, notifications: notifications.count };
}
