// The view engine: EJS templates compiled once (in production) and rendered without the
// per-render work of EJS's own file handling. EJS's `include()` resolves its path on disk
// (`existsSync`) and copies every local for each include; here a template includes another
// with `partial('partials/top')` (a path under views/, no extension), which calls the other
// compiled template with the same locals object. Whitespace the browser ignores is not sent:
// the start and end of lines (`rmWhitespace`), and the line break after a line that holds only
// a scriptlet (`<% } %>`), which would otherwise leave a blank line per loop turn. Measured in
// docs/decisions/0014.
import fs from "node:fs";
import path from "node:path";
import ejs from "ejs";
import type { Response } from "express";

type Template = (data: Record<string, unknown>) => string;

export interface ViewOptions {
  root: string; // the views directory
  cache: boolean; // compile each template once (production); otherwise reread on every render
  compileDebug: boolean; // EJS's line tracking for error messages (development)
}

/** A scriptlet (`<% … %>`, `<%# … %>`) alone on its line gets EJS's newline slurp (`-%>`); lines with output keep theirs. */
export function slurpScriptletLines(source: string): string {
  return source.replace(/^([ \t]*<%(?![=\-%])(?:(?!%>)[^\n])*?)(?<![-_])%>[ \t]*$/gm, "$1-%>");
}

export function viewRenderer({ root, cache, compileDebug }: ViewOptions) {
  const compiled = new Map<string, Template>();

  function template(name: string): Template {
    const known = cache ? compiled.get(name) : undefined;
    if (known) return known;
    const filename = path.join(root, `${name}.ejs`);
    // (EJS 7's `unsafePrototypeLocals` is newer than @types/ejs.)
    const options: ejs.Options & { async: false; client: false; unsafePrototypeLocals: boolean } = {
      filename,
      compileDebug,
      rmWhitespace: true,
      // The locals object is ours, built fresh for each render: no copy needed.
      unsafePrototypeLocals: true,
      async: false,
      client: false,
    };
    const fn = ejs.compile(slurpScriptletLines(fs.readFileSync(filename, "utf8")), options);
    compiled.set(name, fn);
    return fn;
  }

  /** Renders `name` (a path under views/, no extension) with `locals`. */
  function render(name: string, locals: Record<string, unknown>): string {
    locals.partial = (partialName: string, extra?: Record<string, unknown>) =>
      render(partialName, extra ? { ...locals, ...extra } : locals);
    return template(name)(locals);
  }

  /** The same, as an Express view engine for `res.render`. */
  function engine(filePath: string, options: object, callback: (error: unknown, html?: string) => void): void {
    let html: string;
    try {
      html = render(path.relative(root, filePath).replace(/\.ejs$/, ""), options as Record<string, unknown>);
    } catch (error) {
      callback(error);
      return;
    }
    callback(null, html);
  }

  return { render, engine };
}

/** A view rendered to a string with the response's locals (an HTML fragment inside a JSON answer). */
export function renderFragment(res: Response, view: string, locals: object): Promise<string> {
  return new Promise((resolve, reject) => {
    res.render(view, locals, (err, html) => (err ? reject(err) : resolve(html)));
  });
}
