// The open pages' streams (server-sent events): /boards/:code/live for a board's first list
// page (새 글 N개), /boards/:code/posts/:number/live for a post (comments arriving, its counts,
// a blinding). An anonymous stream costs no session work; one that carries the session cookie
// reads it once, to add the member's 알림 count and leave out whom they block. Bounded per
// instance and per client address (503 + Retry-After past either), with one heartbeat for all,
// and a reader that does not read is dropped (docs/decisions/0038).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Writable } from "node:stream";
import type { Request } from "express";
import type { Ctx } from "../../context.ts";
import { NoSuchPost, ValidationError } from "../../domain/errors.ts";
import { signedInUser } from "../../http/auth.ts";
import { clientAddress } from "../../http/client-address.ts";
import { openErrorBody, refusalOf } from "../../http/error-handler.ts";
import { parseIdParam } from "../../http/parse.ts";
import { SESSION_COOKIE, type SessionUser } from "../../http/session.ts";
import { kstDay } from "../../lib/kst-time.ts";
import type { Logger } from "../../lib/log.ts";
import { maskLoginId } from "../../lib/mask.ts";
import { getBoard, type BoardSummary } from "../boards/boards.service.ts";
import { blockedIds } from "../blocks/blocks.service.ts";
import type { LiveComment, LiveHub, LiveListener, RenderComment } from "./hub.service.ts";
import { livePosts } from "./live.queries.ts";
import { HEARTBEAT, RECONNECT_MS, resumePoint, RETRY_AFTER_SECONDS, shownNumbers, sinceOf, STREAM_BUFFER_MAX } from "./live.rules.ts";

export interface LiveSettings {
  /** Streams this instance keeps open at most (0: none: the pages work as without JavaScript). */
  maxStreams: number;
  perClient: number;
  heartbeatMs: number;
}

/** One reader's stream: events written as they come; a reader this far behind is dropped. */
export class SseStream implements LiveListener {
  #ended = false;

  constructor(
    private readonly out: Pick<Writable, "write" | "end" | "destroy" | "writableLength">,
    readonly userId: number | null = null,
    readonly blocked: ReadonlySet<number> = new Set(),
  ) {}

  get ended(): boolean {
    return this.#ended;
  }

  send(frame: string): void {
    if (this.#ended) return;
    this.out.write(frame);
    // The socket would take no more: what is waiting is bounded, the rest is not kept.
    if (this.out.writableLength > STREAM_BUFFER_MAX) {
      this.#ended = true;
      this.out.destroy();
    }
  }

  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.out.end();
  }
}

/** Counts the open streams, in all and per client address. */
class StreamCount {
  total = 0;
  readonly #byClient = new Map<string, number>();

  constructor(private readonly settings: LiveSettings) {}

  /** Takes a place for `client`, or says why not. */
  take(client: string): "ok" | "instance" | "client" {
    if (this.total >= this.settings.maxStreams) return "instance";
    const mine = this.#byClient.get(client) ?? 0;
    if (mine >= this.settings.perClient) return "client";
    this.#byClient.set(client, mine + 1);
    this.total++;
    return "ok";
  }

