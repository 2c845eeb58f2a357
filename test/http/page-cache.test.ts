// The anonymous page cache: copies for readers without a session, dropped at once by every
// write that changes what they show, never read or filled by a signed-in request, and at most
// a second old (docs/decisions/0014).
import http from "node:http";
import zlib from "node:zlib";
import express from "express";
import { beforeAll, describe, expect, it } from "vitest";
import { ChangeFeed } from "../../src/domain/changes.ts";
import { PageCache } from "../../src/http/page-cache.ts";
import { cacheHits } from "../../src/http/cache-hit.ts";
import { readTable } from "../../src/lib/tabular.ts";
import { readListing } from "../../src/modules/boards/listing.rules.ts";
import { importListing } from "../../src/modules/boards/listing.service.ts";
import { readQuotes } from "../../src/modules/quotes/quotes.rules.ts";
import { importQuotes } from "../../src/modules/quotes/quotes.service.ts";
import { addDownVotes, createPost, createPosts } from "../factories.ts";
import { agent, csrfFor, postForm, request, setUpTestApp, signUp, type Agent, type TestContext } from "../helpers.ts";

let t: TestContext;
beforeAll(async () => {
  t = await setUpTestApp({ env: { PAGE_CACHE: "on" } });
});

const read = (path: string, headers: Record<string, string> = {}) => request(t.app).get(path).set(headers);

/** The bytes as sent (supertest would decode them). */
async function rawBody(path: string, encoding: string): Promise<{ encoding: string | undefined; body: Buffer }> {
  const server = t.app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  try {
    const { port } = server.address() as { port: number };
    return await new Promise((resolve, reject) => {
      http.get({ host: "127.0.0.1", port, path, headers: { "Accept-Encoding": encoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ encoding: res.headers["content-encoding"], body: Buffer.concat(chunks) }));
      }).on("error", reject);
    });
  } finally {
    server.close();
  }
}

/** Reads a page twice as an anonymous reader: the second comes from the cache. */
async function cached(path: string) {
  await read(path);
  const res = await read(path);
  expect(res.headers["x-cache"], path).toBe("hit");
  return res.text;
}

async function writer(): Promise<{ a: Agent; path: string; number: number }> {
  const a = agent(t.app);
  await signUp(a);
  const res = await postForm(a, "/boards/005930/posts", { title: "캐시 시험 글", body: "처음 본문" }, "/boards/005930/write");
  const path = res.headers.location!;
  return { a, path, number: Number(path.split("/").pop()) };
}

