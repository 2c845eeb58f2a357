// What the pages say and offer beyond the seed page (issue: looks and works like a Korean stock
// board): times as Korean boards show them, the post page's neighbours, tombstones out of the
// list, deletion that asks first, all sign-up errors at once, 로그인 상태 유지, messages after
// each action, and the metadata crawlers and link previews read.
import { beforeAll, describe, expect, it } from "vitest";
import { createComment, createPost, createUser } from "../factories.ts";
import { agent, backToForm, postForm, request, setUpTestApp, signIn, signUp, signedUpMember, type TestContext } from "../helpers.ts";

let t: TestContext;
beforeAll(async () => {
  t = await setUpTestApp();
});

describe("times", () => {
  it("shows today's posts by time and older ones by date, the full time in the tooltip", async () => {
    t.time.set("2026-11-28T05:05:00Z"); // 14:05 KST
    const today = await createPost(t, { title: "오늘 글", createdAt: new Date("2026-11-28T05:00:00Z") });
    const list = (await request(t.app).get("/boards/005930").expect(200)).text;
    expect(list).toContain('<time datetime="2026-11-28T05:00:00.000Z" title="2026/11/28 14:00">14:00</time>');
    expect(list).toContain('<time datetime="2024-01-22T11:54:00.000Z" title="2024/01/22 20:54">2024.01.22</time>');
    t.time.set("2026-11-28T15:01:00Z"); // 00:01 KST the next day
    const tomorrow = (await request(t.app).get("/boards/005930").expect(200)).text;
    expect(tomorrow).toContain('title="2026/11/28 14:00">2026.11.28</time>');
    expect(today.number).toBeGreaterThan(1);
  });
});

describe("the post page", () => {
  it("names the neighbouring posts and lists the page of the list it is on", async () => {
    const author = await createUser(t.db);
    const posts = [];
    for (let i = 0; i < 3; i++) posts.push(await createPost(t, { authorId: author.id, title: `이웃 글 ${i}` }));
    const [first, middle, last] = posts as [typeof posts[0], typeof posts[0], typeof posts[0]];
    const page = (await request(t.app).get(`/boards/005930/posts/${middle.number}`).expect(200)).text;
    expect(page).toMatch(new RegExp(`다음글</span><a href="/boards/005930/posts/${last.number}" rel="next"><bdi>이웃 글 2</bdi>`));
    expect(page).toMatch(new RegExp(`이전글</span><a href="/boards/005930/posts/${first.number}" rel="prev"><bdi>이웃 글 0</bdi>`));
    expect(page).toContain(`<a class="post-link" href="/boards/005930/posts/${middle.number}" title="이웃 글 1" aria-current="page">`);
    expect(page).toContain("삼성전자 종목토론 1페이지");
  });

  it("carries a description, link-preview tags and a title with the stock's name", async () => {
    const post = await createPost(t, { title: "미리보기 제목", body: "첫 줄입니다.\n둘째 줄 <b>굵게</b>" });
    const page = (await request(t.app).get(`/boards/005930/posts/${post.number}`).expect(200)).text;
    expect(page).toContain("<title>미리보기 제목 : 삼성전자 : jongto 종목토론실</title>");
    expect(page).toContain('<meta name="description" content="삼성전자 종목토론: 첫 줄입니다. 둘째 줄 &lt;b&gt;굵게&lt;/b&gt;">');
    expect(page).toContain('<meta property="og:title" content="미리보기 제목 : 삼성전자 종목토론">');
    expect(page).toContain('<meta name="twitter:card" content="summary">');
    expect(page).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml">');
  });

  it("shows a blinded post's text nowhere in its metadata", async () => {
    const post = await createPost(t, { title: "가려질 제목", body: "가려질 본문" });
    await t.db.post.update({ where: { id: post.id }, data: { blindedAt: new Date() } });
    const page = (await request(t.app).get(`/boards/005930/posts/${post.number}`).expect(200)).text;
    expect(page).not.toContain("가려질");
    expect(page).toContain("블라인드 기록 보기");
    expect(page).not.toContain("og:title");
  });
});

