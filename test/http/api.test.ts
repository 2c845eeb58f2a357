// Open to other software: the JSON API (every endpoint's real responses validated against the
// OpenAPI document it serves), Atom feeds (parsed by a real XML parser and checked against RFC
// 4287's rules), sitemaps, HTTP caching, CORS, no cookies, the rate limit, and nothing blinded,
// hidden or deleted leaking. On SQLite with `npm test`, on PostgreSQL with `npm run test:pg`.
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RATE_LIMITS } from "../../src/http/rate-limit.ts";
import { forgetBoardDirectory } from "../../src/modules/boards/directory.service.ts";
import { createComment, createPost, createUser } from "../factories.ts";
import { agent, RELAXED_RATE_LIMITS, request, setUpTestApp, signUp, type TestContext } from "../helpers.ts";

let t: TestContext;
let doc: { paths: Record<string, { get: { responses: Record<string, { content?: Record<string, { schema: { $ref: string } }> }> } }>; components: { schemas: Record<string, unknown> } };
const ajv = new Ajv2020({ strict: false, allErrors: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const BLINDED_TITLE = "블라인드되어야할비밀제목";
const HIDDEN_TITLE = "숨겨져야할비밀제목";
const DELETED_TITLE = "삭제되어야할비밀제목";
let ids: { author: number; blinded: number; hidden: number; deleted: number; visible: number };

/** A response validated against the document's schema for its path and status. */
function expectValid(docPath: string, status: number, body: unknown) {
  const schema = doc.paths[docPath]!.get.responses[String(status)]!.content!["application/json"]!.schema;
  const validate = ajv.getSchema(`openapi.json${schema.$ref}`)!;
  expect(validate(body), `${docPath} ${status}: ${JSON.stringify(validate.errors)}`).toBe(true);
}

beforeAll(async () => {
  t = await setUpTestApp({ env: { PUBLIC_ORIGIN: "http://jongto.test" } });
  doc = (await request(t.app).get("/api/v1/openapi.json").expect(200)).body;
  ajv.addSchema(doc, "openapi.json");
  const author = await createUser(t.db, { nickname: "API작성자" });
  const visible = await createPost(t, { authorId: author.id, title: "보이는 글", body: "보이는 <b>본문</b>\n둘째 줄" });
  await createComment(t.db, visible.id, author.id, "첫 댓글");
  const blinded = await createPost(t, { authorId: author.id, title: BLINDED_TITLE, body: "블라인드 본문" });
  const hidden = await createPost(t, { authorId: author.id, title: HIDDEN_TITLE, body: "숨김 본문" });
  const deleted = await createPost(t, { authorId: author.id, title: DELETED_TITLE, body: "삭제 본문" });
  const at = t.clock();
  await t.db.post.update({ where: { id: blinded.id }, data: { blindedAt: at } });
  await t.db.blindLog.create({ data: { boardId: blinded.boardId, postId: blinded.id, opinionCount: 4, upCount: 0, downCount: 5, createdAt: at } });
  await t.db.post.update({ where: { id: hidden.id }, data: { hiddenAt: at, hiddenReason: "spam" } });
  await t.db.post.update({ where: { id: deleted.id }, data: { deletedAt: at } });
  ids = { author: author.id, blinded: blinded.number, hidden: hidden.number, deleted: deleted.number, visible: visible.number };
});

// One real request per endpoint of the document (the test below checks none is missing).
const SAMPLES: Record<string, () => string> = {
  "/api/v1/boards": () => "/api/v1/boards?q=%E3%85%85%E3%85%85&limit=3", // ㅅㅅ
  "/api/v1/boards/{code}/posts": () => "/api/v1/boards/005930/posts?limit=3",
  "/api/v1/boards/{code}/posts/{number}": () => `/api/v1/boards/005930/posts/${ids.visible}`,
  "/api/v1/boards/{code}/jury": () => "/api/v1/boards/005930/jury",
  "/api/v1/users/{userId}": () => `/api/v1/users/${ids.author}`,
};

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1, generated from the handlers' schemas, and every endpoint answers as it says", async () => {
    expect(doc).toMatchObject({ openapi: "3.1.0", info: { title: expect.any(String) } });
    expect(Object.keys(doc.paths).sort()).toEqual(Object.keys(SAMPLES).sort());
    for (const [docPath, sample] of Object.entries(SAMPLES)) {
      const res = await request(t.app).get(sample()).expect(200);
      expectValid(docPath, 200, res.body);
    }
    const limitParam = (doc.paths["/api/v1/boards/{code}/posts"]!.get as unknown as { parameters: { name: string; schema: unknown }[] }).parameters.find((p) => p.name === "limit");
    expect(limitParam).toBeDefined();
  });

  it("answers bad parameters with 400 in the one error shape", async () => {
    for (const bad of ["limit=51", "limit=0", "before=-1", "before=abc", "before=1e3", "limit=5&limit=6", "cursor=3"]) {
      const res = await request(t.app).get(`/api/v1/boards/005930/posts?${bad}`).expect(400);
      expectValid("/api/v1/boards/{code}/posts", 400, res.body);
      expect(res.body.error.code, bad).toBe("validation");
    }
    const missing = await request(t.app).get("/api/v1/boards/999999/posts").expect(404);
    expectValid("/api/v1/boards/{code}/posts", 404, missing.body);
    expect(missing.body.error).toMatchObject({ code: "not_found", message: expect.stringContaining("종목"), messageEn: expect.any(String) });
    expect((await request(t.app).get("/api/v1/nothing").expect(404)).body.error.code).toBe("not_found");
    expect((await request(t.app).get("/api/v1/users/abc").expect(404)).body.error.code).toBe("not_found");
  });
});

