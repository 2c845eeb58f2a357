// Turns a user's plain text into safe HTML: everything escaped, paragraphs and line breaks
// kept, and only http(s) links made clickable. No user text is ever treated as HTML or as
// template code.
const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "`": "&#96;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);
}

/**
 * `text` as HTML with every occurrence of `query` (ignoring case, as the search's LIKE does)
 * in <mark>: the search results' titles. Each piece is escaped on its own, so a query can
 * never open a tag.
 */
export function highlightHtml(text: string, query: string): string {
  const q = query.trim();
  if (q === "") return escapeHtml(text);
  const pattern = new RegExp(q.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "giu");
  let html = "";
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    html += `${escapeHtml(text.slice(last, match.index))}<mark>${escapeHtml(match[0])}</mark>`;
    last = match.index + match[0].length;
  }
  return html + escapeHtml(text.slice(last));
}

// A URL ends at whitespace or at characters that cannot be part of one in running text.
const URL_PATTERN = /https?:\/\/[^\s<>"'`]+/giu;
// Punctuation that usually closes the sentence rather than the URL.
const TRAILING = /[.,;:!?)\]}'"…。，]+$/u;

function linkify(line: string): string {
  let html = "";
  let last = 0;
  for (const match of line.matchAll(URL_PATTERN)) {
    let url = match[0];
    const trailing = TRAILING.exec(url);
    if (trailing) url = url.slice(0, url.length - trailing[0].length);
    const start = match.index;
    html += escapeHtml(line.slice(last, start));
    if (isSafeHttpUrl(url)) {
      const safe = escapeHtml(url);
      html += `<a href="${safe}" rel="nofollow noopener noreferrer ugc" target="_blank">${safe}</a>`;
    } else {
      html += escapeHtml(url);
    }
    last = start + url.length;
  }
  return html + escapeHtml(line.slice(last));
}

function isSafeHttpUrl(candidate: string): boolean {
  try {
    const url = new URL(candidate);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** Paragraphs (split on blank lines) become <p>, single line breaks become <br>. */
export function renderBody(text: string): string {
  const normalized = text.replace(/\r\n?/g, "\n").trim();
  if (normalized === "") return "";
  return normalized
    .split(/\n[ \t]*\n+/)
    .map((paragraph) => `<p>${paragraph.split("\n").map(linkify).join("<br>")}</p>`)
    .join("\n");
}

/** Comments keep their line breaks but are one block. */
export function renderLines(text: string): string {
  return text.replace(/\r\n?/g, "\n").trim().split("\n").map(linkify).join("<br>");
}