describe("deleted posts", () => {
  it("leave the list, while every other post stays on its page", async () => {
    const s = await setUpTestApp();
    const author = await createUser(s.db);
    const posts = [];
    for (let i = 0; i < 25; i++) posts.push(await createPost(s, { authorId: author.id, title: `글 ${i + 2}` }));
    const before = (await request(s.app).get("/boards/005930?page=2").expect(200)).text;
    await s.db.post.update({ where: { id: posts[24]!.id }, data: { deletedAt: new Date() } }); // the newest
    const page1 = (await request(s.app).get("/boards/005930").expect(200)).text;
    expect(page1).not.toContain(`/posts/${posts[24]!.number}"`);
    expect(page1).not.toContain("삭제된 게시글입니다.");
    expect((page1.match(/class="post-link"/g) ?? []).length).toBe(19);
    // Page 2 shows the same posts as before: pages are ranges of post numbers.
    const after = (await request(s.app).get("/boards/005930?page=2").expect(200)).text;
    const numbers = (html: string) => [...html.matchAll(/class="post-link" href="\/boards\/005930\/posts\/(\d+)"/g)].map((m) => m[1]);
    expect(numbers(after)).toEqual(numbers(before));
    // The home page shows the newest post that is not deleted.
    expect((await request(s.app).get("/").expect(200)).text).toContain(`href="/boards/005930/posts/${posts[23]!.number}"`);
  });
});

describe("deleting asks first", () => {
  it("shows a confirmation page for one's own post and comment, and refuses others'", async () => {
    const owner = await signedUpMember(t);
    const other = await signedUpMember(t);
    const post = await createPost(t, { authorId: owner.id, title: "지울까 말까" });
    const comment = await createComment(t.db, post.id, owner.id, "지울 댓글");
    const path = `/boards/005930/posts/${post.number}`;
    const page = await owner.a.get(`${path}/delete`).expect(200);
    expect(page.text).toContain("이 글을 삭제할까요?");
    expect(page.text).toContain(`<form method="post" action="${path}/delete"`);
    expect(page.headers["cache-control"]).toContain("no-store");
    const commentPage = await owner.a.get(`${path}/comments/${comment.id}/delete`).expect(200);
    expect(commentPage.text).toContain("이 댓글을 삭제할까요?");
    expect(commentPage.text).toContain("지울 댓글");
    await other.a.get(`${path}/delete`).expect(403);
    await other.a.get(`${path}/comments/${comment.id}/delete`).expect(403);
    await owner.a.get(`${path}/comments/999999/delete`).expect(404);
    const anonymous = await request(t.app).get(`${path}/delete`).expect(303);
    expect(anonymous.headers.location).toContain("/login");
    // Asking changed nothing.
    expect((await t.db.post.findUniqueOrThrow({ where: { id: post.id } })).deletedAt).toBeNull();
    // The post page links to the page rather than posting at once.
    expect((await owner.a.get(path)).text).toContain(`<a class="button" href="${path}/delete" data-confirm=`);
  });
});

describe("sign-up", () => {
  it("reports a taken nickname together with the other mistakes, and focuses the first field", async () => {
    const existing = await signUp(agent(t.app));
    const a = agent(t.app);
    const res = await postForm(a, "/signup", { loginId: "x", nickname: existing.nickname, password: "short", agree: "on", passwordConfirm: "other" }, "/signup");
    expect(res.status).toBe(400);
    for (const id of ["signup-login-id-error", "signup-nickname-error", "signup-password-error", "signup-password-confirm-error"]) expect(res.text).toContain(`id="${id}"`);
    expect(res.text).toContain("이미 사용 중인 닉네임입니다.");
    expect(res.text).toMatch(/id="signup-login-id"[^>]*aria-invalid="true" autofocus/);
    expect(res.text.match(/autofocus/g)).toHaveLength(1);
  });
});

