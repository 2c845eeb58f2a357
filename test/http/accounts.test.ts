import { beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/app.ts";
import { parseEnv } from "../../src/config/env.ts";
import { SEED_AUTHOR_LOGIN_ID } from "../../src/modules/boards/seed.service.ts";
import { agent, postForm, request, setUpTestApp, signIn, signUp, tokenFrom, type TestContext } from "../helpers.ts";

let t: TestContext;
beforeAll(async () => {
  t = await setUpTestApp();
});

const cookieOf = (res: { headers: Record<string, unknown> }) => {
  const set = res.headers["set-cookie"] as string[] | undefined;
  return set?.find((c) => c.startsWith("jongto.sid="))?.split(";")[0];
};

describe("reading anonymously", () => {
  it("does no session work at all: no store call, no session object", async () => {
    const { DbSessionStore } = await import("../../src/http/session-store.ts");
    const get = vi.spyOn(DbSessionStore.prototype, "get");
    const set = vi.spyOn(DbSessionStore.prototype, "set");
    for (const path of ["/", "/boards/005930", "/boards/005930/posts/1", "/boards/005930/jury", "/login"]) {
      await request(t.app).get(path).expect(200);
    }
    expect(get).not.toHaveBeenCalled();
    expect(set).not.toHaveBeenCalled();
    get.mockRestore();
    set.mockRestore();
  });

  it("creates no session and sets no cookie", async () => {
    const before = await t.db.session.count();
    for (const path of ["/", "/boards/005930", "/boards/005930/posts/1", "/boards/005930?field=title&q=AI"]) {
      const res = await request(t.app).get(path).expect(200);
      expect(res.headers["set-cookie"], path).toBeUndefined();
    }
    expect(await t.db.session.count()).toBe(before);
  });
});

describe("sign-up", () => {
  it("creates the account, signs in and records the sign-in", async () => {
    const a = agent(t.app);
    const user = await signUp(a, { loginId: "newbie_01", nickname: "새내기" });
    const home = await a.get("/").expect(200);
    expect(home.text).toContain("<strong><bdi>새내기</bdi></strong>님");
    const row = await t.db.user.findUniqueOrThrow({ where: { loginId: user.loginId } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await t.db.loginEvent.count({ where: { userId: row.id } })).toBe(1);
  });

  it.each([
    [{ loginId: "ab" }, "아이디는 영문 소문자, 숫자, _ 로 4~20자여야 합니다."],
    [{ loginId: "UPPER_case" }, "아이디는 영문 소문자, 숫자, _ 로 4~20자여야 합니다."],
    [{ nickname: "가" }, "닉네임은 2~12자로 입력해 주세요."],
    [{ nickname: "<b>굵게</b>" }, "닉네임에는 한글, 영문, 숫자"],
    [{ password: "short", agree: "on", passwordConfirm: "short" }, "비밀번호는 8자 이상이어야 합니다."],
    [{ agree: "on", passwordConfirm: "something else" }, "비밀번호가 서로 다릅니다."],
  ])("refuses %j with a Korean message and keeps the input", async (override, message) => {
    const a = agent(t.app);
    const page = await a.get("/signup");
    const fields = { loginId: "valid_id9", nickname: "정상닉네임", password: "long enough pw", agree: "on", passwordConfirm: "long enough pw", ...override };
    const res = await a.post("/signup").type("form").send({ ...fields, _csrf: tokenFrom(page.text) }).expect(400);
    expect(res.text).toContain(message);
    expect(res.text).toContain(`value="${fields.loginId.replace(/</g, "&lt;").replace(/>/g, "&gt;")}"`);
    expect(res.text).not.toContain("long enough pw");
    expect(await t.db.user.count({ where: { loginId: fields.loginId } })).toBe(0);
  });

  it("refuses a taken login id or nickname", async () => {
    await signUp(agent(t.app), { loginId: "taken_id", nickname: "선점닉" });
    const a = agent(t.app);
    const page = await a.get("/signup");
    const base = { password: "long enough pw", agree: "on", passwordConfirm: "long enough pw", _csrf: tokenFrom(page.text) };
    const id = await a.post("/signup").type("form").send({ ...base, loginId: "taken_id", nickname: "다른닉" }).expect(400);
    expect(id.text).toContain("이미 사용 중인 아이디입니다.");
    const nick = await a.post("/signup").type("form").send({ ...base, loginId: "other_id", nickname: "선점닉" }).expect(400);
    expect(nick.text).toContain("이미 사용 중인 닉네임입니다.");
  });

  it("accepts a 64-character Unicode passphrase and refuses a huge one quickly", async () => {
    const a = agent(t.app);
    const long = "비밀번호🔐".repeat(13).slice(0, 64);
    const user = await signUp(a, { password: long });
    const b = agent(t.app);
    await signIn(b, user.loginId, long).then((r) => expect(r.status).toBe(303));
    // The same passphrase cut by one character must not work: nothing is truncated.
    const c = agent(t.app);
    expect((await signIn(c, user.loginId, long.slice(0, -1))).status).toBe(401);

    const d = agent(t.app);
    const page = await d.get("/signup");
    const huge = "x".repeat(100_000);
    const res = await d
      .post("/signup")
      .type("form")
      .send({ loginId: "huge_pw", nickname: "큰비번", password: huge, agree: "on", passwordConfirm: huge, _csrf: tokenFrom(page.text) });
    expect(res.status).toBe(400);
    expect(res.text).toContain("비밀번호는 256자 이하로 입력해 주세요.");
    // Refused by the cheap length bound, before any counting or hashing.
    const { passwordField } = await import("../../src/modules/accounts/accounts.fields.ts");
    const segment = vi.spyOn(Intl.Segmenter.prototype, "segment");
    expect(passwordField.safeParse(huge).success).toBe(false);
    expect(segment).not.toHaveBeenCalled();
    segment.mockRestore();
    expect(await t.db.user.count({ where: { loginId: "huge_pw" } })).toBe(0);
  });

  it("ignores fields that are not part of the form", async () => {
    const a = agent(t.app);
    const page = await a.get("/signup");
    await a
      .post("/signup")
      .type("form")
      .send({ loginId: "sneaky_1", nickname: "몰래", password: "long enough pw", agree: "on", passwordConfirm: "long enough pw", passwordHash: "x", id: "1", _csrf: tokenFrom(page.text) })
      .expect(303);
    const row = await t.db.user.findUniqueOrThrow({ where: { loginId: "sneaky_1" } });
    expect(row.passwordHash).not.toBe("x");
    expect(row.id).not.toBe(1);
  });
});

describe("sign-in", () => {
  let user: { loginId: string; password: string };
  beforeAll(async () => {
    user = await signUp(agent(t.app));
  });

  it("says the same thing for a wrong password and an unknown id", async () => {
    const wrong = await signIn(agent(t.app), user.loginId, "not the password");
    const unknown = await signIn(agent(t.app), "nobody_here", "not the password");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.text).toContain("아이디 또는 비밀번호가 올바르지 않습니다.");
    expect(unknown.text).toContain("아이디 또는 비밀번호가 올바르지 않습니다.");
    expect(wrong.text).toContain(`value="${user.loginId}"`);
  });

  it("answers an impossible id (NUL, control characters, too long) like any failed sign-in", async () => {
    for (const loginId of ["ab\u0000cd", "a\u0007b", "x".repeat(99), "대문자ID"]) {
      const res = await signIn(agent(t.app), loginId, "whatever pass");
      expect(res.status, JSON.stringify(loginId)).toBe(401);
      expect(res.text).toContain("아이디 또는 비밀번호가 올바르지 않습니다.");
    }
  });

  it("never lets the seed author 세자 in", async () => {
    for (const password of ["", "password", "세자세자세자세자"]) {
      const res = await signIn(agent(t.app), SEED_AUTHOR_LOGIN_ID, password);
      expect(res.status).toBe(401);
    }
  });

  it("changes the session id at sign-in; the old cookie is anonymous afterwards", async () => {
    const a = agent(t.app);
    const page = await a.get("/login");
    const token = tokenFrom(page.text);
    const first = await a.post("/login").type("form").send({ loginId: user.loginId, password: user.password, _csrf: token }).expect(303);
    const before = cookieOf(first)!;
    expect(before).toBeTruthy();
    // Signing in over a live session (a planted cookie, say) gives a new session id.
    const res = await a.post("/login").type("form").send({ loginId: user.loginId, password: user.password, _csrf: token }).expect(303);
    const after = cookieOf(res)!;
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);
    const old = await request(t.app).get("/").set("Cookie", before).expect(200);
    expect(old.text).toContain(">로그인</a>");
    const fresh = await request(t.app).get("/").set("Cookie", after).expect(200);
    expect(fresh.text).not.toContain(">로그인</a>");
  });

  it("returns only to local paths", async () => {
    const cases: [string, string][] = [
      ["/boards/005930/posts/1", "/boards/005930/posts/1"],
      ["//evil.com", "/"],
      ["/\\evil.com", "/"],
      ["https:evil.com", "/"],
      ["https://evil.com/x", "/"],
      ["javascript:alert(1)", "/"],
    ];
    for (const [returnTo, expected] of cases) {
      const a = agent(t.app);
      const page = await a.get("/login");
      const res = await a
        .post("/login")
        .type("form")
        .send({ loginId: user.loginId, password: user.password, returnTo, _csrf: tokenFrom(page.text) })
        .expect(303);
      expect(res.headers.location, returnTo).toBe(expected);
    }
  });

  it("signs out with POST only", async () => {
    const a = agent(t.app);
    await signIn(a, user.loginId, user.password);
    await a.get("/logout").expect(404);
    const res = await postForm(a, "/logout");
    expect(res.status).toBe(303);
    const home = await a.get("/");
    expect(home.text).toContain(">로그인</a>");
  });

  it("keeps a signed-in user signed in across a server restart", async () => {
    const a = agent(t.app);
    const cookie = cookieOf(await signIn(a, user.loginId, user.password))!;
    const env = parseEnv({ NODE_ENV: "test", DATABASE_URL: t.url, SESSION_SECRET: "test-secret-test-secret-test-secret-0123" });
    const restarted = createApp({ ...t, env });
    const res = await request(restarted).get("/account/security").set("Cookie", cookie).expect(200);
    expect(res.text).toContain("최근 로그인 기록");
  });
});

