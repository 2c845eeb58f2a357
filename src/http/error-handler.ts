// The one error handler: DomainErrors become their status with a Korean page or JSON;
// body-parser's client errors become 400/413; anything else is a server fault, logged and
// answered with the Korean 500 page, never a stack trace.
import type { ErrorRequestHandler, Request, RequestHandler, Response } from "express";
import { isRetryableConflict } from "../db/conflicts.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { ConflictError, DomainError, ForbiddenError, NotFoundError, RateLimitedError, UnauthorizedError, ValidationError } from "../domain/errors.ts";
import { templateHelpers } from "./locals.ts";
import type { Logger } from "../lib/log.ts";
import { requestLog } from "./request-log.ts";
import { escapeHtml } from "../lib/text.ts";

export function wantsJson(req: Request): boolean {
  return req.accepts(["html", "json"]) === "json";
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** Set by the routers of other software's reads (the API, feeds, sitemaps): errors answer in their JSON shape. */
      openRequest?: boolean;
    }
  }
}

/** Marks a request as other software's read: its errors are JSON (docs/api.md), however the URL is cased. */
export const markOpenRequest: RequestHandler = (_req, res, next) => {
  res.locals.openRequest = true;
  next();
};

/**
 * A request of other software: the JSON API, a feed or a sitemap, as its router marked it.
 * Its errors are always JSON, in one shape with a stable code and the message in Korean and
 * English (docs/api.md).
 */
function isOpenRequest(res: Response): boolean {
  return res.locals.openRequest === true;
}

const ENGLISH: Record<string, string> = {
  validation: "The request's parameters are not valid; see `fields`.",
  not_found: "There is no such board, post, member or path.",
  rate_limited: "Too many requests from this address; wait and try again (see Retry-After).",
  bad_request: "The request could not be understood.",
  busy: "The board is busy; try again in a moment (see Retry-After).",
  server_error: "Something went wrong on our side; quote the requestId if you report it.",
};

/** The app's log for lines about this request (carrying its id). */
function logOf(req: Request): Pick<Logger, "error" | "warn"> {
  return requestLog(req.app.locals.log as Logger, req);
}