describe("sign-in and sign-out", () => {
  const expiresIn = (res: { headers: Record<string, unknown> }) => {
    const cookie = ([] as string[]).concat(res.headers["set-cookie"] as string[]).find((c) => c.startsWith("jongto.sid="))!;
    return cookie;
  };

  it("keeps a 로그인 상태 유지 session past the browser, and others for the browser session only", async () => {
    const user = await signUp(agent(t.app));
    const kept = await signIn(agent(t.app), user.loginId, user.password, { remember: true });
    expect(expiresIn(kept)).toMatch(/Expires=/);
    const browserOnly = await signIn(agent(t.app), user.loginId, user.password, { remember: false });
    expect(browserOnly.status).toBe(303);
    expect(expiresIn(browserOnly)).not.toMatch(/Expires=/);
  });

  it("says so after signing in, posting, commenting and signing out", async () => {
    const user = await signUp(agent(t.app));
    const a = agent(t.app);
    await signIn(a, user.loginId, user.password);
    expect((await a.get("/").expect(200)).text).toContain(`<div class="flash flash--ok" role="status">${user.nickname}님, 로그인했습니다.</div>`);
    const created = await postForm(a, "/boards/005930/posts", { title: "알림 볼 글", body: "본문" }, "/boards/005930/write");
    expect((await a.get(created.headers.location!)).text).toContain("글을 등록했습니다.");
    const commented = await postForm(a, `${created.headers.location}/comments`, { body: "댓글" }, created.headers.location);
    expect((await a.get(commented.headers.location!.split("#")[0]!)).text).toContain("댓글을 남겼습니다.");
    const out = await postForm(a, "/logout", {}, "/");
    expect(out.headers.location).toBe("/");
    const sessions = await t.db.session.count();
    const home = await a.get("/").expect(200);
    expect(home.text).toContain("로그아웃했습니다.");
    expect(home.headers["set-cookie"]?.toString()).toContain("jongto.notice=;");
    // Shown once, and no session was made to carry it.
    expect((await a.get("/")).text).not.toContain("로그아웃했습니다.");
    expect(await t.db.session.count()).toBe(sessions);
    // A notice cookie names one of a few fixed messages: anything else shows nothing.
    const forged = await request(t.app).get("/").set("Cookie", "jongto.notice=<script>").expect(200);
    expect(forged.text).not.toContain("flash--ok");
  });
});

describe("forms without JavaScript", () => {
  it("shows a refused comment's count as over the limit", async () => {
    const m = await signedUpMember(t);
    const res = await backToForm(m.a, await postForm(m.a, "/boards/005930/posts/1/comments", { body: "가".repeat(1005) }, "/boards/005930/posts/1"), "/boards/005930/posts/1");
    expect(res.text).toContain('class="counter counter--over" data-counter>1005 / 1000 <span class="visually-hidden">(5자 초과)</span>');
    expect(res.text).toMatch(/id="comment-body"[^>]*aria-invalid="true" autofocus/);
  });

  it("counts the title and the body of a post, with the board's rules beside them", async () => {
    const m = await signedUpMember(t);
    const res = await postForm(m.a, "/boards/005930/posts", { title: "가".repeat(101), body: "본문" }, "/boards/005930/write");
    expect(res.status).toBe(400);
    expect(res.text).toContain('id="post-title-counter" class="counter counter--over" data-counter>101 / 100');
    expect(res.text).toMatch(/id="post-title"[^>]*aria-invalid="true" autofocus/);
    expect(res.text).toContain("운영원칙");
    expect(res.text).toContain("리딩방");
  });
});

describe("pagination", () => {
  it("links to the first and last pages, and offers a compact form for phones", async () => {
    const s = await setUpTestApp();
    const author = await createUser(s.db);
    for (let i = 0; i < 230; i++) await createPost(s, { authorId: author.id });
    const page = (await request(s.app).get("/boards/005930?page=11").expect(200)).text;
    expect(page).toContain('<a href="/boards/005930" class="pagination__step">처음</a>');
    expect(page).toContain('<a href="/boards/005930?page=12" class="pagination__step">끝</a>');
    expect(page).toContain('<strong>11 / 12</strong><a href="/boards/005930?page=12">다음 페이지</a>');
    const last = (await request(s.app).get("/boards/005930?page=12").expect(200)).text;
    expect(last).not.toContain("끝</a>");
    const first = (await request(s.app).get("/boards/005930").expect(200)).text;
    expect(first).not.toContain("처음</a>");
    expect(first).toContain('<a href="/boards/005930?page=12" class="pagination__step">끝</a>');
  });
});

describe("files at the root", () => {
  it("serves a favicon and a robots.txt", async () => {
    const icon = await request(t.app).get("/favicon.svg").expect(200);
    expect(icon.headers["content-type"]).toContain("image/svg+xml");
    const robots = await request(t.app).get("/robots.txt").expect(200);
    expect(robots.text).toContain("Disallow: /admin");
    expect(robots.text).not.toMatch(/Disallow: \/boards\s*$/m);
  });
});

