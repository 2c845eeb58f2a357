// Who counts as a viewer, and who does not (docs/product.md §3).
import crypto from "node:crypto";

// Crawlers, link previewers and scripted clients that say what they are.
const BOT_PATTERN =
  /bot\b|bot\/|crawl|spider|slurp|mediapartners|bingpreview|facebookexternalhit|embedly|preview|yeti|daum[oa]|scrapy|python-requests|python-urllib|curl\/|wget\/|go-http-client|okhttp|java\/|libwww|httpclient|axios\/|node-fetch|headlesschrome.*lighthouse/i;

export function isBot(userAgent: string | undefined): boolean {
  return !!userAgent && BOT_PATTERN.test(userAgent);
}

export interface ViewerIdentity {
  userId?: number;
  sessionId?: string;
  ip: string;
  userAgent: string;
}

/**
 * The viewer key: the user, else the session, else a salted hash of IP and user agent. The
 * hash includes the day, so it cannot follow a cookieless reader from one day to the next.
 */
export function viewerKey(who: ViewerIdentity, day: string, secret: string): string {
  if (who.userId !== undefined) return `u:${who.userId}`;
  const mac = (value: string) => crypto.createHmac("sha256", secret).update(value).digest("base64url").slice(0, 22);
  if (who.sessionId) return `s:${mac(`session\n${who.sessionId}`)}`;
  return `a:${mac(`anon\n${day}\n${who.ip}\n${who.userAgent}`)}`;
}
