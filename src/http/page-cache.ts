// The anonymous page cache (docs/decisions/0014), as large boards keep one for guests: a GET of
// the board list, a post page or a jury page by a reader without a session is answered from a
// copy at most one second old. A signed-in request never reads or fills it; a response that
// sets a cookie, or is not a 200, is never kept. Every change a service announces
// (src/domain/changes.ts) drops the pages that show it at once, in this instance and, through
// the change feed between instances (docs/decisions/0038), in every other within milliseconds;
// while that feed is down, another instance's copy is at most one second stale. Compressed
// bodies are made once per copy and reused. Memory is bounded by an LRU on bytes. A hit is
// answered before Express (src/http/cache-hit.ts); this file keeps the copies.
import type { IncomingMessage } from "node:http";
import zlib from "node:zlib";
import type { RequestHandler } from "express";
import { changeTag, type ChangeFeed } from "../domain/changes.ts";
import { SESSION_COOKIE } from "./session.ts";

export const PAGE_TTL_MS = 1000;
const MAX_BYTES = 16 * 1024 * 1024;

/** Who reads a copy: what a hit knows of its reader (never signed in, no session). */
export interface HitReader {
  ip: string;
  userAgent: string;
}

export type Encoding = "br" | "gzip" | undefined;

export interface Entry {
  key: string;
  body: Buffer;
  /** The miss's own headers as name, value pairs (Content-Type, the security headers …), less those of one request or one encoding. */
  headers: string[];
  tags: string[];
  expires: number;
  onHit?: (reader: HitReader) => void; // what a hit must still do (count a post page's view)
  route?: string; // the route pattern that made it, for a hit's log line and metrics
  gzip?: Buffer;
  br?: Buffer;
  bytes: number;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** Set by a cacheable route before it renders: the changes its page shows, and what a hit needs (`meta`). */
      cacheablePage?: { tags: string[]; meta?: unknown };
    }
  }
}

export interface PageCacheStats {
  hits: number;
  misses: number;
  entries: number;
  bytes: number;
}

export class PageCache {
  readonly #entries = new Map<string, Entry>(); // insertion order = least recently used first
  readonly #byTag = new Map<string, Set<string>>();
  #bytes = 0;
  #swept = 0;
  readonly stats = { hits: 0, misses: 0 };

  constructor(
    readonly enabled: boolean,
    changes: ChangeFeed,
    private readonly now: () => number = Date.now,
    private readonly maxBytes = MAX_BYTES,
  ) {
    // A name is on more pages than any tag lists (every list and post of its owner); the
    // change is rare (once a month per member at most), so every copy goes.
    changes.subscribe((change) => (change.kind === "names" ? this.clear() : this.drop(changeTag(change))));
    // The feed between instances was down: what they changed meanwhile is unknown.
    changes.onResumed(() => this.clear());
  }

