// Atom 1.0 feeds (RFC 4287) and sitemaps (sitemaps.org 0.9) as text (pure). Every piece of
// text is escaped for XML, and characters XML 1.0 cannot carry at all are dropped, so no title,
// nickname or body can break the document or open an element.

// Control characters other than tab and line breaks, unpaired surrogates, U+FFFE/U+FFFF.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

export function xmlText(text: string): string {
  return text.replace(NOT_XML, "").replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

/**
 * A tag URI (RFC 4151) for an Atom id: stable for as long as the board keeps its address, and
 * never a URL a reader could be sent to. The date is when this naming began.
 */
export function tagUri(origin: string, specific: string): string {
  return `tag:${new URL(origin).hostname},2026:${specific}`;
}

export interface AtomEntry {
  id: string;
  title: string;
  author: string;
  published: Date;
  updated: Date;
  url: string;
  html: string; // the text as HTML; escaped once more here (type="html")
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle: string;
  url: string; // the page the feed follows
  self: string; // the feed's own address
  updated: Date; // the newest entry's, or the feed's creation when it has none
  author: string; // for a feed whose entries all have their own, the site's name
  entries: AtomEntry[];
}

export function atomXml(feed: AtomFeed): string {
  const out = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ko">',
    `  <id>${xmlText(feed.id)}</id>`,
    `  <title>${xmlText(feed.title)}</title>`,
    `  <subtitle>${xmlText(feed.subtitle)}</subtitle>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(feed.url)}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(feed.self)}"/>`,
    `  <updated>${feed.updated.toISOString()}</updated>`,
    `  <author><name>${xmlText(feed.author)}</name></author>`,
    `  <generator>jongto</generator>`,
  ];
  for (const e of feed.entries) {
    out.push(
      "  <entry>",
      `    <id>${xmlText(e.id)}</id>`,
      `    <title type="text">${xmlText(e.title)}</title>`,
      `    <author><name>${xmlText(e.author)}</name></author>`,
      `    <published>${e.published.toISOString()}</published>`,
      `    <updated>${e.updated.toISOString()}</updated>`,
      `    <link rel="alternate" type="text/html" href="${xmlText(e.url)}"/>`,
      `    <content type="html">${xmlText(e.html)}</content>`,
      "  </entry>",
    );
  }
  out.push("</feed>", "");
  return out.join("\n");
}

/** A sitemap's document: the root element and one child per location, each with its lastmod. */
function locations(root: "urlset" | "sitemapindex", child: "url" | "sitemap", items: { loc: string; lastmod?: Date }[]): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<${root} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`];
  for (const i of items) {
    out.push(`  <${child}><loc>${xmlText(i.loc)}</loc>${i.lastmod ? `<lastmod>${i.lastmod.toISOString()}</lastmod>` : ""}</${child}>`);
  }
  out.push(`</${root}>`, "");
  return out.join("\n");
}

export const sitemapXml = (urls: { loc: string; lastmod?: Date }[]) => locations("urlset", "url", urls);
export const sitemapIndexXml = (sitemaps: { loc: string; lastmod?: Date }[]) => locations("sitemapindex", "sitemap", sitemaps);