describe("the JSON API", () => {
  it("pages a board's posts by number and shows blinded and hidden posts as markers only", async () => {
    const first = (await request(t.app).get("/api/v1/boards/005930/posts?limit=2").expect(200)).body;
    expect(first.posts).toEqual([{ number: ids.hidden, hidden: true }, { number: ids.blinded, blinded: true }]); // the deleted one is left out
    expect(first.next).toBe(`/api/v1/boards/005930/posts?before=${ids.blinded}&limit=2`);
    const second = (await request(t.app).get(first.next).expect(200)).body;
    expect(second.posts.map((p: { number: number }) => p.number)).toEqual([ids.visible, 1]);
    expect(second.posts[0]).toMatchObject({ title: "보이는 글", author: { nickname: "API작성자" }, comments: 1 });
    expect(second.next).toBeNull(); // post 1 is the first
  });

  it("gives one post with its comments, and nothing of a blinded, hidden or deleted one", async () => {
    const post = (await request(t.app).get(`/api/v1/boards/005930/posts/${ids.visible}?limit=1`).expect(200)).body;
    expect(post.post).toMatchObject({ title: "보이는 글", body: "보이는 <b>본문</b>\n둘째 줄" });
    expect(post.comments).toEqual([expect.objectContaining({ body: "첫 댓글", replyTo: null })]);
    expect(post.nextComments).toMatch(/commentsAfter=\d+&limit=1$/);
    expect((await request(t.app).get(post.nextComments).expect(200)).body.comments).toEqual([]);
    for (const [number, marker] of [[ids.blinded, { blinded: true }], [ids.hidden, { hidden: true }], [ids.deleted, { deleted: true }]] as const) {
      const res = await request(t.app).get(`/api/v1/boards/005930/posts/${number}`).expect(200);
      expect(res.body.post).toEqual({ number, ...marker });
      expect(res.body.comments).toEqual([]);
      expectValid("/api/v1/boards/{code}/posts/{number}", 200, res.body);
    }
  });

  it("never shows a blinded, hidden or deleted post's title in any API, feed or sitemap response", async () => {
    const urls = [
      ...Object.values(SAMPLES).map((s) => s()),
      "/api/v1/boards/005930/posts?limit=50",
      ...[ids.blinded, ids.hidden, ids.deleted].map((n) => `/api/v1/boards/005930/posts/${n}`),
      "/boards/005930/feed.atom",
      "/sitemaps/005930/1.xml",
      "/sitemap.xml",
    ];
    for (const url of urls) {
      const text = (await request(t.app).get(url)).text;
      for (const secret of [BLINDED_TITLE, HIDDEN_TITLE, DELETED_TITLE]) expect(text, url).not.toContain(secret);
    }
    for (const n of [ids.blinded, ids.hidden, ids.deleted]) {
      const feed = await request(t.app).get(`/boards/005930/posts/${n}/feed.atom`).expect(404);
      expect(feed.body.error.code).toBe("not_found");
    }
  });

  it("finds boards as the search box does, and pages the whole directory", async () => {
    const found = (await request(t.app).get("/api/v1/boards?q=" + encodeURIComponent("삼성ㅈ")).expect(200)).body;
    expect(found.boards[0]).toMatchObject({ code: "005930", name: "삼성전자", delisted: false, url: "/boards/005930" });
    const all = (await request(t.app).get("/api/v1/boards?limit=2&page=2").expect(200)).body;
    expect(all).toMatchObject({ page: 2, limit: 2, total: 5 });
    expect(all.boards).toHaveLength(2);
  });
});

