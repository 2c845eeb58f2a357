// Values every template can use: URL builders, date formatting, the signed-in user.
import type { RequestHandler } from "express";
import { formatKst } from "../lib/kst-time.ts";
import { paths } from "../lib/paths.ts";
import { renderBody, renderLines } from "../lib/text.ts";

export const templateHelpers = { paths, formatKst, renderBody, renderLines };

export const localsMiddleware: RequestHandler = (req, res, next) => {
  Object.assign(res.locals, templateHelpers);
  res.locals.currentPath = req.originalUrl;
  res.locals.currentUser ??= null;
  res.locals.flash ??= null;
  res.locals.csrfToken ??= "";
  next();
};
