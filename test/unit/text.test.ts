import { describe, expect, it } from "vitest";
import { escapeHtml, renderBody, renderLines } from "../../src/lib/text.ts";

describe("renderBody", () => {
  it("keeps paragraphs and line breaks", () => {
    expect(renderBody("첫 문단\n둘째 줄\n\n둘째 문단")).toBe("<p>첫 문단<br>둘째 줄</p>\n<p>둘째 문단</p>");
    expect(renderBody("a\r\n\r\nb")).toBe("<p>a</p>\n<p>b</p>");
  });

  it("escapes every HTML character", () => {
    expect(renderBody(`<script>alert("x")</script> & 'y' \`z\``)).toBe(
      "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; &#96;z&#96;</p>",
    );
    expect(renderBody("<%= process.env %>")).toBe("<p>&lt;%= process.env %&gt;</p>");
  });

  it("links http(s) URLs only, without trailing punctuation", () => {
    expect(renderBody("보세요 https://example.com/a?b=1&c=2.")).toBe(
      '<p>보세요 <a href="https://example.com/a?b=1&amp;c=2" rel="nofollow noopener noreferrer ugc" target="_blank">https://example.com/a?b=1&amp;c=2</a>.</p>',
    );
    expect(renderBody("javascript:alert(1) data:text/html,x")).toBe("<p>javascript:alert(1) data:text/html,x</p>");
  });

  it("cannot break out of the href", () => {
    const html = renderBody('https://e.com/"onmouseover="alert(1)');
    expect(html).not.toContain('"onmouseover');
    expect(html).toContain('<a href="https://e.com/"');
  });
});

describe("renderLines and escapeHtml", () => {
  it("keeps comment line breaks", () => {
    expect(renderLines("a\nb<")).toBe("a<br>b&lt;");
  });
  it("escapes", () => {
    expect(escapeHtml(`<>&"'`)).toBe("&lt;&gt;&amp;&quot;&#39;");
  });
});
