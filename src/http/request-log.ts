// One log line per request, built field by field so nothing secret can slip in: time, request
// id, method, the route's pattern (`/boards/:code/posts/:number`, not the URL with its query),
// status, duration, bytes sent and the member's id when signed in. Never a header, a cookie, a
// session id, a CSRF token or a body. Health checks and metrics scrapes log at debug, so an
// info-level log is not flooded by the load balancer. The same moment feeds the request
// duration metric (one listener per request for both).
//
// Written with pino directly rather than through pino-http: pino-http makes two child loggers
// for every request, and the profile put it at twice the cost of this middleware
// (docs/decisions/0018).
import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Request, RequestHandler, Response } from "express";
import type { Logger } from "../lib/log.ts";

// What a proxy's request id may look like (nginx's $request_id is 32 hex digits, a UUID has
// dashes): anything else — too long, control characters, spaces — is replaced, never logged.
const WELL_FORMED_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,99}$/;
export const QUIET_PATHS = new Set(["/healthz", "/readyz", "/metrics"]);

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** This request's id: in the X-Request-Id header, every log line about it, and the 500 page. */
      id: string;
    }
    interface Locals {
      /** The route pattern of a page-cache hit, which is answered before any route matches. */
      routePattern?: string;
      /** A live stream: its duration is how long its reader stayed, not an answer's time (logged, not observed). */
      stream?: boolean;
    }
  }
}

/** The request's route as a pattern (bounded cardinality for logs and metrics). */
export function routePattern(req: Request, res: Response): string {
  if (res.locals.routePattern) return res.locals.routePattern;
  if (req.route?.path) return `${req.baseUrl}${String(req.route.path)}`;
  if (req.baseUrl) return `${req.baseUrl}/*`; // the static files under /css and /js
  return res.statusCode === 404 ? "(no route)" : "(middleware)";
}

/** The request id: the proxy's when there is a trusted proxy and its id is well formed, else a new one. */
export function requestId(req: IncomingMessage, trustProxy: number): string {
  const given = trustProxy > 0 ? req.headers["x-request-id"] : undefined;
  return typeof given === "string" && WELL_FORMED_ID.test(given) ? given : crypto.randomUUID();
}

/** What a finished request tells the metrics. */
export type ObserveRequest = (method: string, route: string, status: number, seconds: number) => void;

/**
 * Starts one request's log line and duration sample, written when it closes; returns the
 * request's id. For a request answered before Express (a page-cache hit, a live stream), whose
 * `res.locals` says its route; each writes its own head, the id with it (a live stream in one
 * call: a header set ahead would keep a header table for each of thousands of open streams,
 * docs/decisions/0038).
 */
export type WatchRequest = (req: IncomingMessage, res: ServerResponse & { locals: { routePattern?: string; stream?: boolean } }) => string;

export function requestLogger(logger: Logger, trustProxy: number, observe: ObserveRequest): RequestHandler & { watch: WatchRequest } {
  const logging = logger.isLevelEnabled("fatal"); // LOG_LEVEL=silent: no line is built at all
  const watch: WatchRequest = (incoming, res) => {
    const req = incoming as Request;
    const id = requestId(req, trustProxy);
    const started = performance.now();
    const bytesBefore = req.socket?.bytesWritten ?? 0;
    // "close" comes after "finish", and also when the client went away before the answer.
    res.once("close", () => {
      const route = routePattern(req, res as unknown as Response);
      const ms = performance.now() - started;
      if (!res.locals.stream) observe(req.method, route, res.statusCode, ms / 1000);
      if (!logging) return;
      const level = QUIET_PATHS.has(req.path) ? "debug" : res.statusCode >= 500 ? "error" : "info";
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        {
          requestId: id,
          method: req.method,
          route,
          status: res.statusCode,
          ms: Math.round(ms * 10) / 10,
          bytes: (req.socket?.bytesWritten ?? bytesBefore) - bytesBefore, // headers and body, as sent
          userId: req.session?.user?.id,
          ...(res.writableFinished ? {} : { aborted: true }),
        },
        res.statusCode >= 500 ? "request failed" : "request",
      );
    });
    return id;
  };
  const middleware: RequestHandler = (req, res, next) => {
    req.id = watch(req, res);
    res.setHeader("X-Request-Id", req.id);
    next();
  };
  return Object.assign(middleware, { watch });
}

/** A logger for one request's other lines (a fault, a refusal), carrying its id. */
export function requestLog(logger: Logger, req: Request): Logger {
  return logger.child({ requestId: req.id });
}
