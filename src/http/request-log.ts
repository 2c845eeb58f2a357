// One log line per request (pino-http), built field by field so nothing secret can slip in:
// time, request id, method, the route's pattern (`/boards/:code/posts/:number`, not the URL
// with its query), status, duration, bytes sent and the member's id when signed in. Never a
// header, a cookie, a session id, a CSRF token or a body. Health checks and metrics scrapes
// log at debug, so an info-level log is not flooded by the load balancer.
import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Request, RequestHandler, Response } from "express";
import { pinoHttp } from "pino-http";
import type { Logger } from "../lib/log.ts";

// What a proxy's request id may look like (nginx's $request_id is 32 hex digits, a UUID has
// dashes): anything else — too long, control characters, spaces — is replaced, never logged.
const WELL_FORMED_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,99}$/;
export const QUIET_PATHS = new Set(["/healthz", "/readyz", "/metrics"]);

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** The route pattern of a page-cache hit, which is answered before any route matches. */
      routePattern?: string;
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

const bytesAtStart = Symbol("bytesAtStart");

export function requestLogger(logger: Logger, trustProxy: number): RequestHandler {
  const middleware = pinoHttp({
    logger,
    quietReqLogger: true, // req.log carries the request id only
    quietResLogger: true,
    customAttributeKeys: { reqId: "requestId" },
    genReqId: (req, res) => {
      const id = requestId(req, trustProxy);
      res.setHeader("X-Request-Id", id);
      return id;
    },
    customLogLevel: (req, res, error) => {
      if (QUIET_PATHS.has((req as Request).path)) return "debug";
      if (error || res.statusCode >= 500) return "error";
      return "info";
    },
    customSuccessObject: (req, res, val: { responseTime: number }) => line(req as Request, res as Response, val.responseTime),
    customErrorObject: (req, res, _error, val: { responseTime: number }) => line(req as Request, res as Response, val.responseTime),
    customSuccessMessage: () => "request",
    customErrorMessage: () => "request failed",
  });
  return (req, res, next) => {
    (res as ServerResponse & { [bytesAtStart]?: number })[bytesAtStart] = req.socket.bytesWritten;
    middleware(req, res, next);
  };
}

function line(req: Request, res: Response, ms: number) {
  const start = (res as Response & { [bytesAtStart]?: number })[bytesAtStart] ?? 0;
  return {
    method: req.method,
    route: routePattern(req, res),
    status: res.statusCode,
    ms,
    bytes: req.socket ? req.socket.bytesWritten - start : undefined, // headers and body, as sent
    userId: req.session?.user?.id,
  };
}
