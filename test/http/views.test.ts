import { beforeAll, describe, expect, it } from "vitest";
import { createPost } from "../factories.ts";
import { agent, request, setUpTestApp, signUp, type TestContext } from "../helpers.ts";

let t: TestContext;
beforeAll(async () => {
  t = await setUpTestApp();
});

const views = async (postId: number) => {
  await t.app.locals.viewCounter.flush();
  return (await t.db.post.findUniqueOrThrow({ where: { id: postId } })).viewCount;
};

describe("view counting", () => {
  it("counts 200 reloads by one cookieless client once", async () => {
    const post = await createPost(t);
    const path = `/boards/005930/posts/${post.number}`;
    for (let i = 0; i < 200; i++) {
      await request(t.app).get(path).set("User-Agent", "Mozilla/5.0 Test").expect(200);
    }
    expect(await views(post.id)).toBe(1);
  });

  it("counts 200 reloads by one client with a session cookie once", async () => {
    const post = await createPost(t);
    const path = `/boards/005930/posts/${post.number}`;
    const a = agent(t.app);
    await a.get("/login"); // now the client has a session
    for (let i = 0; i < 200; i++) await a.get(path).expect(200);
    expect(await views(post.id)).toBe(1);
  });

  it("counts a second user once more, and the author not at all", async () => {
    const authorAgent = agent(t.app);
    await signUp(authorAgent);
    const author = await t.db.user.findFirstOrThrow({ orderBy: { id: "desc" } });
    const post = await createPost(t, { authorId: author.id });
    const path = `/boards/005930/posts/${post.number}`;
    for (let i = 0; i < 5; i++) await authorAgent.get(path);
    expect(await views(post.id)).toBe(0);
    const reader = agent(t.app);
    await signUp(reader);
    for (let i = 0; i < 5; i++) await reader.get(path);
    expect(await views(post.id)).toBe(1);
    const second = agent(t.app);
    await signUp(second);
    await second.get(path);
    expect(await views(post.id)).toBe(2);
  });

  it("counts the same viewer again on the next KST day", async () => {
    const post = await createPost(t);
    const path = `/boards/005930/posts/${post.number}`;
    t.time.set("2026-11-28T14:59:00Z"); // 23:59 KST
    await request(t.app).get(path);
    t.time.set("2026-11-28T15:00:00Z"); // 00:00 KST
    await request(t.app).get(path);
    expect(await views(post.id)).toBe(2);
    t.time.set("2026-11-28T03:00:00Z");
  });

  it("does not count bots that say so", async () => {
    const post = await createPost(t);
    const path = `/boards/005930/posts/${post.number}`;
    for (const ua of ["Googlebot/2.1 (+http://www.google.com/bot.html)", "Mozilla/5.0 (compatible; Yeti/1.1; +https://naver.me/spd)", "curl/8.0", "facebookexternalhit/1.1"]) {
      await request(t.app).get(path).set("User-Agent", ua).expect(200);
    }
    expect(await views(post.id)).toBe(0);
  });

  it("shows the count before the reader's own view, and creates no session for it", async () => {
    const res = await request(t.app).get("/boards/005930/posts/1").set("User-Agent", "first reader").expect(200);
    expect(res.text).toMatch(/조회 <span data-count="views">43<\/span>/);
    expect(res.headers["set-cookie"]).toBeUndefined();
    const seed = await t.db.post.findFirstOrThrow({ where: { number: 1, board: { stockCode: "005930" } } });
    expect(await views(seed.id)).toBe(44);
    const again = await request(t.app).get("/boards/005930/posts/1").set("User-Agent", "second reader");
    expect(again.text).toMatch(/조회 <span data-count="views">44<\/span>/);
  });

  it("never fails the page when the count cannot be written", async () => {
    const post = await createPost(t);
    const original = t.sql.transaction.bind(t.sql);
    let failures = 0;
    const { expectConsoleError } = await import("../setup.ts");
    expectConsoleError();
    t.sql.transaction = () => {
      failures++;
      return Promise.reject(new Error("disk full"));
    };
    try {
      await request(t.app).get(`/boards/005930/posts/${post.number}`).expect(200);
      await t.app.locals.viewCounter.flush();
    } finally {
      t.sql.transaction = original;
    }
    expect(failures).toBe(1);
  });
});