describe("the page cache", () => {
  it("answers the second anonymous read of a list, post or jury page from its copy", async () => {
    for (const path of ["/boards/005930", "/boards/005930?page=1", "/boards/005930/posts/1", "/boards/005930/jury"]) {
      const first = await read(path);
      expect(first.headers["x-cache"], path).toBe("miss");
      const second = await read(path);
      expect(second.headers["x-cache"], path).toBe("hit");
      expect(second.text).toBe(first.text);
      expect(second.headers["content-security-policy"]).toContain("default-src 'self'");
    }
  });

  it("is never read or filled by a signed-in reader", async () => {
    const a = agent(t.app);
    const user = await signUp(a);
    await cached("/boards/005930/posts/1");
    const signedIn = await a.get("/boards/005930/posts/1");
    expect(signedIn.headers["x-cache"]).toBeUndefined();
    expect(signedIn.text).toContain(user.nickname);
    // …and what a signed-in reader saw is not served to the next anonymous one.
    await a.get("/boards/005930/jury");
    const anonymous = await read("/boards/005930/jury");
    expect(anonymous.text).not.toContain(user.nickname);
  });

  it("keeps no copy when PAGE_CACHE=off", async () => {
    const off = await setUpTestApp({ env: { PAGE_CACHE: "off" } });
    for (let i = 0; i < 2; i++) expect((await request(off.app).get("/boards/005930/posts/1")).headers["x-cache"]).toBeUndefined();
  });

  it("lets a copy live one second at most", async () => {
    await cached("/boards/005930/posts/1");
    t.time.advance(1000);
    expect((await read("/boards/005930/posts/1")).headers["x-cache"]).toBe("miss");
  });

  it("still counts the view of every reader it answers", async () => {
    const post = await createPost(t, { title: "조회 세기" });
    const path = `/boards/005930/posts/${post.number}`;
    for (let i = 0; i < 5; i++) await read(path, { "User-Agent": `reader ${i}` });
    expect((await read(path, { "User-Agent": "reader 5" })).headers["x-cache"]).toBe("hit");
    await t.app.locals.viewCounter.flush();
    expect((await t.db.post.findUniqueOrThrow({ where: { id: post.id } })).viewCount).toBe(6);
  });

  it("answers a hit with a miss's headers and bytes, its own request id, and HSTS over HTTPS", async () => {
    const behind = await setUpTestApp({ env: { PAGE_CACHE: "on", TRUST_PROXY: "1" } });
    const framing = ["date", "x-request-id", "x-cache", "content-length", "transfer-encoding"];
    const rest = (headers: Record<string, string>, drop: string[]) => Object.fromEntries(Object.entries(headers).filter(([name]) => !drop.includes(name)));
    for (const [path, encoding] of [["/boards/005930/posts/1", "identity"], ["/boards/005930", "identity"], ["/boards/005930/jury", "gzip"]] as const) {
      const get = () => request(behind.app).get(path).set({ "Accept-Encoding": encoding, "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9" });
      const miss = await get();
      expect(miss.status, path).toBe(200);
      expect(miss.headers["x-cache"], path).toBe("miss");
      const hit = await get();
      expect(hit.status, path).toBe(200);
      expect(hit.headers["x-cache"], path).toBe("hit");
      expect(hit.text, path).toBe(miss.text);
      // Identity answers carry the same length; a compressed miss is streamed in chunks instead.
      expect(rest(hit.headers, framing.slice(0, encoding === "identity" ? 3 : 5)), path).toEqual(rest(miss.headers, framing.slice(0, encoding === "identity" ? 3 : 5)));
      expect(hit.headers["strict-transport-security"], path).toBe("max-age=31536000; includeSubDomains");
      expect(hit.headers["x-request-id"], path).toMatch(/^[0-9a-f-]{36}$/);
      expect(hit.headers["x-request-id"], path).not.toBe(miss.headers["x-request-id"]);
    }
    // Over plain HTTP, no HSTS on either.
    const plain = await request(behind.app).get("/boards/005930/posts/1").set("X-Forwarded-For", "203.0.113.9");
    expect(plain.headers["x-cache"]).toBe("hit");
    expect(plain.headers["strict-transport-security"]).toBeUndefined();
  });

  it("counts a reader once whether a miss or a hit answered them (the address through the proxy)", async () => {
    const behind = await setUpTestApp({ env: { PAGE_CACHE: "on", TRUST_PROXY: "1" } });
    const post = await createPost(behind, { title: "한 번만 세기" });
    const path = `/boards/005930/posts/${post.number}`;
    const as = (ip: string) => request(behind.app).get(path).set({ "User-Agent": "Mozilla/5.0 same reader", "X-Forwarded-For": ip });
    expect((await as("198.51.100.1")).headers["x-cache"]).toBe("miss");
    expect((await as("198.51.100.1")).headers["x-cache"]).toBe("hit");
    expect((await as("198.51.100.2")).headers["x-cache"]).toBe("hit");
    await behind.app.locals.viewCounter.flush();
    expect((await behind.db.post.findUniqueOrThrow({ where: { id: post.id } })).viewCount).toBe(2);
  });

  it("sends copies compressed as the client accepts, made once", async () => {
    const plain = await cached("/boards/005930/posts/1");
    for (const [encoding, decode] of [["gzip", zlib.gunzipSync], ["br", zlib.brotliDecompressSync]] as const) {
      const bytes = await rawBody("/boards/005930/posts/1", encoding);
      expect(bytes.encoding).toBe(encoding);
      expect(decode(bytes.body).toString()).toBe(plain);
    }
  });
});