describe("HTTP caching, CORS and cookies", () => {
  it("answers 304 to a matching ETag only, sends no Last-Modified, and a new post, an edit or a deletion changes the ETag", async () => {
    for (const url of ["/api/v1/boards/005930/posts", "/boards/005930/feed.atom"]) {
      const first = await request(t.app).get(url).expect(200);
      expect(first.headers["cache-control"]).toBe("public, max-age=30");
      expect(first.headers.etag).toMatch(/^"[\w-]+"$/);
      // Validators are exact or absent: no date could follow the live counts, edits and deletions.
      expect(first.headers["last-modified"]).toBeUndefined();
      const again = await request(t.app).get(url).set("If-None-Match", first.headers.etag!);
      expect(again.status, `${url} If-None-Match`).toBe(304);
      expect(again.text).toBe("");
      const since = await request(t.app).get(url).set("If-Modified-Since", new Date(Date.now() + 86_400_000).toUTCString());
      expect(since.status, `${url} If-Modified-Since alone`).toBe(200);
      await request(t.app).get(url).set("If-None-Match", '"something-else"').expect(200);
    }
    const before = await request(t.app).get("/boards/005930/feed.atom").expect(200);
    t.time.advance(60_000);
    const fresh = await createPost(t, { authorId: ids.author, title: "새로 올라온 글" });
    const after = await request(t.app).get("/boards/005930/feed.atom").set("If-None-Match", before.headers.etag!).expect(200);
    expect(after.text).toContain("새로 올라온 글");
    // An edit and a deletion (the probe's 304 with a stale title) change what a client holds.
    const api = `/api/v1/boards/005930/posts/${fresh.number}`;
    const held = await request(t.app).get(api).expect(200);
    await t.db.post.update({ where: { id: fresh.id }, data: { title: "고쳐진 제목", editedAt: t.clock() } });
    const edited = await request(t.app).get(api).set("If-None-Match", held.headers.etag!).expect(200);
    expect(edited.body.post.title).toBe("고쳐진 제목");
    await t.db.post.update({ where: { id: fresh.id }, data: { deletedAt: t.clock() } });
    const gone = await request(t.app).get(api).set("If-None-Match", edited.headers.etag!).expect(200);
    expect(gone.body.post).toEqual({ number: fresh.number, deleted: true });
  });

  it("lets any origin GET the API (with a preflight for the validators), and only the API", async () => {
    const res = await request(t.app).get("/api/v1/boards").set("Origin", "https://elsewhere.example").expect(200);
    expect(res.headers["access-control-allow-origin"]).toBe("*");
    expect(res.headers["access-control-allow-credentials"]).toBeUndefined();
    const preflight = await request(t.app).options("/api/v1/boards/005930/posts").set("Origin", "https://elsewhere.example").set("Access-Control-Request-Method", "GET").set("Access-Control-Request-Headers", "if-none-match").expect(204);
    expect(preflight.headers["access-control-allow-methods"]).toBe("GET, HEAD");
    expect(preflight.headers["access-control-allow-headers"]).toContain("If-None-Match");
    for (const page of ["/boards/005930", "/boards/005930/feed.atom", "/"]) {
      expect((await request(t.app).get(page).set("Origin", "https://elsewhere.example")).headers["access-control-allow-origin"], page).toBeUndefined();
    }
    const post = await request(t.app).post("/api/v1/boards").send({}).expect(404);
    expect(post.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("never reads or sets a cookie on the API and the feeds", async () => {
    const member = agent(t.app);
    await signUp(member);
    for (const url of ["/api/v1/boards/005930/posts", `/api/v1/users/${ids.author}`, "/boards/005930/feed.atom", "/sitemap.xml", "/robots.txt", "/api/v1/openapi.json", "/api/v1/nothing"]) {
      const signedIn = await member.get(url);
      const anonymous = await request(t.app).get(url);
      expect(signedIn.headers["set-cookie"], url).toBeUndefined();
      expect(anonymous.headers["set-cookie"], url).toBeUndefined();
      expect(signedIn.text, url).toBe(anonymous.text);
    }
  });
});

describe("the open rate limit", () => {
  it("counts API and feed requests per address, with RateLimit headers and a Korean and English refusal", async () => {
    const s = await setUpTestApp({ rateLimits: { ...RELAXED_RATE_LIMITS, openPerIp: { windowMs: 60_000, limit: 3 } } });
    const first = await request(s.app).get("/api/v1/boards").expect(200);
    expect(first.headers["ratelimit-limit"]).toBe("3");
    expect(first.headers["ratelimit-remaining"]).toBe("2");
    expect(Number(first.headers["ratelimit-reset"])).toBeGreaterThan(0);
    await request(s.app).get("/boards/005930/feed.atom").expect(200);
    await request(s.app).get("/sitemap.xml").expect(200);
    const refused = await request(s.app).get("/api/v1/boards").expect(429);
    expect(refused.headers["retry-after"]).toBeDefined();
    expect(refused.body.error).toMatchObject({ code: "rate_limited", message: expect.stringContaining("요청이 너무 많습니다"), messageEn: expect.stringContaining("Too many requests") });
    expectValid("/api/v1/boards", 429, refused.body);
    expect((await request(s.app).get("/boards/005930/feed.atom").expect(429)).body.error.code).toBe("rate_limited");
    await request(s.app).get("/boards/005930").expect(200); // pages are not counted here
    expect(DEFAULT_RATE_LIMITS.openPerIp.limit).toBeGreaterThanOrEqual(60);
  });
});

describe("Atom feeds", () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => ["entry", "link", "author"].includes(name) });
  const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
  type Node = Record<string, unknown> & { "#text"?: string };
  const text = (n: unknown) => (typeof n === "object" && n !== null ? ((n as Node)["#text"] ?? "") : String(n ?? ""));

  /** RFC 4287's requirements on a feed and its entries (4.1.1, 4.1.2), checked on the parsed XML. */
  function checkAtom(xml: string) {
    expect(XMLValidator.validate(xml)).toBe(true);
    const root = parser.parse(xml) as { feed: Node };
    const feed = root.feed;
    expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(text(feed.id)).toMatch(/^tag:[^,]+,\d{4}:/);
    expect(text(feed.title)).not.toBe("");
    expect(text(feed.updated)).toMatch(RFC3339);
    const links = feed.link as Node[];
    expect(links.filter((l) => l["@rel"] === "self")).toHaveLength(1);
    expect((feed.author as Node[])[0]!.name).toBeTruthy();
    const entries = (feed.entry ?? []) as Node[];
    const seen = new Set<string>();
    for (const e of entries) {
      const id = text(e.id);
      expect(id).toMatch(/^tag:[^,]+,\d{4}:/);
      expect(seen.has(id)).toBe(false);
      seen.add(id);
      expect(text(e.title)).not.toBe("");
      expect(text(e.updated)).toMatch(RFC3339);
      expect(text(e.published)).toMatch(RFC3339);
      expect((e.author as Node[])[0]!.name).toBeTruthy();
      expect((e.link as Node[]).filter((l) => l["@rel"] === "alternate")).toHaveLength(1);
      expect((e.content as Node)["@type"]).toBe("html");
    }
    return entries;
  }

  it("lists a board's newest visible posts, the seed article the oldest, the text as escaped HTML", async () => {
    const res = await request(t.app).get("/boards/005930/feed.atom").expect(200);
    expect(res.headers["content-type"]).toBe("application/atom+xml; charset=utf-8");
    const entries = checkAtom(res.text);
    expect(text(entries.at(-1)!.title)).toContain("AI칩 설계부터 메모리 공급");
    const visible = entries.find((e) => text(e.title) === "보이는 글")!;
    expect(text(visible.content)).toBe("<p>보이는 &lt;b&gt;본문&lt;/b&gt;<br>둘째 줄</p>"); // markup escaped once more in the XML
    expect(res.text).toContain("&amp;lt;b&amp;gt;"); // …so no element of the body is live
    expect(text((visible.author as Node[])[0]!.name)).toBe("API작성자");
    const html = (await request(t.app).get("/boards/005930").expect(200)).text;
    expect(html).toContain('<link rel="alternate" type="application/atom+xml" title="삼성전자 종목토론 새 글" href="/boards/005930/feed.atom">');
  });

  it("lists a post's comments, and is linked from the post page", async () => {
    const res = await request(t.app).get(`/boards/005930/posts/${ids.visible}/feed.atom`).expect(200);
    const entries = checkAtom(res.text);
    expect(entries.map((e) => text(e.title))).toEqual(["첫 댓글"]);
    const page = (await request(t.app).get(`/boards/005930/posts/${ids.visible}`).expect(200)).text;
    expect(page).toContain(`href="/boards/005930/posts/${ids.visible}/feed.atom"`);
    const blindedPage = (await request(t.app).get(`/boards/005930/posts/${ids.blinded}`).expect(200)).text;
    expect(blindedPage).not.toContain(`/posts/${ids.blinded}/feed.atom`);
  });

  it("keeps characters XML cannot carry out, and uses PUBLIC_ORIGIN for links and ids", async () => {
    const s = await setUpTestApp({ env: { PUBLIC_ORIGIN: "https://jongto.example" } });
    await createPost(s, { title: "제목 ]]> <entry> &amp;", body: "본문\u0001 끝 \uFFFF" });
    const res = await request(s.app).get("/boards/005930/feed.atom").set("Host", "evil.example").expect(200);
    const entries = checkAtom(res.text);
    expect(text(entries[0]!.title)).toBe("제목 ]]> <entry> &amp;");
    expect(res.text).not.toContain("evil.example");
    expect(text(entries[0]!.id)).toMatch(/^tag:jongto\.example,2026:boards\/005930\/posts\/\d+$/);
    expect((await request(s.app).get("/robots.txt").expect(200)).text).toContain("Sitemap: https://jongto.example/sitemap.xml");
  });
});

