// Static files: versioned URLs (a content hash in ?v=) are cached for a year; anything else
// is revalidated with its ETag on every use, so a deploy never serves a stale script.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import express, { type RequestHandler } from "express";

const YEAR_SECONDS = 365 * 24 * 60 * 60;

export function assetUrls(publicDir: string, files: string[]): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const file of files) {
    const hash = crypto.createHash("sha256").update(fs.readFileSync(path.join(publicDir, file))).digest("hex").slice(0, 12);
    urls[`/${file}`] = `/${file}?v=${hash}`;
  }
  return urls;
}

export function staticFiles(publicDir: string): RequestHandler {
  const files = express.static(publicDir, {
    index: false,
    etag: true,
    setHeaders(res) {
      const versioned = typeof res.req.query.v === "string";
      res.setHeader("Cache-Control", versioned ? `public, max-age=${YEAR_SECONDS}, immutable` : "no-cache");
    },
  });
  // Mounted under /css and /js: put the prefix back so the file is looked up where it lives.
  return (req, res, next) => {
    req.url = req.baseUrl + req.url;
    files(req, res, next);
  };
}