describe("a write shows to the next anonymous reader at once", () => {
  it("a new post, on the list and on its neighbour's page", async () => {
    const before = await cached("/boards/005930");
    const { number } = await writer();
    expect(before).not.toContain(`/boards/005930/posts/${number}"`);
    expect(await read("/boards/005930").then((r) => r.text)).toContain(`/boards/005930/posts/${number}"`);
    const neighbour = await read(`/boards/005930/posts/${number - 1}`);
    expect(neighbour.text).toContain(`href="/boards/005930/posts/${number}" rel="next"`);
  });

  it("an edit and a deletion", async () => {
    const { a, path } = await writer();
    await cached(path);
    await cached("/boards/005930");
    await postForm(a, `${path}/edit`, { title: "고친 제목", body: "고친 본문" }, `${path}/edit`);
    expect((await read(path)).text).toContain("고친 본문");
    expect((await read("/boards/005930")).text).toContain("고친 제목");
    await cached(path);
    await cached("/boards/005930");
    await postForm(a, `${path}/delete`, {}, path);
    expect((await read(path)).text).toContain("삭제된 게시글입니다.");
    // The list leaves the tombstone out at once.
    expect((await read("/boards/005930")).text).not.toContain(`href="${path}"`);
  });

  it("a new post and an edit, in the neighbouring list under a cached post", async () => {
    const older = await writer();
    const before = await cached(older.path);
    const newer = await writer();
    expect(before).not.toContain(`href="${newer.path}"`);
    // The post page lists its page of the list: the new post is on it now.
    const after = await read(older.path);
    expect(after.text).toContain(`<a class="post-link" href="${newer.path}"`);
    await cached(older.path);
    await postForm(newer.a, `${newer.path}/edit`, { title: "이웃 목록에서 고친 제목", body: "본문" }, `${newer.path}/edit`);
    expect((await read(older.path)).text).toContain("이웃 목록에서 고친 제목");
  });

  it("a comment and its deletion", async () => {
    const { path } = await writer();
    const b = agent(t.app);
    await signUp(b);
    await cached(path);
    const c = await postForm(b, `${path}/comments`, { body: "캐시를 뚫는 댓글" }, path);
    expect((await read(path)).text).toContain("캐시를 뚫는 댓글");
    await cached(path);
    const id = /#comment-(\d+)/.exec(c.headers.location!)![1];
    await postForm(b, `${path}/comments/${id}/delete`, {}, path);
    expect((await read(path)).text).toContain("삭제된 댓글입니다.");
  });

  it("a vote, on the post and on the list", async () => {
    const { path } = await writer();
    const b = agent(t.app);
    await signUp(b);
    await cached(path);
    await cached("/boards/005930");
    const token = await csrfFor(b, path);
    await b.post(`${path}/vote`).set("Accept", "application/json").set("X-CSRF-Token", token).send({ value: "up" }).expect(200);
    expect((await read(path)).text).toMatch(/<span data-count="up">1<\/span>/);
    const list = (await read("/boards/005930")).text;
    const row = list.slice(list.indexOf(`${path}"`));
    expect(row.slice(0, row.indexOf("</tr>"))).toMatch(/data-label="추천" data-count-of="up">1</);
  });

  it("a new post, in a search's count and highlighted titles", async () => {
    const path = "/boards/005930?field=title&q=" + encodeURIComponent("검색캐시");
    expect(await cached(path)).toContain("<strong>0건</strong>");
    const a = agent(t.app);
    await signUp(a);
    await postForm(a, "/boards/005930/posts", { title: "검색캐시 새 글", body: "본문" }, "/boards/005930/write");
    const page = (await read(path)).text;
    expect(page).toContain("<strong>1건</strong>");
    expect(page).toContain("<bdi><mark>검색캐시</mark> 새 글</bdi>");
  });

  it("a vote, on the 인기 and 추천순 tabs", async () => {
    const { path } = await writer();
    const b = agent(t.app);
    await signUp(b);
    for (const tab of ["/boards/005930?sort=ups", "/boards/005930?sort=popular"]) await cached(tab);
    await b.post(`${path}/vote`).set("Accept", "application/json").set("X-CSRF-Token", await csrfFor(b, path)).send({ value: "up" }).expect(200);
    for (const tab of ["/boards/005930?sort=ups", "/boards/005930?sort=popular"]) {
      const list = (await read(tab)).text;
      const row = list.slice(list.indexOf(`${path}"`));
      expect(row.slice(0, row.indexOf("</tr>")), tab).toMatch(/data-label="추천" data-count-of="up">1</);
    }
  });

  it("a rename by boards:import and new prices by quotes:import, on the board's pages", async () => {
    const pages = ["/boards/373220", "/boards/373220/jury"];
    for (const page of pages) expect(await cached(page)).toContain(">LG에너지솔루션</a>");
    const listing = readListing(readTable("회사명,종목코드,시장구분\nLG엔솔,373220,KOSPI"));
    await importListing(t, listing, { delist: false });
    for (const page of pages) expect((await read(page)).text, page).toContain(">LG엔솔</a>");
    for (const page of pages) await cached(page);
    const { quotes } = readQuotes(readTable("종목코드,일자,시가,고가,저가,종가,거래량\n373220,2026-11-27,200000,210000,199000,205500,100"));
    await importQuotes(t, quotes);
    for (const page of pages) expect((await read(page)).text, page).toContain('<strong class="quote__close">205,500</strong>');
  });

  it("글 내리기 and the blinding it causes, on the post, the list and the jury page", async () => {
    t.time.set("2026-11-15T03:00:00Z");
    const jurors: Agent[] = [];
    for (let i = 0; i < 4; i++) {
      const a = agent(t.app);
      const user = await signUp(a, { nickname: `캐시배심${i}` });
      const row = await t.db.user.update({ where: { loginId: user.loginId }, data: { createdAt: new Date("2026-09-01T00:00:00Z") } });
      await createPost(t, { authorId: row.id, createdAt: new Date("2026-11-10T03:00:00Z") });
      jurors.push(a);
    }
    t.time.set("2026-12-02T03:00:00Z"); // December's panel comes from those November posts
    const { path } = await writer();
    const b = agent(t.app);
    await signUp(b);
    await b.post(`${path}/vote`).set("Accept", "application/json").set("X-CSRF-Token", await csrfFor(b, path)).send({ value: "down" }).expect(200);
    await cached(path);
    await cached("/boards/005930/jury");
    for (const [i, juror] of jurors.entries()) {
      const res = await juror.post(`${path}/opinion`).set("Accept", "application/json").set("X-CSRF-Token", await csrfFor(juror, path)).send({});
      expect(res.status).toBe(200);
      if (i < 3) expect((await read(path)).text).toContain(`<span data-count="opinions">${i + 1}</span>`);
      if (i < 3) await cached(path);
    }
    expect((await read(path)).text).toContain("운영배심원 의견에 따라 블라인드 처리된 글입니다.");
    expect((await read(path)).text).not.toContain("처음 본문");
    expect((await read("/boards/005930/jury")).text).toContain(`${path.split("/").pop()}번 글`);
    t.time.set("2026-11-28T03:00:00Z");
  });

  it("an operator's 숨김 and 복원 of a post and of a comment", async () => {
    const author = agent(t.app);
    await signUp(author);
    const created = await postForm(author, "/boards/005930/posts", { title: "숨김 캐시 글", body: "처음 본문" }, "/boards/005930/write");
    const path = created.headers.location!;
    const number = Number(path.split("/").pop());
    const post = await t.db.post.findFirstOrThrow({ where: { board: { stockCode: "005930" }, number } });
    const commenter = agent(t.app);
    await signUp(commenter);
    await commenter.post(`${path}/comments`).set("Accept", "application/json").set("X-CSRF-Token", await csrfFor(commenter, path)).send({ body: "숨길 댓글" }).expect(201);
    const comment = await t.db.comment.findFirstOrThrow({ where: { postId: post.id } });
    const op = agent(t.app);
    const user = await signUp(op);
    await t.db.user.update({ where: { loginId: user.loginId }, data: { role: "operator" } });
    const reporter = agent(t.app);
    await signUp(reporter);
    const report = async (target: string) =>
      reporter.post(`${target}/report`).set("Accept", "application/json").set("X-CSRF-Token", await csrfFor(reporter, path)).send({ category: "spam" }).expect(201);
    await report(path);
    await report(`${path}/comments/${comment.id}`);
    const action = async (url: string, fields: object = {}) =>
      op.post(url).type("form").send({ _csrf: await csrfFor(op, "/admin/reports"), ...fields }).expect(303);

    expect(await cached(path)).toContain("숨길 댓글");
    await action(`/admin/reports/comment/${comment.id}/hide`, { category: "abuse" });
    expect((await read(path)).text).toContain("운영정책에 따라 숨김 처리된 댓글입니다.");
    expect(await cached("/boards/005930")).toContain("숨김 캐시 글");
    await action(`/admin/reports/post/${post.id}/hide`, { category: "spam" });
    expect((await read("/boards/005930")).text).not.toContain("숨김 캐시 글");
    expect((await read(path)).text).toContain("운영정책에 따라 숨김 처리된 글입니다.");
    await cached(path);
    await action(`/admin/posts/${post.id}/restore`);
    expect((await read(path)).text).toContain("처음 본문");
    expect((await read("/boards/005930")).text).toContain("숨김 캐시 글");
    await action(`/admin/comments/${comment.id}/restore`);
    expect((await read(path)).text).toContain("숨길 댓글");
  });
});

