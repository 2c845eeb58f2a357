// zod at the boundary: a failed parse becomes a ValidationError with Korean messages keyed
// by field, which the route re-renders next to what the user typed.
import type { RequestHandler } from "express";
import { z } from "zod";
import { NotFoundError, ValidationError } from "../domain/errors.ts";

// Every message a person can see is Korean: zod's own wording (for checks without a message
// of ours) comes from its Korean locale.
z.config(z.locales.ko());

// A body that is not even an object (a JSON array, a number) has no field to blame.
export const MALFORMED_REQUEST = "요청 형식이 올바르지 않습니다. 입력 내용을 확인해 주세요.";

export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.path.length === 0) {
      errors._ ??= MALFORMED_REQUEST;
      continue;
    }
    errors[String(issue.path[0])] ??= issue.message;
  }
  return errors;
}

export function parseOr400<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new ValidationError("입력 내용을 확인해 주세요.", fieldErrors(result.error));
  }
  return result.data;
}

// Route parameters that name a row. Anything that is not a plain decimal in range is simply
// a page that does not exist: `1abc`, `-1`, `1e3` and 20-digit numbers are 404, never 500.
const MAX_ID = 2_147_483_647;

export function parseIdParam(value: unknown, missing: () => Error = () => new NotFoundError()): number {
  if (typeof value !== "string" || !/^[1-9][0-9]{0,9}$/.test(value)) throw missing();
  const id = Number(value);
  if (id > MAX_ID) throw missing();
  return id;
}

/** `?page=N` on every paginated page: a positive whole number, or 400. */
export const pageQuery = z.object({
  page: z.string().regex(/^[1-9][0-9]{0,6}$/, "페이지 번호가 올바르지 않습니다.").transform(Number).optional(),
});

/** Whether any string in a parsed body (at any depth) holds a lone surrogate. */
function hasIllFormedString(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return !value.isWellFormed();
  if (depth > 8 || typeof value !== "object" || value === null) return false;
  for (const [key, item] of Object.entries(value)) if (!key.isWellFormed() || hasIllFormedString(item, depth + 1)) return true;
  return false;
}

/**
 * Refuses a body with a lone surrogate at the edge, for every route: such a string cannot be
 * stored as UTF-8 and would come back as U+FFFD. (Only JSON can carry one: a form's or a
 * URL's invalid UTF-8 is already decoded as U+FFFD by the parser.)
 */
export const refuseIllFormedText: RequestHandler = (req, _res, next) => {
  if (req.body !== undefined && hasIllFormedString(req.body)) {
    next(new ValidationError("보낸 내용에 깨진 문자(짝이 맞지 않는 서로게이트)가 들어 있습니다. 지우고 다시 보내 주세요."));
    return;
  }
  next();
};
