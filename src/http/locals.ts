// Values every template can use: URL builders, date formatting, the signed-in user.
import type { RequestHandler } from "express";
import { formatKst, kstDay } from "../lib/kst-time.ts";
import { paths } from "../lib/paths.ts";
import { takeNotice } from "./flash.ts";
import { escapeHtml, highlightHtml, renderBody, renderLines } from "../lib/text.ts";
import { HELD_POST, HIDDEN_POST } from "../domain/post-policy.ts";
import { isWithdrawnNickname, shownName, WITHDRAWN_NAME } from "../lib/withdrawn.ts";

interface Listed {
  title: string;
  deletedAt: Date | null;
  blindedAt: Date | null;
  hiddenAt?: Date | null;
}

/**
 * The title a list shows for a post, as HTML, honouring tombstones and blinding
 * (docs/product.md §2, §4). A helper rather than a partial: a list page shows twenty of them, and
 * each EJS include costs a file-system check and a copy of every template variable.
 */
function listTitle(p: Listed, highlight?: string | null): string {
  if (p.deletedAt) return '<span class="muted">삭제된 게시글입니다.</span>';
  if (p.blindedAt) return '<span class="muted">운영배심원 의견에 따라 블라인드 처리된 글입니다.</span>';
  if (p.hiddenAt) return `<span class="muted">${HIDDEN_POST}</span>`;
  // <bdi>: a right-to-left title cannot reorder the [댓글] badge that follows it.
  return `<bdi>${highlight ? highlightHtml(p.title, highlight) : escapeHtml(p.title)}</bdi>`;
}


/**
 * A nickname as HTML: a link to the member's profile (when the id is known), with the 운영자
 * badge for operators — everywhere a nickname is shown.
 */
function nickname(user: { id?: number; nickname: string; operator?: boolean }): string {
  // A withdrawn member's writing stays, under a name that links nowhere.
  if (isWithdrawnNickname(user.nickname)) return `<span class="withdrawn">${WITHDRAWN_NAME}</span>`;
  const bdi = `<bdi>${escapeHtml(user.nickname)}</bdi>`;
  const name = user.id ? `<a class="nickname" href="${paths.profile(user.id)}">${bdi}</a>` : bdi;
  return user.operator ? `${name} <span class="badge badge--operator">운영자</span>` : name;
}

/**
 * A list's time as Korean boards show it: today's posts by the time only (`14:05`), older ones
 * by the date (`2026.11.28`); the full time in the tooltip and the `datetime`.
 */
function listTime(at: Date, today: string): string {
  const full = formatKst(at);
  const shown = kstDay(at) === today ? full.slice(11) : full.slice(0, 10).replaceAll("/", ".");
  return `<time datetime="${at.toISOString()}" title="${full}">${shown}</time>`;
}

export const templateHelpers = { shownName, paths, formatKst, renderBody, renderLines, listTitle, listTime, nickname, escapeHtml, HIDDEN_POST, HELD_POST };

/** What each page knows of its request. (The helpers above are app.locals, set once.) */
export const pageLocals = (clock: () => Date): RequestHandler => (req, res, next) => {
  res.locals.currentPath = req.originalUrl;
  res.locals.today = kstDay(clock()); // for listTime
  res.locals.currentUser ??= null;
  res.locals.flash ??= takeNotice(req, res);
  res.locals.csrfToken ??= "";
  next();
};
