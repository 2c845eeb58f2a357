// What an independent probe of the running board found (sqlmap and wapiti found nothing):
// each finding as the probe saw it, answered.
import { beforeAll, describe, expect, it } from "vitest";
import { agent, capturedLog, postForm, request, setUpTestApp, signIn, signUp, tokenFrom, type TestContext, backToForm } from "../helpers.ts";

let t: TestContext;
const log = capturedLog("info");
beforeAll(async () => {
  t = await setUpTestApp({ env: { TRUST_PROXY: "1" }, log: log.logger });
});

const ORIGIN = "http://jongto.test";
const staysHere = (location: string) => new URL(location, ORIGIN).origin === ORIGIN && !/^\/[/\\]/.test(location);

describe("open redirects after sign-in", () => {
  const family = [
    "/.//evil.com",
    "/./evil.com/..//evil.com",
    "/%2e//evil.com",
    "/%2E%2E//evil.com",
    "/a/..//evil.com",
    "/a/../..//evil.com/x",
    "/\\evil.com",
    "/./\\evil.com",
    "/\t/evil.com",
    "/\n/evil.com",
    "/%09/evil.com",
    "//evil.com",
    "https://evil.com",
  ];

  it("never sends a signed-in visitor of GET /login elsewhere", async () => {
    const a = agent(t.app);
    await signUp(a);
    for (const returnTo of family) {
      const res = await a.get(`/login?returnTo=${encodeURIComponent(returnTo)}`).expect(303);
      expect(staysHere(res.headers.location!), `${JSON.stringify(returnTo)} → ${res.headers.location}`).toBe(true);
    }
  });

  it("never sends a fresh sign-in elsewhere (POST /login)", async () => {
    const user = await signUp(agent(t.app));
    for (const returnTo of family) {
      const a = agent(t.app);
      const page = await a.get("/login");
      const res = await a.post("/login").type("form").send({ loginId: user.loginId, password: user.password, returnTo, _csrf: tokenFrom(page.text) }).expect(303);
      expect(staysHere(res.headers.location!), `${JSON.stringify(returnTo)} → ${res.headers.location}`).toBe(true);
    }
  });
});

describe("malformed URLs", () => {
  it("answers a broken percent-encoding with the Korean 400 page and one log line", async () => {
    const res = await request(t.app).get("/boards/%E0%A4%A").expect(400);
    expect(res.text).toContain('<html lang="ko">');
    expect(res.text).not.toContain("URIError");
    const id = res.headers["x-request-id"];
    // One warning (what was refused, no stack) beside the request's own line.
    const warnings = log.lines.filter((l) => l.requestId === id && l.level === 40);
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(warnings[0])).not.toContain("\\n    at ");
    expect(log.lines.filter((l) => l.requestId === id && l.msg === "request")).toHaveLength(1);
  });
});

describe("text that hides or turns itself around", () => {
  it("refuses bidirectional overrides and isolates in titles, bodies, comments and nicknames", async () => {
    const a = agent(t.app);
    await signUp(a);
    for (const ch of ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]) {
      const posted = await postForm(a, "/boards/005930/posts", { title: `abc${ch}gnp.exe`, body: "본문" }, "/boards/005930/write");
      expect(posted.status, JSON.stringify(ch)).toBe(400);
      expect(posted.text).toContain("글자 방향을 바꾸는");
      expect(posted.text).toContain(`abc${ch}gnp.exe`); // what the user typed is kept
      const comment = await backToForm(a, await postForm(a, "/boards/005930/posts/1/comments", { body: `댓글${ch}` }, "/boards/005930/posts/1"), "/boards/005930/posts/1");
      expect(comment.text).toContain("글자 방향을 바꾸는");
    }
    const page = await agent(t.app).get("/signup");
    const nick = await agent(t.app)
      .post("/signup")
      .set("Cookie", (page.headers["set-cookie"] as unknown as string[]).map((c) => c.split(";")[0]!))
      .type("form")
      .send({ loginId: "bidi_nick", nickname: "세자\u202e", password: "long enough pw", agree: "on", passwordConfirm: "long enough pw", _csrf: tokenFrom(page.text) });
    expect(nick.status).toBe(400);
    expect(await t.db.user.count({ where: { loginId: "bidi_nick" } })).toBe(0);
  });

  it("isolates user text next to other text in the list", async () => {
    const a = agent(t.app);
    await signUp(a);
    await postForm(a, "/boards/035420/posts", { title: "شركة نافر", body: "본문" }, "/boards/035420/write");
    const list = await request(t.app).get("/boards/035420");
    expect(list.text).toMatch(/<bdi>شركة نافر<\/bdi>/);
  });

  it("refuses a title made only of invisible characters, and a nickname of Hangul fillers", async () => {
    const a = agent(t.app);
    await signUp(a);
    for (const title of ["\u200b\u200b", "\u3164\u3164", "\ufeff \u200d", "\u2800"]) {
      const res = await postForm(a, "/boards/005930/posts", { title, body: "본문" }, "/boards/005930/write");
      expect(res.status, JSON.stringify(title)).toBe(400);
      expect(res.text).toContain("제목을 입력해 주세요.");
    }
    const page = await agent(t.app).get("/signup");
    const res = await agent(t.app)
      .post("/signup")
      .set("Cookie", (page.headers["set-cookie"] as unknown as string[]).map((c) => c.split(";")[0]!))
      .type("form")
      .send({ loginId: "filler_nick", nickname: "\u3164\u3164\u3164", password: "long enough pw", agree: "on", passwordConfirm: "long enough pw", _csrf: tokenFrom(page.text) });
    expect(res.status).toBe(400);
    expect(res.text).toContain("보이지 않는 문자");
  });
});