describe("a write drops only the pages that show it", () => {
  it("a comment keeps the pages of posts off its list page and of other boards", async () => {
    const c = await setUpTestApp({ env: { PAGE_CACHE: "on" } });
    const get = (path: string) => request(c.app).get(path);
    const posts = await createPosts(c, 45);
    const [oldest, newest] = [posts[0]!, posts.at(-1)!];
    const other = await createPost(c, { stockCode: "000660", title: "다른 종목의 글" });
    const pages = [
      `/boards/005930/posts/${newest.number}`, // the post commented on
      "/boards/005930", // its list page, which shows the comment count
      `/boards/005930/posts/${newest.number - 1}`, // a neighbour, whose list shows the count
      `/boards/005930/posts/${oldest.number}`, // on list page 3: does not show it
      "/boards/005930?page=3",
      "/boards/000660",
      `/boards/000660/posts/${other.number}`,
      "/boards/000660/jury",
    ];
    for (const path of pages) {
      expect((await get(path)).status, path).toBe(200);
      expect((await get(path)).headers["x-cache"], path).toBe("hit");
    }
    const b = agent(c.app);
    await signUp(b);
    const posted = await postForm(b, `/boards/005930/posts/${newest.number}/comments`, { body: "하나만 바꾸는 댓글" }, `/boards/005930/posts/${newest.number}`);
    expect(posted.status).toBe(303);
    const answers = Object.fromEntries(await Promise.all(pages.map(async (path) => [path, (await get(path)).headers["x-cache"]] as const)));
    expect(answers).toEqual(Object.fromEntries(pages.map((path, i) => [path, i < 3 ? "miss" : "hit"])));
    expect((await get(`/boards/005930/posts/${newest.number}`)).text).toContain("하나만 바꾸는 댓글");
    expect((await get("/boards/005930")).text).toContain(`aria-label="댓글 1개"`);
  });
});

