import ejs from "ejs";
import { describe, expect, it } from "vitest";
import { slurpScriptletLines } from "../../src/http/views.ts";

const render = (source: string, data: Record<string, unknown> = {}) =>
  ejs.render(slurpScriptletLines(source), data, { rmWhitespace: true });

describe("template whitespace", () => {
  it("sends no blank line for a line that holds only a scriptlet or a comment", () => {
    const source = "<ul>\n  <% for (const x of xs) { %>\n    <li><%= x %></li>\n  <% } %>\n  <%# why %>\n</ul>\n";
    expect(render(source, { xs: [1, 2] })).toBe("<ul>\n<li>1</li>\n<li>2</li>\n</ul>");
  });

  it("keeps the line break after a line with output, even when it ends in a scriptlet", () => {
    // "a" and "b" must stay apart: joined, two inline words would become one.
    const source = "<p>\n<% if (on) { %>a<% } %>\nb <%= 1 %>\n<%- '<i>' %>\nc\n</p>";
    expect(render(source, { on: true })).toBe("<p>\na\nb 1\n<i>\nc\n</p>");
  });

  it("leaves tags that already slurp alone", () => {
    expect(slurpScriptletLines("<% x -%>\n<% y _%>\n")).toBe("<% x -%>\n<% y _%>\n");
  });
});