describe("anonymous forms", () => {
  it("store no session for GET /login and /signup, however many", async () => {
    const before = await t.db.session.count();
    for (let i = 0; i < 50; i++) {
      await request(t.app).get("/login").expect(200);
      await request(t.app).get("/signup").expect(200);
    }
    expect(await t.db.session.count()).toBe(before);
  });

  it("still refuse a sign-in without the form's token", async () => {
    const user = await signUp(agent(t.app));
    const res = await request(t.app).post("/login").type("form").send({ loginId: user.loginId, password: user.password });
    expect(res.status).toBe(403);
    const page = await request(t.app).get("/login");
    // The token alone, without its cookie twin, is not enough either.
    const noCookie = await request(t.app).post("/login").type("form").send({ loginId: user.loginId, password: user.password, _csrf: tokenFrom(page.text) });
    expect(noCookie.status).toBe(403);
  });
});

describe("guessing one account's password from many addresses", () => {
  const from = (n: number) => `198.51.100.${n}`;

  it("slows the guesser, logs the burst, and never locks the owner's own browser out", async () => {
    const owner = agent(t.app);
    const user = await signUp(owner); // this browser signed in (signing up signs in)
    const guess = async (n: number, a = agent(t.app)) => {
      const page = await a.get("/login");
      return a.post("/login").set("X-Forwarded-For", from(n)).type("form").send({ loginId: user.loginId, password: `guess-${n}`, _csrf: tokenFrom(page.text) });
    };
    for (let n = 1; n <= 5; n++) expect((await guess(n)).status).toBe(401);
    const slowed = await guess(6);
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers["retry-after"])).toBeGreaterThan(0);
    expect(slowed.text).toContain("잘못된 비밀번호가 여러 번 입력되어");
    expect(log.lines.find((l) => l.event === "sign_in_burst" && l.failures === 5)).toMatchObject({ userId: expect.any(Number), waitSeconds: expect.any(Number) });

    // A new browser with the right password waits too: it could be the guesser.
    const stranger = await signIn(agent(t.app), user.loginId, user.password);
    expect(stranger.status).toBe(429);
    // The owner's browser, which signed in before, gets in at once.
    await postForm(owner, "/logout");
    const back = await signIn(owner, user.loginId, user.password);
    expect(back.status).toBe(303);
    // …and the count starts over.
    expect((await t.db.user.findUniqueOrThrow({ where: { loginId: user.loginId } })).failedSignIns).toBe(0);
    expect((await guess(7)).status).toBe(401);
  });

  it("waits longer after each further wrong password, up to a cap", async () => {
    const { waitAfterFailures, MAX_WAIT_SECONDS } = await import("../../src/modules/accounts/sign-in-throttle.rules.ts");
    expect(waitAfterFailures(4)).toBe(0);
    expect(waitAfterFailures(5)).toBeGreaterThan(0);
    expect(waitAfterFailures(6)).toBe(2 * waitAfterFailures(5));
    expect(waitAfterFailures(100)).toBe(MAX_WAIT_SECONDS);
  });
});

describe("signed-in pages and JSON", () => {
  it("tell every cache not to store a signed-in page", async () => {
    const a = agent(t.app);
    await signUp(a);
    for (const path of ["/", "/boards/005930", "/boards/005930/posts/1", "/account/security"]) {
      expect((await a.get(path)).headers["cache-control"], path).toBe("no-store");
    }
  });

  it("answer a JSON array where an object belongs in Korean", async () => {
    const a = agent(t.app);
    await signUp(a);
    const token = tokenFrom((await a.get("/boards/005930/posts/1")).text);
    for (const path of ["/boards/005930/posts/1/comments", "/boards/005930/posts/1/vote"]) {
      const res = await a.post(path).set("Accept", "application/json").set("X-CSRF-Token", token).send([1, 2]);
      expect(res.status, path).toBe(400);
      expect(res.body.error.message, path).toBe("요청 형식이 올바르지 않습니다. 입력 내용을 확인해 주세요.");
    }
  });
});