describe("an appeal shows to the next anonymous reader at once", () => {
  it("filed, then decided: the post page and the jury page", async () => {
    t.time.set("2026-11-15T03:00:00Z");
    const json = async (a: Agent, path: string, body: object) =>
      a.post(path).set("Accept", "application/json").set("X-CSRF-Token", await csrfFor(a, "/")).send(body);
    const jurors: Agent[] = [];
    for (let i = 0; i < 7; i++) {
      const a = agent(t.app);
      const user = await signUp(a);
      const row = await t.db.user.update({ where: { loginId: user.loginId }, data: { createdAt: new Date("2026-09-01T00:00:00Z") } });
      for (let k = 0; k < 8 - i; k++) await createPost(t, { stockCode: "035420", authorId: row.id, createdAt: new Date("2026-10-10T03:00:00Z") });
      jurors.push(a);
    }
    const author = agent(t.app);
    await signUp(author);
    const created = await postForm(author, "/boards/035420/posts", { title: "이의 캐시 글", body: "복원될 본문" }, "/boards/035420/write");
    const path = created.headers.location!;
    const post = await t.db.post.findFirstOrThrow({ where: { title: "이의 캐시 글" } });
    await addDownVotes(t.db, post.id, 2);
    const openPage = await cached(path); // the comment form, before the blinding
    expect(openPage).toContain('class="comment-form__form"');
    for (const j of jurors.slice(0, 4)) expect((await json(j, `${path}/opinion`, {})).status).toBe(200);
    const blindedPage = await cached(path);
    expect(blindedPage).not.toContain("복원될 본문");
    expect(blindedPage).toContain("블라인드 처리된 글이라 새 댓글을 받지 않습니다."); // and no form
    expect(blindedPage).not.toContain('class="comment-form__form"');
    expect(await cached("/boards/035420/jury")).toContain("이의 신청이 없습니다.");
    expect((await json(author, `${path}/appeal`, { reason: "다시 봐 주세요" })).status).toBe(201);
    expect((await read(path)).text).toContain('복원 <span data-count="restore">0</span>');
    expect((await read("/boards/035420/jury")).text).toContain(`${post.number}번 글`);
    await cached(path);
    await cached("/boards/035420/jury");
    for (const j of jurors.slice(4, 7)) expect((await json(j, `${path}/appeal/vote`, { value: "restore" })).status).toBe(200);
    expect((await read(path)).text).toContain("복원될 본문");
    const jury = (await read("/boards/035420/jury")).text;
    expect(jury).toMatch(/<td>복원<\/td>/);
    expect(jury).toContain('<span class="badge">이의 신청으로 복원 '); // the blind log marks the blinding
    t.time.set("2026-11-28T03:00:00Z");
  });
});

