// One way for a form's POST to refuse: the person sees the form again with the status, the
// message, the fields to fix and what they typed; nothing they wrote is lost. A JSON client,
// a page that does not exist and a server fault go to the error handler instead (its one
// JSON shape, the 404 page, the 500 page), which decides JSON or HTML from the request's
// Accept header and the route (`wantsJson`, `markOpenRequest`), never from the URL.
import type { ErrorRequestHandler, Request, Response } from "express";
import type { z } from "zod";
import { DomainError, NotFoundError, RateLimitedError, ValidationError } from "../domain/errors.ts";
import { statusOf, wantsJson } from "./error-handler.ts";
import { fieldErrors } from "./parse.ts";

/** Why a form came back: the answer's status, the message for the form, the fields to fix. */
export interface Refusal {
  status: number;
  message: string;
  fields: Record<string, string>;
  error: DomainError;
}

/** The parsed form, or a ValidationError naming every field to fix (and all their messages). */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const fields = fieldErrors(parsed.error);
  throw new ValidationError(Object.values(fields).join(" "), fields);
}

type ErrorKind = abstract new (...args: never[]) => DomainError;

/**
 * Runs a form's action. A refusal the person can act on comes back as `{ ok: false }` for the
 * route to draw the form again (`only`: the kinds of refusal this form shows; by default every
 * domain error but a missing page); a rate limit also sets Retry-After. Anything else — and
 * every refusal when the client asked for JSON — is thrown on to the error handler.
 */
export async function tryForm<T>(
  req: Request,
  res: Response,
  action: () => Promise<T>,
  only?: ErrorKind[],
): Promise<{ ok: true; value: T } | { ok: false; refusal: Refusal }> {
  try {
    return { ok: true, value: await action() };
  } catch (error) {
    if (wantsJson(req) || !(error instanceof DomainError) || error instanceof NotFoundError) throw error;
    if (only && !only.some((kind) => error instanceof kind)) throw error;
    if (error instanceof RateLimitedError) res.set("Retry-After", String(error.retryAfterSeconds));
    const fields = error instanceof ValidationError ? error.fieldErrors : {};
    return { ok: false, refusal: { status: statusOf(error), message: error.message, fields, error } };
  }
}

/**
 * The route's answer when one of its rate limiters (in front of the handler) refused the
 * request: the form's own refusal, with the text as typed, instead of the bare error page.
 * Placed after the handler in the route, it sees only errors raised on that route; a JSON
 * client and every other error go on to the error handler.
 */
export function limitRefused(answer: (req: Request, res: Response, refusal: Refusal) => unknown): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (!(error instanceof RateLimitedError) || wantsJson(req)) return next(error);
    res.set("Retry-After", String(error.retryAfterSeconds));
    Promise.resolve(answer(req, res, { status: statusOf(error), message: error.message, fields: {}, error })).catch(next);
  };
}