describe("the session's idle lifetime", () => {
  const expiresOf = (res: { headers: Record<string, unknown> }) =>
    new Date(/Expires=([^;]+)/.exec((res.headers["set-cookie"] as string[]).find((c) => c.startsWith("jongto.sid="))!)![1]!).getTime();

  it("slides in hour steps: a page view within the hour sends no cookie and writes nothing; after it, both", async () => {
    const user = await signUp(agent(t.app));
    const a = agent(t.app);
    const first = expiresOf(await signIn(a, user.loginId, user.password));
    await a.get("/").expect(200); // the first page takes the welcome message and makes a CSRF token: a save
    const sid = await t.db.session.findFirstOrThrow({ where: { user: { loginId: user.loginId } }, orderBy: { expiresAt: "desc" } });
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 30 * 60 * 1000 });
    try {
      const soon = await a.get("/boards/005930").expect(200);
      expect(soon.headers["set-cookie"]).toBeUndefined();
      expect((await t.db.session.findUniqueOrThrow({ where: { sid: sid.sid } })).expiresAt).toEqual(sid.expiresAt);

      vi.setSystemTime(Date.now() + 60 * 60 * 1000); // 90 minutes after sign-in
      const later = await a.get("/boards/005930").expect(200);
      expect(expiresOf(later) - first).toBeGreaterThanOrEqual(89 * 60 * 1000);
      const row = await t.db.session.findUniqueOrThrow({ where: { sid: sid.sid } });
      expect(Math.abs(row.expiresAt.getTime() - expiresOf(later))).toBeLessThan(1000); // the cookie has whole seconds
      expect((await a.get("/boards/005930").expect(200)).headers["set-cookie"]).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("the account-safety page", () => {
  it("needs sign-in", async () => {
    const res = await request(t.app).get("/account/security").expect(303);
    expect(res.headers.location).toBe("/login?returnTo=%2Faccount%2Fsecurity&required=1");
  });

  it("lists recent sign-ins with time, IP and browser", async () => {
    const a = agent(t.app);
    const user = await signUp(a);
    const b = agent(t.app);
    await b.get("/login");
    const page = await b.get("/login");
    await b
      .post("/login")
      .set("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36")
      .type("form")
      .send({ loginId: user.loginId, password: user.password, _csrf: tokenFrom(page.text) })
      .expect(303);
    const res = await a.get("/account/security").expect(200);
    expect(res.text).toContain("Chrome · Windows");
    expect(res.text).toMatch(/<td class="date" data-label="시간">\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}<\/td><td data-label="IP">[0-9a-f.:]+<\/td>/);
    expect(res.text).toContain("<strong>1</strong>곳");
  });

  it("changes the password with the current one, ending the other sessions", async () => {
    const a = agent(t.app);
    const user = await signUp(a);
    const other = agent(t.app);
    await signIn(other, user.loginId, user.password);
    expect((await other.get("/account/security")).status).toBe(200);

    const wrong = await postForm(a, "/account/password", { currentPassword: "wrong password", newPassword: "brand new pass", newPasswordConfirm: "brand new pass" });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain("현재 비밀번호가 올바르지 않습니다.");

    const ok = await postForm(a, "/account/password", { currentPassword: user.password, newPassword: "brand new pass", newPasswordConfirm: "brand new pass" });
    expect(ok.status).toBe(303);
    expect((await a.get("/account/security")).text).toContain("다른 기기 1곳에서 로그아웃했습니다.");
    expect((await other.get("/account/security")).status).toBe(303); // signed out
    expect((await signIn(agent(t.app), user.loginId, user.password)).status).toBe(401);
    expect((await signIn(agent(t.app), user.loginId, "brand new pass")).status).toBe(303);
  });

  it("signs out everywhere else", async () => {
    const a = agent(t.app);
    const user = await signUp(a);
    const b = agent(t.app);
    await signIn(b, user.loginId, user.password);
    const res = await postForm(a, "/account/sessions/others", {});
    expect(res.status).toBe(303);
    expect((await b.get("/account/security")).status).toBe(303);
    expect((await a.get("/account/security")).status).toBe(200);
  });
});