  /** Hits and misses so far, and what the cache holds now (entries, bytes). */
  usage(): PageCacheStats {
    return { ...this.stats, entries: this.#entries.size, bytes: this.#bytes };
  }

  clear(): void {
    for (const key of [...this.#entries.keys()]) this.#remove(key);
  }

  /** Drops every page that shows what `tag` names. */
  drop(tag: string): void {
    const keys = this.#byTag.get(tag);
    if (!keys) return;
    for (const key of [...keys]) this.#remove(key);
  }

  #remove(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
    for (const tag of entry.tags) {
      const keys = this.#byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.#byTag.delete(tag);
    }
  }

  #store(entry: Entry): void {
    this.#sweep();
    this.#remove(entry.key);
    if (entry.bytes > this.maxBytes / 8) return; // one page may not crowd out the rest
    while (this.#bytes + entry.bytes > this.maxBytes) this.#remove(this.#entries.keys().next().value!);
    this.#entries.set(entry.key, entry);
    this.#bytes += entry.bytes;
    for (const tag of entry.tags) {
      let keys = this.#byTag.get(tag);
      if (!keys) this.#byTag.set(tag, (keys = new Set()));
      keys.add(entry.key);
    }
  }

  /** Once a second, drops the copies past their second, so memory holds only live ones. */
  #sweep(): void {
    const now = this.now();
    if (now - this.#swept < PAGE_TTL_MS) return;
    this.#swept = now;
    for (const [key, entry] of this.#entries) if (entry.expires <= now) this.#remove(key);
  }

  /**
   * The fresh copy for an anonymous GET or HEAD, counted as a hit; undefined for anything
   * else (signed in, a session's cookie, another method, no copy or an old one).
   */
  lookup(req: IncomingMessage): Entry | undefined {
    if (!this.enabled || (req.method !== "GET" && req.method !== "HEAD") || hasSessionCookie(req)) return undefined;
    const entry = this.#entries.get(req.url ?? "");
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.#remove(entry.key);
      return undefined;
    }
    // Most recently used last.
    this.#entries.delete(entry.key);
    this.#entries.set(entry.key, entry);
    this.stats.hits++;
    return entry;
  }

  /** The copy's bytes in an encoding, compressed once per copy and then kept with it. */
  bodyOf(entry: Entry, encoding: Encoding): Buffer {
    if (encoding === "br") return entry.br ?? this.#keep(entry, (entry.br = zlib.brotliCompressSync(entry.body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } })));
    if (encoding === "gzip") return entry.gzip ?? this.#keep(entry, (entry.gzip = zlib.gzipSync(entry.body)));
    return entry.body;
  }

  /** Counts a compressed copy's bytes against the bound. */
  #keep(entry: Entry, compressed: Buffer): Buffer {
    if (this.#entries.get(entry.key) === entry) {
      entry.bytes += compressed.length;
      this.#bytes += compressed.length;
    }
    return compressed;
  }

  /**
   * In front of a cacheable route: keeps a copy of what the route sends to an anonymous
   * reader. `onHit` is what a later hit must still do, given the `meta` the route left.
   */
  route(onHit?: (reader: HitReader, meta: unknown) => void): RequestHandler {
    return (req, res, next) => {
      if (!this.enabled || (req.method !== "GET" && req.method !== "HEAD") || hasSessionCookie(req)) return next();
      const key = req.originalUrl;
      this.stats.misses++;
      res.setHeader("X-Cache", "miss");
      const send = res.send.bind(res);
      res.send = (body?: unknown) => {
        const page = res.locals.cacheablePage;
        if (page && res.statusCode === 200 && !res.getHeader("set-cookie") && (typeof body === "string" || Buffer.isBuffer(body))) {
          const buffer = typeof body === "string" ? Buffer.from(body) : body;
          const headers = ownHeaders(res.getHeaders(), String(res.getHeader("content-type") ?? "text/html; charset=utf-8"));
          this.#store({
            key,
            body: buffer,
            headers,
            // Every page of a board shows its header (prices, 공시, 시장경보): those changes drop them all.
            tags: res.locals.board ? [...page.tags, changeTag({ kind: "market", boardId: res.locals.board.id })] : page.tags,
            onHit: onHit && ((reader: HitReader) => onHit(reader, page.meta)),
            route: req.route ? `${req.baseUrl}${String(req.route.path)}` : undefined,
            expires: this.now() + PAGE_TTL_MS,
            bytes: buffer.length + key.length + headers.reduce((n, h) => n + h.length, 0),
          });
        }
        return send(body);
      };
      next();
    };
  }
}

// Set for each answer, not kept: the request's id, whether it was a hit, HSTS (HTTPS only),
// and the encoding and length of the bytes sent. A cookie is never kept (no such copy is).
const PER_ANSWER = new Set(["x-request-id", "x-cache", "strict-transport-security", "content-encoding", "content-length", "content-type", "vary", "set-cookie", "transfer-encoding"]);

/** What a miss set that every hit of its copy sends too, as name, value pairs. */
function ownHeaders(set: Record<string, number | string | string[] | undefined>, type: string): string[] {
  const pairs = ["Content-Type", type, "Vary", "Accept-Encoding"];
  for (const [name, value] of Object.entries(set)) {
    if (PER_ANSWER.has(name) || value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) pairs.push(name, String(one));
  }
  return pairs;
}

/** A request that belongs to a session (signed in, or a session's leftovers): never cached. */
function hasSessionCookie(req: IncomingMessage): boolean {
  return !!req.headers.cookie?.includes(`${SESSION_COOKIE}=`);
}
