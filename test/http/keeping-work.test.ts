// Never lose what a person typed: a limit, an ended session, a double click and a signed-out
// 추천 each come back with the work kept (issue 31, items 1–5).
import { beforeAll, describe, expect, it } from "vitest";
import { createPost } from "../factories.ts";
import { agent, backToForm, csrfFor, postForm, request, setUpTestApp, signedUpMember, tokenFrom, type TestContext } from "../helpers.ts";
import { DEFAULT_RATE_LIMITS } from "../../src/http/rate-limit.ts";

let t: TestContext;
beforeAll(async () => {
  t = await setUpTestApp();
});

const WRITE = "/boards/005930/write";
const hidden = (html: string, name: string) => new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html)?.[1];

describe("the per-minute limit", () => {
  it("brings the post form back with the text, the wait and nothing written", async () => {
    const s = await setUpTestApp({ rateLimits: DEFAULT_RATE_LIMITS });
    const m = await signedUpMember(s);
    const token = await csrfFor(m.a, WRITE);
    const send = (title: string) => m.a.post("/boards/005930/posts").type("form").send({ _csrf: token, title, body: "급하게 쓴 본문" });
    for (let i = 0; i < DEFAULT_RATE_LIMITS.postsPerUser.limit; i++) expect((await send(`글 ${i}`)).status).toBe(303);
    const before = await s.db.post.count();
    const refused = await send("여섯 번째 제목");
    expect(refused.status).toBe(429);
    expect(refused.headers["retry-after"]).toMatch(/^\d+$/);
    expect(refused.text).toContain("요청이 너무 많습니다.");
    expect(refused.text).toContain('value="여섯 번째 제목"');
    expect(refused.text).toContain("급하게 쓴 본문</textarea>");
    expect(refused.text).toContain('<form method="post" action="/boards/005930/posts"');
    expect(await s.db.post.count()).toBe(before);
  });

  it("brings a comment back to the post page with its text", async () => {
    const s = await setUpTestApp({ rateLimits: DEFAULT_RATE_LIMITS });
    const m = await signedUpMember(s);
    const path = "/boards/005930/posts/1";
    const token = await csrfFor(m.a, path);
    for (let i = 0; i < DEFAULT_RATE_LIMITS.commentsPerUser.limit; i++) {
      expect((await m.a.post(`${path}/comments`).type("form").send({ _csrf: token, body: `댓글 ${i}` })).status).toBe(303);
    }
    const before = await s.db.comment.count();
    const over = await m.a.post(`${path}/comments`).type("form").send({ _csrf: token, body: "한도를 넘긴 댓글" });
    expect(await s.db.comment.count()).toBe(before);
    const page = await backToForm(m.a, over, path);
    expect(page.text).toContain("요청이 너무 많습니다.");
    expect(page.text).toContain(">한도를 넘긴 댓글</textarea>");
  });
});

describe("a session that ended while writing", () => {
  it("signs the writer in again and returns them to the form with the post they typed", async () => {
    const m = await signedUpMember(t);
    const token = await csrfFor(m.a, WRITE);
    await t.db.session.deleteMany({ where: {} }); // the session ends (expired, signed out elsewhere)
    const before = await t.db.post.count();
    const sent = await m.a
      .post("/boards/005930/posts")
      .set("Host", "jongto.test")
      .set("Referer", `http://jongto.test${WRITE}`)
      .type("form")
      .send({ _csrf: token, title: "오래 쓴 제목", body: "한 시간 동안 쓴\n긴 본문" });
    expect(sent.status).toBe(401);
    expect(sent.text).toContain("로그인이 끝나 등록하지 못했습니다.");
    expect(hidden(sent.text, "carry_title")).toBe("오래 쓴 제목");
    expect(hidden(sent.text, "carry_body")).toBe("한 시간 동안 쓴\n긴 본문");
    expect(hidden(sent.text, "returnTo")).toBe(WRITE);
    expect(await t.db.post.count()).toBe(before);

    const signedIn = await m.a
      .post("/login")
      .type("form")
      .send({ _csrf: tokenFrom(sent.text), loginId: m.loginId, password: m.password, returnTo: WRITE, carry_title: "오래 쓴 제목", carry_body: "한 시간 동안 쓴\n긴 본문" });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe(WRITE);
    const form = await m.a.get(WRITE).expect(200);
    expect(form.text).toContain('value="오래 쓴 제목"');
    expect(form.text).toContain("한 시간 동안 쓴\n긴 본문</textarea>");
    expect(form.text).toContain("쓰던 내용을 그대로 두었습니다.");
    expect(await t.db.post.count()).toBe(before); // nothing is posted until they press 등록
    // Taken once.
    expect((await m.a.get(WRITE)).text).not.toContain("오래 쓴 제목");
  });

  it("keeps a comment's text through a wrong password too", async () => {
    const m = await signedUpMember(t);
    const path = "/boards/005930/posts/1";
    const token = await csrfFor(m.a, path);
    await t.db.session.deleteMany({ where: {} });
    const sent = await m.a.post(`${path}/comments`).set("Host", "jongto.test").set("Referer", `http://jongto.test${path}`).type("form").send({ _csrf: token, body: "날아갈 뻔한 댓글" });
    expect(sent.status).toBe(401);
    const wrong = await m.a
      .post("/login")
      .type("form")
      .send({ _csrf: tokenFrom(sent.text), loginId: m.loginId, password: "wrong password!", returnTo: path, carry_body: "날아갈 뻔한 댓글" });
    expect(wrong.status).toBe(401);
    expect(hidden(wrong.text, "carry_body")).toBe("날아갈 뻔한 댓글");
    const signedIn = await m.a
      .post("/login")
      .type("form")
      .send({ _csrf: tokenFrom(wrong.text), loginId: m.loginId, password: m.password, returnTo: path, carry_body: "날아갈 뻔한 댓글" });
    expect(signedIn.headers.location).toBe(path);
    const page = await m.a.get(path).expect(200);
    expect(page.text).toContain(">날아갈 뻔한 댓글</textarea>");
  });

  it("carries nothing for a request from another site", async () => {
    const sent = await request(t.app)
      .post("/boards/005930/posts")
      .set("Origin", "https://evil.example")
      .set("Referer", `https://evil.example${WRITE}`)
      .type("form")
      .send({ title: "심어 둔 제목", body: "심어 둔 본문" });
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toMatch(/^\/login/);
    expect(sent.text).not.toContain("심어 둔");
  });
});

