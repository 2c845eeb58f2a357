// The hostile suite: headers, output escaping, strict input, abuse limits, a busy database.
// Every refused request is followed by a check that the database did not change.
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RATE_LIMITS } from "../../src/http/rate-limit.ts";
import { createPost, createUser } from "../factories.ts";
import { agent, csrfFor, databaseSnapshot, onPostgres, postForm, request, setUpTestApp, signUp, tokenFrom, type TestContext, backToForm } from "../helpers.ts";

let t: TestContext;
beforeAll(async () => {
  t = await setUpTestApp();
});

const snapshot = (ctx: TestContext = t) => databaseSnapshot(ctx);

describe("headers", () => {
  it("sends a strict CSP, nosniff, no X-Powered-By, and HSTS only over HTTPS", async () => {
    const res = await request(t.app).get("/").expect(200);
    const csp = res.headers["content-security-policy"] as string;
    for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'"]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-powered-by"]).toBeUndefined();
    expect(res.headers["strict-transport-security"]).toBeUndefined();
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script anywhere

    const proxied = await setUpTestApp({ env: { TRUST_PROXY: "1" } });
    const https = await request(proxied.app).get("/").set("X-Forwarded-Proto", "https").expect(200);
    expect(https.headers["strict-transport-security"]).toContain("max-age=31536000");
    const spoofed = await request(t.app).get("/").set("X-Forwarded-Proto", "https").expect(200);
    expect(spoofed.headers["strict-transport-security"]).toBeUndefined();
  });
});