  give(client: string): void {
    const mine = (this.#byClient.get(client) ?? 1) - 1;
    if (mine <= 0) this.#byClient.delete(client);
    else this.#byClient.set(client, mine);
    this.total--;
  }
}

const REFUSED = {
  instance: "지금은 실시간 알림을 더 열 수 없습니다. 새로고침하면 새 글과 댓글을 볼 수 있습니다.",
  client: "이 주소에서 연 실시간 알림이 너무 많습니다. 다른 창이나 탭을 닫아 주세요.",
};

/**
 * A comment's HTML as an anonymous reader's post page draws it, with the page's own partial:
 * the same for every reader, so it is rendered once per comment and sent to all.
 */
export function commentRenderer(render: (view: string, locals: object) => Promise<string>, clock: () => Date): RenderComment {
  return (board: BoardSummary, postNumber: number, c: LiveComment) =>
    render("post-page/_comments", {
      comments: [{ ...c, hiddenReason: null, mine: false, replies: [], author: { id: c.author.id, nickname: c.author.nickname, maskedLoginId: maskLoginId(c.author.loginId), operator: c.author.operator } }],
      board,
      postNumber,
      isOperator: false,
      asReplies: c.parentId !== null,
      today: kstDay(clock()),
    });
}

/** One query parameter, refused when repeated (`?after=1&after=2`). */
function single(query: URLSearchParams, name: string): string | undefined | null {
  const values = query.getAll(name);
  return values.length > 1 ? null : values[0];
}

/** `Last-Event-ID` (a reconnect), else `after` (a page that was hidden, reopening its stream). */
function resumeFrom(req: IncomingMessage, query: URLSearchParams): number | null {
  const header = req.headers["last-event-id"];
  const point = resumePoint(typeof header === "string" ? header : header === undefined ? single(query, "after") : null);
  if (point === undefined) throw new ValidationError("이어 받을 위치(Last-Event-ID)가 올바르지 않습니다.");
  return point;
}

/** The id the request logger gave the request (it leaves the header to the stream's head). */
const requestIdOf = (req: IncomingMessage) => (req as IncomingMessage & { id?: string }).id ?? "";

const STREAM_PATH = /^\/boards\/([^/]+)(?:\/posts\/([^/]+))?\/live$/;

export interface LiveHandlers {
  /** Reads the session of a request that carries its cookie (the session middleware). */
  signedIn: (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;
  /** The request's log line and id (the request logger). */
  logged: (req: IncomingMessage, res: ServerResponse) => void;
  log: Logger;
  trustedHops: number;
}

/**
 * The live streams, answered at the HTTP server's level, before Express: a stream lives for
 * minutes, and what Express and the page middleware leave on each request (the page's dozen
 * security headers, routing state, locals) would cost 10,000 open streams about twice the
 * memory (docs/decisions/0038). `handle` takes a request for a stream and answers it, or
 * returns false for Express to route.
 */
export function liveStreams(ctx: Ctx, hub: LiveHub, settings: LiveSettings, handlers: LiveHandlers) {
  const count = new StreamCount(settings);
  const open = new Set<SseStream>();
  let beat: NodeJS.Timeout | undefined;

  function refuse(req: IncomingMessage, res: ServerResponse, status: number, body: object, retryAfter?: number): void {
    res.writeHead(status, {
      "X-Request-Id": requestIdOf(req),
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      ...(retryAfter !== undefined ? { "Retry-After": String(retryAfter) } : {}),
    });
    res.end(JSON.stringify(body));
  }

  /** What a request names: its board, and for a post's stream the post; checked and read. */
  async function target(req: IncomingMessage, url: URL, path: RegExpExecArray) {
    const board = await getBoard(ctx, path[1]!);
    const after = resumeFrom(req, url.searchParams);
    if (path[2] === undefined) {
      const shown = shownNumbers(single(url.searchParams, "shown"));
      if (shown === undefined) throw new ValidationError("목록의 글 번호(shown)가 올바르지 않습니다.");
      return (stream: SseStream) => hub.joinList(stream, board, { after, shown });
    }
    const number = parseIdParam(path[2], () => new NoSuchPost());
    const since = sinceOf(single(url.searchParams, "since"), ctx.clock());
    if (since === undefined) throw new ValidationError("시작 시각(since)이 올바르지 않습니다.");
    // Only a post anyone may read has a stream: a blinded, hidden, held or deleted one is 404.
    const [post] = await livePosts(ctx, board.id, [number]);
    if (!post || post.unseen) throw new NoSuchPost();
    return (stream: SseStream) => hub.joinPost(stream, board, post, { after, since });
  }

  /** Opens the stream on `res` and hands it to `join` (which returns how to leave), or refuses it. */
  async function start(req: IncomingMessage, res: ServerResponse, url: URL, path: RegExpExecArray): Promise<void> {
    const join = await target(req, url, path);
    const client = clientAddress(req, handlers.trustedHops);
    const place = count.take(client);
    if (place !== "ok") {
      refuse(req, res, 503, openErrorBody("busy", REFUSED[place]), RETRY_AFTER_SECONDS);
      return;
    }
    // From here the place is given back when the connection closes, even while the session is
    // still being read.
    const leaves: (() => void)[] = [];
    let stream: SseStream | null = null;
    let closed = false;
    res.once("close", () => {
      closed = true;
      if (stream) open.delete(stream);
      if (open.size === 0) beat = void clearInterval(beat);
      for (const leave of leaves) leave();
      count.give(client);
    });
    const user = await sessionUserOf(req, res);
    const blocked: ReadonlySet<number> = user ? await blockedIds(ctx, user.id) : new Set();
    if (closed) return;
    // Nothing is reused after a stream: the connection closes with it (one header line less held).
    res.shouldKeepAlive = false;
    res.writeHead(200, {
      "X-Request-Id": requestIdOf(req),
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "X-Accel-Buffering": "no", // nginx: pass each event on at once (docs/deploy.md)
    });
    req.socket.setNoDelay(true);
    stream = new SseStream(res, user?.id ?? null, blocked);
    stream.send(`retry: ${RECONNECT_MS}\n\n`);
    leaves.push(join(stream), ...(user ? [hub.joinMember(stream, user.id)] : []));
    open.add(stream);
    // One heartbeat for all the streams, while there are any.
    beat ??= setInterval(() => {
      for (const s of open) s.send(HEARTBEAT);
    }, settings.heartbeatMs);
  }

  /** The signed-in member of a request that carries the session cookie; nothing is read for one without. */
  function sessionUserOf(req: IncomingMessage, res: ServerResponse): Promise<SessionUser | null> {
    if (!req.headers.cookie?.includes(`${SESSION_COOKIE}=`)) return Promise.resolve(null);
    return new Promise((resolve, reject) =>
      handlers.signedIn(req, res, (error) => (error ? reject(error) : resolve(signedInUser((req as IncomingMessage & { session?: Request["session"] }).session)))),
    );
  }

  function handle(req: IncomingMessage, res: ServerResponse): boolean {
    // Every request passes here: a page goes on to Express after one substring test.
    if ((req.method !== "GET" && req.method !== "HEAD") || !req.url?.includes("/live")) return false;
    const url = new URL(req.url ?? "/", "http://stream.invalid");
    const path = STREAM_PATH.exec(url.pathname);
    if (!path) return false;
    (res as ServerResponse & { locals?: object }).locals = { routePattern: path[2] === undefined ? "/boards/:code/live" : "/boards/:code/posts/:number/live", stream: true };
    handlers.logged(req, res);
    start(req, res, url, path).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      const refusal = refusalOf(error);
      if (refusal) return refuse(req, res, refusal.status, openErrorBody(refusal.code, refusal.message, refusal.fields ? { fields: refusal.fields } : {}), refusal.retryAfter);
      handlers.log.error({ err: error }, "live stream failed");
      refuse(req, res, 500, openErrorBody("server_error", "일시적인 오류가 발생했습니다. 잠시 후 다시 시도해 주세요."));
    });
    return true;
  }

  return { handle, streams: () => count.total };
}
