// What Express works out about a request's client, for requests answered before Express (a
// live stream, a page-cache hit), from the same hop count ("trust proxy" = TRUST_PROXY): the
// address (the socket's peer, or with N trusted proxies the address N hops back in
// X-Forwarded-For, never further than the list goes) and whether it came over HTTPS.
import type { IncomingMessage } from "node:http";

export function clientAddress(req: IncomingMessage, trustedHops: number): string {
  const peer = req.socket.remoteAddress ?? "unknown";
  if (trustedHops === 0) return peer;
  const header = req.headers["x-forwarded-for"];
  const forwarded = (Array.isArray(header) ? header.join(",") : (header ?? "")).split(",").map((a) => a.trim()).filter(Boolean);
  // Nearest first: the peer, then the forwarded addresses from the right.
  const chain = [peer, ...forwarded.reverse()];
  return chain[Math.min(trustedHops, chain.length - 1)]!;
}

/**
 * Whether the request came over HTTPS, as Express's `req.secure` works it out: a TLS socket,
 * or with a trusted proxy the first value of its X-Forwarded-Proto.
 */
export function cameOverHttps(req: IncomingMessage, trustedHops: number): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted) return true;
  if (trustedHops === 0) return false;
  const header = req.headers["x-forwarded-proto"];
  const proto = typeof header === "string" ? header : "";
  const comma = proto.indexOf(",");
  return (comma === -1 ? proto : proto.slice(0, comma)).trim() === "https";
}
