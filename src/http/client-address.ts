// The client's address for a request answered before Express (a live stream), the way Express
// works out `req.ip` from a hop count ("trust proxy" = TRUST_PROXY): the socket's peer, or with
// N trusted proxies the address N hops back in X-Forwarded-For, never further than the list goes.
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
