// A page-cache hit, answered where node:http hands over the request, before Express and its
// middleware (docs/decisions/0014): a copy is bytes already in memory, and routing, the
// request and response objects Express builds, and a dozen middlewares that set the same
// headers cost several times the answer itself. What a hit still owes is done here: the
// headers a miss sent (kept with the copy) plus this answer's own — its request id, HSTS over
// HTTPS, X-Cache, the encoding the client accepts — the view it counts, and the request's log
// line and duration sample. Everything else (a signed-in reader, a session's cookie, a POST,
// no fresh copy) goes on to Express.
import type { IncomingMessage, ServerResponse } from "node:http";
import Negotiator from "negotiator";
import { cameOverHttps, clientAddress } from "./client-address.ts";
import type { Encoding, PageCache } from "./page-cache.ts";
import type { WatchRequest } from "./request-log.ts";
import { HSTS } from "./security-headers.ts";

export interface HitDeps {
  trustedHops: number; // TRUST_PROXY, as Express reads the client's address and protocol
  watch: WatchRequest; // the request log's line and duration sample
  onError: (error: unknown) => void; // a hit that failed before answering: Express answers it instead
}

/** Answers a request from a fresh copy, or returns false to hand it to Express. */
export function cacheHits(cache: PageCache, { trustedHops, watch, onError }: HitDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const entry = cache.lookup(req);
    if (!entry) return false;
    let encoding: Encoding;
    let body: Buffer;
    // Out here a throw would not reach Express's error handler but end the process.
    try {
      encoding = preferredEncoding(req.headers["accept-encoding"]);
      body = cache.bodyOf(entry, encoding);
      entry.onHit?.({ ip: clientAddress(req, trustedHops), userAgent: req.headers["user-agent"] ?? "" });
    } catch (error) {
      onError(error);
      return false;
    }
    const id = watch(req, Object.assign(res, { locals: { routePattern: entry.route } }));
    const headers = [...entry.headers, "X-Request-Id", id, "X-Cache", "hit", "Content-Length", String(body.length)];
    if (encoding) headers.push("Content-Encoding", encoding);
    if (cameOverHttps(req, trustedHops)) headers.push("Strict-Transport-Security", HSTS);
    // One call with the pairs: node writes them as given, with no header table per answer.
    res.writeHead(200, headers);
    res.end(req.method === "HEAD" ? undefined : body);
    return true;
  };
}

// As the compression middleware negotiates a miss (its lists): q-values count, so `gzip;q=0`
// is a refusal, and br wins a tie. Browsers send a handful of distinct headers; the answers
// for the latest are kept, and a flood of made-up ones only empties the list.
const ENCODINGS = ["br", "gzip", "identity"];
const PREFERRED = { preferred: ["br", "gzip"] };
const NEGOTIATED_MAX = 64;
const negotiated = new Map<string, Encoding>();

function preferredEncoding(accepted: string | undefined): Encoding {
  if (!accepted) return undefined;
  let encoding = negotiated.get(accepted);
  if (encoding === undefined && !negotiated.has(accepted)) {
    const negotiator = new Negotiator({ headers: { "accept-encoding": accepted } }) as Negotiator & { encoding(available: string[], options: typeof PREFERRED): string | undefined };
    const best = negotiator.encoding(ENCODINGS, PREFERRED);
    encoding = best === "br" || best === "gzip" ? best : undefined;
    if (negotiated.size >= NEGOTIATED_MAX) negotiated.clear();
    negotiated.set(accepted, encoding);
  }
  return encoding;
}