describe("the cache's own rules", () => {
  function tinyApp(cache: PageCache, handler: express.RequestHandler) {
    const app = express();
    const hit = cacheHits(cache, { trustedHops: 0, watch: () => "request-id", onError: (error) => { throw error; } });
    app.get("/page/:n", cache.route(), (req, res, next) => {
      res.locals.cacheablePage = { tags: [`page:${req.params.n}`] };
      handler(req, res, next);
    });
    return (req: http.IncomingMessage, res: http.ServerResponse) => hit(req, res) || app(req, res);
  }

  it("keeps no response that sets a cookie, and none that is not a 200", async () => {
    const cache = new PageCache(true, new ChangeFeed());
    const app = tinyApp(cache, (req, res) => {
      if (req.params.n === "1") res.cookie("x", "y");
      if (req.params.n === "2") res.status(404);
      res.send("<p>page</p>");
    });
    for (const n of [1, 2, 1, 2]) expect((await request(app).get(`/page/${n}`)).headers["x-cache"]).toBe("miss");
    expect(cache.usage().entries).toBe(0);
  });

  it("stays within its bytes, dropping the least recently used copy first", async () => {
    const cache = new PageCache(true, new ChangeFeed(), Date.now, 8 * 2000);
    const app = tinyApp(cache, (_req, res) => {
      res.send("x".repeat(1500));
    });
    for (let n = 0; n < 20; n++) await request(app).get(`/page/${n}`);
    expect(cache.usage().bytes).toBeLessThanOrEqual(8 * 2000);
    expect((await request(app).get("/page/19")).headers["x-cache"]).toBe("hit");
    expect((await request(app).get("/page/0")).headers["x-cache"]).toBe("miss");
  });

  it("hands a hit that fails before answering to the routes, which answer it", async () => {
    const cache = new PageCache(true, new ChangeFeed());
    const errors: unknown[] = [];
    const hit = cacheHits(cache, { trustedHops: 0, watch: () => "request-id", onError: (error) => errors.push(error) });
    const app = express();
    app.get("/page/:n", cache.route(() => { throw new Error("counting failed"); }), (req, res) => {
      res.locals.cacheablePage = { tags: [] };
      res.send("<p>page</p>");
    });
    const server = (req: http.IncomingMessage, res: http.ServerResponse) => hit(req, res) || app(req, res);
    await request(server).get("/page/1");
    const again = await request(server).get("/page/1");
    expect(again.status).toBe(200);
    expect(again.headers["x-cache"]).toBe("miss");
    expect(again.text).toBe("<p>page</p>");
    expect(errors).toEqual([new Error("counting failed")]);
  });

  it("drops exactly the pages that show a change", async () => {
    const changes = new ChangeFeed();
    const cache = new PageCache(true, changes);
    const app = tinyApp(cache, (_req, res) => {
      res.send("<p>page</p>");
    });
    await request(app).get("/page/1");
    await request(app).get("/page/2");
    cache.drop("page:1");
    expect((await request(app).get("/page/1")).headers["x-cache"]).toBe("miss");
    expect((await request(app).get("/page/2")).headers["x-cache"]).toBe("hit");
  });
});