describe("a second press of 등록", () => {
  it("answers the same post sent twice with the first, writing one", async () => {
    const m = await signedUpMember(t);
    const token = await csrfFor(m.a, WRITE);
    const send = () => m.a.post("/boards/005930/posts").type("form").send({ _csrf: token, title: "두 번 누른 글", body: "같은 본문" });
    const first = await send();
    const second = await send();
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(second.headers.location).toBe(first.headers.location);
    expect(await t.db.post.count({ where: { title: "두 번 누른 글" } })).toBe(1);
    expect((await m.a.get(second.headers.location!)).text).toContain("이미 올린 글입니다.");
    // Later than moments, the same post is the flood rule's refusal, as before.
    t.time.advance(3 * 60 * 1000);
    const later = await send();
    expect(later.status).toBe(409);
    expect(later.text).toContain("같은 제목과 내용의 글을 24시간 안에 다시 올릴 수 없습니다.");
  });

  it("answers the same comment sent twice with the first, in the page and in JSON", async () => {
    const m = await signedUpMember(t);
    const post = await createPost(t);
    const path = `/boards/005930/posts/${post.number}`;
    const token = await csrfFor(m.a, path);
    const first = await m.a.post(`${path}/comments`).type("form").send({ _csrf: token, body: "한 번만 달릴 댓글" });
    const second = await m.a.post(`${path}/comments`).type("form").send({ _csrf: token, body: "한 번만 달릴 댓글" });
    expect(second.headers.location).toBe(first.headers.location);
    const json = await m.a.post(`${path}/comments`).set("Accept", "application/json").set("X-CSRF-Token", token).send({ body: "한 번만 달릴 댓글" });
    expect(json.status).toBe(200);
    expect(json.body.repeated).toBe(true);
    expect(await t.db.comment.count({ where: { postId: post.id } })).toBe(1);
    expect((await t.db.post.findUniqueOrThrow({ where: { id: post.id } })).commentCount).toBe(1);
  });
});

describe("a signed-out 추천", () => {
  it("says why, and casts the vote with the sign-in that follows", async () => {
    const m = await signedUpMember(t);
    const post = await createPost(t);
    const path = `/boards/005930/posts/${post.number}`;
    const reader = agent(t.app);
    const pressed = await reader.post(`${path}/vote`).type("form").send({ value: "up" });
    expect(pressed.status).toBe(401);
    expect(pressed.text).toContain("로그인 후 추천할 수 있습니다.");
    expect(hidden(pressed.text, "carry_vote")).toBe("up");
    expect(await t.db.vote.count({ where: { postId: post.id } })).toBe(0);

    const signedIn = await reader
      .post("/login")
      .type("form")
      .send({ _csrf: tokenFrom(pressed.text), loginId: m.loginId, password: m.password, returnTo: path, carry_vote: "up" });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe(`${path}#votes`);
    const vote = await t.db.vote.findFirstOrThrow({ where: { postId: post.id } });
    expect([vote.userId, vote.value]).toEqual([m.id, "UP"]);
    expect((await t.db.post.findUniqueOrThrow({ where: { id: post.id } })).upCount).toBe(1);
    expect((await reader.get(path)).text).toContain("로그인했습니다. 추천했습니다.");
  });

  it("needs the sign-in form's own check: a forged sign-in casts nothing", async () => {
    const m = await signedUpMember(t);
    const post = await createPost(t);
    const path = `/boards/005930/posts/${post.number}`;
    const forged = await request(t.app).post("/login").type("form").send({ loginId: m.loginId, password: m.password, returnTo: path, carry_vote: "down" });
    expect(forged.status).toBe(403);
    expect(await t.db.vote.count({ where: { postId: post.id } })).toBe(0);
  });

  it("says the refusal when the vote cannot be cast (one's own post)", async () => {
    const m = await signedUpMember(t);
    const own = await createPost(t, { authorId: m.id });
    const path = `/boards/005930/posts/${own.number}`;
    const reader = agent(t.app);
    const pressed = await reader.post(`${path}/vote`).type("form").send({ value: "down" });
    expect(pressed.text).toContain("로그인 후 반대할 수 있습니다.");
    await reader.post("/login").type("form").send({ _csrf: tokenFrom(pressed.text), loginId: m.loginId, password: m.password, returnTo: path, carry_vote: "down" });
    expect(await t.db.vote.count({ where: { postId: own.id } })).toBe(0);
    expect((await reader.get(path)).text).toContain("반대하지 못했습니다: 내가 쓴 글에는 추천/반대할 수 없습니다.");
  });
});