describe("output safety", () => {
  const XSS = `<script>alert(1)</script><img src=x onerror=alert(2)>"'\`<%= 7*7 %>{{7*7}}\${7*7}`;

  it("escapes titles, bodies, comments and nicknames in every context", async () => {
    const a = agent(t.app);
    await signUp(a, { nickname: "악당" });
    const created = await postForm(a, "/boards/005930/posts", { title: XSS.slice(0, 90), body: `${XSS}\njavascript:alert(3) https://ok.example/path` }, "/boards/005930/write");
    expect(created.status).toBe(303);
    const path = created.headers.location as string;
    await postForm(a, `${path}/comments`, { body: XSS }, path);
    for (const page of [await a.get(path), await request(t.app).get(path), await request(t.app).get("/boards/005930"), await request(t.app).get("/")]) {
      expect(page.text).not.toContain("<script>alert(1)");
      expect(page.text).not.toContain("<img src=x");
      // No element carries the handler: quoted attribute values (escaped, like a title's
      // tooltip) are blanked first, so an unescaped quote would expose it to this check.
      expect(page.text.replace(/"[^"]*"/g, '""')).not.toMatch(/<[^>]*\sonerror=/i);
    }
    const post = await request(t.app).get(path);
    expect(post.text).toMatch(/<title>&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    // Template syntax in user text is data: it comes back literally, never evaluated.
    expect(post.text).toContain("&lt;%= 7*7 %&gt;{{7*7}}${7*7}");
    expect(post.text).not.toContain('href="javascript:');
    expect(post.text).toContain('<a href="https://ok.example/path" rel="nofollow noopener noreferrer ugc"');
  });

  it("escapes the search term in the box, the summary and the page links", async () => {
    const q = `"><svg onload=alert(1)>`;
    const res = await request(t.app).get(`/boards/005930?field=title&q=${encodeURIComponent(q)}`).expect(200);
    expect(res.text).not.toContain("<svg onload");
    expect(res.text).toContain("&lt;svg onload=alert(1)&gt;");
  });
});

describe("input safety", () => {
  it("answers a repeated key, an array or an object with 400 and changes nothing", async () => {
    const a = agent(t.app);
    await signUp(a);
    const token = await csrfFor(a, "/boards/005930/write");
    const before = await snapshot();
    for (const send of [
      () => a.post("/boards/005930/posts").type("form").send(`_csrf=${encodeURIComponent(token)}&title=a&title=b&body=c`),
      () => a.post("/boards/005930/posts").set("X-CSRF-Token", token).send({ title: ["a"], body: "c" }),
      () => a.post("/boards/005930/posts").set("X-CSRF-Token", token).send({ title: { toString: "x" }, body: "c" }),
      () => a.post("/boards/005930/posts/1/vote").set("X-CSRF-Token", token).set("Accept", "application/json").send({ value: ["up"] }),
    ]) {
      expect((await send()).status).toBe(400);
    }
    // A comment form goes back to the post page with the reason (read after the rows: a view counts).
    const comment = await a.post("/boards/005930/posts/1/comments").set("X-CSRF-Token", token).send({ body: ["a", "b"] });
    expect(await snapshot()).toEqual(before);
    expect((await backToForm(a, comment, "/boards/005930/posts/1")).text).toContain("댓글을 올바르게 입력해 주세요.");
  });

  it("refuses a 1 MB body with 413 and changes nothing", async () => {
    const a = agent(t.app);
    await signUp(a);
    const token = await csrfFor(a, "/boards/005930/write");
    const before = await snapshot();
    const res = await a.post("/boards/005930/posts").type("form").send({ _csrf: token, title: "큰 글", body: "가".repeat(350_000) });
    expect(res.status).toBe(413);
    expect(res.text).toContain("보낸 내용이 너무 큽니다.");
    expect(await snapshot()).toEqual(before);
  });

  it.each(["\u0000", "\u0007", "\u001b[31m"])("refuses the control character %j in a title", async (ch) => {
    const a = agent(t.app);
    await signUp(a);
    const before = await snapshot();
    const res = await postForm(a, "/boards/005930/posts", { title: `제목${ch}`, body: "본문" }, "/boards/005930/write");
    expect(res.status).toBe(400);
    expect(res.text).toContain("사용할 수 없는 문자");
    expect(await snapshot()).toEqual(before);
  });

  it.each(["1abc", "-1", "1e3", "12345678901234567890", "0x10", "%00", "1.5"])("validates the id %s (400/404, never 500)", async (id) => {
    for (const path of [`/boards/005930/posts/${id}`, `/boards/005930/posts/${id}/edit`, `/boards/${id}`, `/boards/005930/jury?page=${id}`]) {
      const res = await request(t.app).get(path);
      expect([303, 400, 404], path).toContain(res.status);
    }
  });

  it("ignores prototype-pollution keys", async () => {
    const a = agent(t.app);
    await signUp(a);
    const token = await csrfFor(a, "/boards/005930/write");
    const form = await a.post("/boards/005930/posts").type("form").send(`_csrf=${encodeURIComponent(token)}&title=proto&body=ok&__proto__[polluted]=1&constructor[prototype][polluted]=1`);
    expect(form.status).toBe(303);
    const json = await a.post("/boards/005930/posts").set("X-CSRF-Token", token).set("Content-Type", "application/json").send('{"title":"proto2","body":"ok","__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}');
    expect(json.status).toBe(303);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("never redirects to another site after sign-in (the whole family: probe.test.ts)", async () => {
    const user = await signUp(agent(t.app));
    for (const returnTo of ["//evil.example/x", "https://evil.example/", "/\\evil.example", "/.//evil.example"]) {
      const a = agent(t.app);
      const page = await a.get("/login");
      const res = await a.post("/login").type("form").send({ loginId: user.loginId, password: user.password, returnTo, _csrf: tokenFrom(page.text) });
      expect(res.status).toBe(303);
      expect(new URL(res.headers.location!, "http://jongto.test").host, returnTo).toBe("jongto.test");
    }
  });

  it("answers an unknown method on a post without touching it", async () => {
    const res = await request(t.app).delete("/boards/005930/posts/1");
    expect([303, 404]).toContain(res.status);
    expect((await t.db.post.findFirstOrThrow({ where: { number: 1 } })).deletedAt).toBeNull();
  });
});

describe("abuse limits", () => {
  let s: TestContext;
  beforeAll(async () => {
    s = await setUpTestApp({ rateLimits: DEFAULT_RATE_LIMITS });
  });

  it("limits sign-in attempts per IP and id with a Korean 429 and Retry-After", async () => {
    const a = agent(s.app);
    const page = await a.get("/login");
    const token = tokenFrom(page.text);
    const { limit } = DEFAULT_RATE_LIMITS.signInPerIpAndId;
    for (let i = 0; i < limit; i++) {
      expect((await a.post("/login").type("form").send({ _csrf: token, loginId: "victim_id", password: `guess${i}` })).status).toBe(401);
    }
    const blocked = await a.post("/login").type("form").send({ _csrf: token, loginId: "victim_id", password: "guess" });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
    expect(blocked.text).toContain("요청이 너무 많습니다.");
    expect(blocked.text).toContain('<html lang="ko">');
    // A forged X-Forwarded-For does not pick a fresh bucket (no proxy is trusted).
    const forged = await a.post("/login").set("X-Forwarded-For", "203.0.113.9").type("form").send({ _csrf: token, loginId: "victim_id", password: "guess" });
    expect(forged.status).toBe(429);
  });

  it("limits sign-ups per IP", async () => {
    const before = await s.db.user.count();
    const results = [];
    for (let i = 0; i <= DEFAULT_RATE_LIMITS.signUpPerIp.limit; i++) {
      const a = agent(s.app);
      const page = await a.get("/signup");
      results.push((await a.post("/signup").type("form").send({ _csrf: tokenFrom(page.text), loginId: `flood_${i}`, nickname: `홍수${i}`, password: "flood pass 1", agree: "on", passwordConfirm: "flood pass 1" })).status);
    }
    expect(results.slice(0, -1).every((r) => r === 303)).toBe(true);
    expect(results.at(-1)).toBe(429);
    expect(await s.db.user.count()).toBe(before + DEFAULT_RATE_LIMITS.signUpPerIp.limit);
  });

  it("limits posts, comments, votes and opinions per account per minute", async () => {
    const users = await Promise.all([0, 1].map(() => createUser(s.db, { passwordHash: null })));
    expect(users).toHaveLength(2);
    const proxied = await setUpTestApp({ rateLimits: DEFAULT_RATE_LIMITS, env: { TRUST_PROXY: "1" } });
    const a = agent(proxied.app);
    // Behind one trusted proxy the client IP is the last X-Forwarded-For entry; the forged
    // first entry changes nothing.
    await a.get("/signup").set("X-Forwarded-For", "198.51.100.1");
    await signUp(a);
    const target = await createPost(proxied);
    const path = `/boards/005930/posts/${target.number}`;
    const token = await csrfFor(a, path);
    const post = (i: number) => a.post("/boards/005930/posts").set("X-Forwarded-For", `10.0.0.${i}, 198.51.100.1`).type("form").send({ _csrf: token, title: `빠른 글 ${i}`, body: "본문" });
    for (let i = 0; i < DEFAULT_RATE_LIMITS.postsPerUser.limit; i++) expect((await post(i)).status).toBe(303);
    const before = await snapshot(proxied);
    const blocked = await post(99);
    expect(blocked.status).toBe(429);
    expect(await snapshot(proxied)).toEqual(before);

    for (let i = 0; i < DEFAULT_RATE_LIMITS.commentsPerUser.limit; i++) {
      expect((await a.post(`${path}/comments`).type("form").send({ _csrf: token, body: `댓글 ${i}` })).status).toBe(303);
    }
    const over = await a.post(`${path}/comments`).type("form").send({ _csrf: token, body: "초과" });
    expect(over.headers["retry-after"]).toBeDefined();
    expect((await backToForm(a, over, path)).text).toContain("요청이 너무 많습니다.");

    for (let i = 0; i < DEFAULT_RATE_LIMITS.votesPerUser.limit; i++) {
      expect((await a.post(`${path}/vote`).set("Accept", "application/json").set("X-CSRF-Token", token).send({ value: "up" })).status).toBe(200);
    }
    const vote = await a.post(`${path}/vote`).set("Accept", "application/json").set("X-CSRF-Token", token).send({ value: "up" });
    expect(vote.status).toBe(429);
    expect(vote.body.error.code).toBe("rate_limited");

    for (let i = 0; i < DEFAULT_RATE_LIMITS.opinionsPerUser.limit; i++) {
      expect((await a.post(`${path}/opinion`).set("Accept", "application/json").set("X-CSRF-Token", token).send({})).status).toBe(403); // not a juror
    }
    expect((await a.post(`${path}/opinion`).set("Accept", "application/json").set("X-CSRF-Token", token).send({})).status).toBe(429);
  });
});

// SQLite's lock; PostgreSQL has no database-wide write lock.
describe.skipIf(onPostgres)("a busy database", () => {
  it("answers a Korean 503 with Retry-After while another process holds the lock, then recovers", async () => {
    const b = await setUpTestApp({ env: { SQLITE_BUSY_TIMEOUT_MS: "100" } });
    const { openCtx } = await import("../../src/context.ts");
    const { createApp } = await import("../../src/app.ts");
    const { parseEnv } = await import("../../src/config/env.ts");
    const ctx = await openCtx({ DATABASE_URL: `file:${b.dbFile}`, SQLITE_BUSY_TIMEOUT_MS: 100 }, b.time.clock);
    const { db } = ctx;
    const app = createApp({ ...ctx, env: parseEnv({ NODE_ENV: "test", SESSION_SECRET: "test-secret-test-secret-test-secret-0123" }) });
    const a = agent(app);
    await signUp(a);
    const token = await csrfFor(a, "/boards/005930/write");
    await a.get("/boards/005930/jury"); // this month's jury is chosen before the lock is taken
    const other = new Database(b.dbFile);
    other.exec("BEGIN IMMEDIATE");
    const before = await db.post.count();
    const res = await a.post("/boards/005930/posts").type("form").send({ _csrf: token, title: "잠긴 동안", body: "본문" });
    expect(res.status).toBe(503);
    expect(res.headers["retry-after"]).toBe("2");
    expect(res.text).toContain("잠시 후 다시 시도해 주세요.");
    expect((await a.get("/boards/005930")).status).toBe(200); // reads go on (WAL)
    other.exec("ROLLBACK");
    other.close();
    expect(await db.post.count()).toBe(before);
    const retry = await a.post("/boards/005930/posts").type("form").send({ _csrf: token, title: "풀린 뒤", body: "본문" });
    expect(retry.status).toBe(303);
    await db.$disconnect();
  });
});