function send(res: Response, req: Request, status: number, code: string, message: string, fields?: Record<string, string>) {
  res.status(status);
  // A server fault carries the request id, so a person can quote it and an operator find the line.
  const requestId = status >= 500 ? req.id : undefined;
  if (isOpenRequest(res)) {
    res.json(openErrorBody(code, message, { ...(fields ? { fields } : {}), ...(requestId ? { requestId } : {}) }));
    return;
  }
  if (wantsJson(req)) {
    res.json({ error: { code, message, ...(requestId ? { requestId } : {}) } });
    return;
  }
  // The error may have happened before any middleware filled res.locals (a body too large
  // is refused by the parser), so the page gets its helpers here.
  res.locals = { ...templateHelpers, currentUser: null, flash: null, csrfToken: "", currentPath: "/", today: "", ...res.locals, requestId };
  const view = status === 404 ? "errors/404" : status === 500 ? "errors/500" : "errors/error";
  const title = titles[status] ?? "오류";
  res.render(view, { title, status, message }, (err, html) => {
    if (!err) return res.send(html);
    // Never a stack trace: if the page itself cannot be drawn, a plain one says the same.
    logOf(req).error({ err }, "error page failed");
    res.type("html").send(
      `<!doctype html><html lang="ko"><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
        `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p><a href="/">종목토론실 처음으로</a></p></html>`,
    );
  });
}

const titles: Record<number, string> = {
  400: "잘못된 요청",
  401: "로그인이 필요합니다",
  403: "권한이 없습니다",
  404: "페이지를 찾을 수 없습니다",
  409: "요청을 처리할 수 없습니다",
  413: "입력이 너무 깁니다",
  429: "요청이 너무 많습니다",
  500: "일시적인 오류",
  503: "잠시 후 다시 시도해 주세요",
};

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new NotFoundError());
};

interface HttpishError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
}

// The database is too busy to take this request, and nothing was written, so the client may
// simply try again: SQLite answered SQLITE_BUSY (another process held the write lock past the
// busy timeout); PostgreSQL had no free connection within the wait (P2028), or kept
// deadlocking after the retries (src/db/pg-sql.ts).
function isDatabaseBusy(err: unknown): boolean {
  if (isRetryableConflict(err)) return true;
  // The direct SQL paths' own errors (src/db/sql.ts): better-sqlite3's busy lock, and pg's
  // pool that found no free connection within the wait.
  if ((err as { code?: unknown } | null)?.code === "SQLITE_BUSY") return true;
  if (err instanceof Error && err.message === "timeout exceeded when trying to connect") return true;
  if (!(err instanceof Prisma.PrismaClientKnownRequestError)) return false;
  const cause = (err.meta?.driverAdapterError as { cause?: { originalCode?: string } } | undefined)?.cause;
  return cause?.originalCode === "SQLITE_BUSY" || err.code === "P2028" || (err.code === "P1008" && /locked|busy/i.test(err.message));
}

const BUSY_RETRY_SECONDS = 2;

/**
 * What a refusal is answered with when it is a domain error or a busy database: the status,
 * the stable code and the Korean message (null for anything else, a fault). Shared with the
 * answers given before Express (the live streams, src/modules/live).
 */
export function refusalOf(err: unknown): { status: number; code: string; message: string; retryAfter?: number; fields?: Record<string, string> } | null {
  if (isDatabaseBusy(err)) return { status: 503, code: "busy", message: "지금은 요청을 처리할 수 없습니다. 잠시 후 다시 시도해 주세요.", retryAfter: BUSY_RETRY_SECONDS };
  if (!(err instanceof DomainError)) return null;
  const fields = err instanceof ValidationError && Object.keys(err.fieldErrors).length > 0 ? err.fieldErrors : undefined;
  return {
    status: statusOf(err),
    code: err.code,
    message: fields ? Object.values(fields).join(" ") : err.message,
    ...(err instanceof RateLimitedError ? { retryAfter: err.retryAfterSeconds } : {}),
    ...(fields ? { fields } : {}),
  };
}

/** The JSON body other software gets for an error (docs/api.md): a stable code, Korean and English. */
export function openErrorBody(code: string, message: string, extra: Record<string, unknown> = {}) {
  return { error: { code: code in ENGLISH ? code : "bad_request", message, messageEn: ENGLISH[code] ?? ENGLISH.bad_request!, ...extra } };
}

/** The one place that knows which HTTP status each kind of domain error is. */
export function statusOf(err: DomainError): number {
  if (err instanceof ValidationError) return 400;
  if (err instanceof UnauthorizedError) return 401;
  if (err instanceof ForbiddenError) return 403;
  if (err instanceof NotFoundError) return 404;
  if (err instanceof ConflictError) return 409;
  if (err instanceof RateLimitedError) return 429;
  return 400;
}

const errorMessage = (err: unknown) => (err instanceof Error ? err.message : String(err)).split("\n")[0]!.slice(0, 200);

export const errorHandler: ErrorRequestHandler = (err: unknown, req, res, next) => {
  if (res.headersSent) {
    next(err);
    return;
  }
  const refusal = refusalOf(err);
  if (refusal) {
    if (refusal.code === "busy") logOf(req).warn({ err: errorMessage(err) }, "database busy");
    if (refusal.retryAfter !== undefined) res.set("Retry-After", String(refusal.retryAfter));
    send(res, req, refusal.status, refusal.code, refusal.message, refusal.fields);
    return;
  }
  const httpish = (typeof err === "object" && err !== null ? err : {}) as HttpishError;
  const status = httpish.status ?? httpish.statusCode;
  // A client's mistake seen by Express, the router or a parser (a malformed percent-encoding,
  // bad JSON, a body too large): a 4xx page and one log line, never a stack trace.
  if (status && status >= 400 && status < 500) {
    logOf(req).warn({ status, err: errorMessage(err) }, "refused a malformed request");
    if (status === 413) {
      send(res, req, 413, "payload_too_large", "보낸 내용이 너무 큽니다. 글자 수를 줄여 주세요.");
    } else {
      send(res, req, status, "bad_request", "요청을 이해할 수 없습니다. 입력 내용을 확인해 주세요.");
    }
    return;
  }
  logOf(req).error({ err }, "server fault");
  send(res, req, 500, "server_error", "일시적인 오류가 발생했습니다. 잠시 후 다시 시도해 주세요.");
};