describe("sitemaps", () => {
  it("index every board's sitemaps, split by post number at 1,000 URLs, without hidden posts", async () => {
    const index = (await request(t.app).get("/sitemap.xml").expect(200)).text;
    expect(XMLValidator.validate(index)).toBe(true);
    expect(index).toContain("/sitemaps/005930/1.xml</loc>");
    expect(index).toContain("/sitemaps/373220/1.xml</loc>");
    const board = (await request(t.app).get("/sitemaps/005930/1.xml").expect(200)).text;
    expect(XMLValidator.validate(board)).toBe(true);
    expect(board).toContain(`/boards/005930/posts/${ids.visible}</loc>`);
    for (const n of [ids.blinded, ids.hidden, ids.deleted]) expect(board).not.toContain(`/boards/005930/posts/${n}</loc>`);
    expect((await request(t.app).get("/robots.txt").expect(200)).text).toMatch(/\nSitemap: http:\/\/jongto\.test\/sitemap\.xml\n$/);

    // Without PUBLIC_ORIGIN the links are this machine's, whatever Host a request names: these
    // answers are public and cacheable, and a forged Host would land in every shared copy.
    const s = await setUpTestApp({ env: { PORT: "3999" } });
    for (const host of ["evil.example", "localhost:3000", "a<b>"]) {
      for (const path of ["/robots.txt", "/sitemap.xml", "/boards/005930/feed.atom"]) {
        const res = await request(s.app).get(path).set("Host", host).expect(200);
        expect(res.text, `${path} ${host}`).toContain("http://localhost:3999/");
        expect(res.text, `${path} ${host}`).not.toContain(host === "a<b>" ? "a<b>" : `//${host}`);
      }
    }
    await s.db.board.update({ where: { stockCode: "000660" }, data: { lastPostNumber: 2_500 } });
    forgetBoardDirectory(s);
    const big = (await request(s.app).get("/sitemap.xml").expect(200)).text;
    expect(big.match(/\/sitemaps\/000660\/\d+\.xml/g)).toEqual(["/sitemaps/000660/1.xml", "/sitemaps/000660/2.xml", "/sitemaps/000660/3.xml"]);
    await request(s.app).get("/sitemaps/000660/3.xml").expect(200);
    await request(s.app).get("/sitemaps/000660/4.xml").expect(404);
    await request(s.app).get("/sitemaps/000660/0.xml").expect(404);
  });
});