describe("a refused comment without JavaScript", () => {
  it("lands on the post page, an address that can be reloaded", async () => {
    const m = await signedUpMember(t);
    const path = "/boards/005930/posts/1";
    const res = await postForm(m.a, `${path}/comments`, { body: "가".repeat(1001) }, path);
    expect(res.headers.location).toBe(path);
    const page = await backToForm(m.a, res, path);
    expect(page.text).toContain("댓글은 1,000자 이내로 입력해 주세요.");
    // A reload is an ordinary view of the post.
    const reload = await m.a.get(path).expect(200);
    expect(reload.text).not.toContain("1,000자 이내로 입력해 주세요.");
  });
});

describe("a wrong password", () => {
  it("is said once, not under every field", async () => {
    const m = await signedUpMember(t);
    const reader = agent(t.app);
    const form = await reader.get("/login");
    const res = await reader.post("/login").type("form").send({ _csrf: tokenFrom(form.text), loginId: m.loginId, password: "not the password" });
    expect(res.status).toBe(401);
    expect(res.text.split("아이디 또는 비밀번호가 올바르지 않습니다.").length - 1).toBe(1);
    expect(res.text).not.toContain('class="field-error"');
  });
});

describe("pages that say where to go", () => {
  it("offers the board's list on a missing post's 404, and a way back from an empty page", async () => {
    const missing = await request(t.app).get("/boards/005930/posts/999999");
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('<a class="button button--primary" href="/boards/005930"><span><bdi>삼성전자</bdi> 목록으로</span></a>');
    const nowhere = await request(t.app).get("/nowhere");
    expect(nowhere.status).toBe(404);
    expect(nowhere.text).not.toContain("목록으로");
    const empty = await request(t.app).get("/boards/005930?page=999");
    expect(empty.status).toBe(200);
    expect(empty.text).toContain("999페이지에는 글이 없습니다. 이 목록은 1페이지까지 있습니다.");
    expect(empty.text).toContain('<a href="/boards/005930">마지막 페이지로</a>');
  });

  it("says why a page sends a signed-out visitor to sign in", async () => {
    const res = await request(t.app).get("/account/security");
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/login?returnTo=%2Faccount%2Fsecurity&required=1");
    const page = await request(t.app).get(res.headers.location!).expect(200);
    expect(page.text).toContain("계정 보안에서는 내 계정의 최근 로그인 기록을 확인하고 비밀번호를 바꿀 수 있습니다. 먼저 로그인해 주세요.");
    // The header's own 로그인 link says nothing of the kind.
    expect((await request(t.app).get("/login?returnTo=%2F")).text).not.toContain("먼저 로그인해 주세요.");
  });

  it("calls the account page 계정 보안 in the menu, the title and the heading", async () => {
    const m = await signedUpMember(t);
    const page = await m.a.get("/account/security").expect(200);
    expect(page.text).toContain("<title>계정 보안");
    expect(page.text).toContain('<h1 class="page-title">계정 보안</h1>');
    expect(page.text).toContain(">계정 보안</a></li>");
  });
});

describe("the 종목 search on every page", () => {
  it("sits in the header of a board, a post and an account page, and not twice on the home page", async () => {
    const m = await signedUpMember(t);
    for (const path of ["/boards/005930", "/boards/005930/posts/1", "/account/security", "/nowhere"]) {
      const res = await m.a.get(path);
      expect(res.text, path).toContain('<form class="stock-search stock-search--compact" method="get" action="/boards" role="search" aria-label="종목 검색" data-stock-search>');
      expect(res.text.match(/data-stock-search/g), path).toHaveLength(1);
    }
    const home = await request(t.app).get("/").expect(200);
    expect(home.text.match(/data-stock-search/g)).toHaveLength(1);
    expect(home.text).not.toContain("stock-search--compact");
  });

  it("opens the board when 찾기 finds exactly one", async () => {
    const one = await request(t.app).get(`/boards?q=${encodeURIComponent("ㅅㅅㅈㅈ")}`);
    expect(one.status).toBe(303);
    expect(one.headers.location).toBe("/boards/005930");
  });
});
