import { beforeAll, describe, expect, it } from "vitest";
import { createPost, createUser } from "../factories.ts";
import { GRAPHEME_CASES } from "../fixtures/graphemes.ts";
import { agent, type Agent, backToForm, csrfFor, databaseSnapshot, postForm, request, routesOf, setUpTestApp, signedUpMember, signUp, type TestContext } from "../helpers.ts";

let t: TestContext;
beforeAll(async () => {
  t = await setUpTestApp();
});

async function writePost(a: Agent, fields: Record<string, unknown>, code = "005930") {
  return postForm(a, `/boards/${code}/posts`, fields, `/boards/${code}/write`);
}

describe("writing posts", () => {
  it("sign-up → write → edit → delete", async () => {
    const a = agent(t.app);
    await signUp(a, { nickname: "글쓴이1" });
    const form = await a.get("/boards/005930/write").expect(200);
    expect(form.text).toContain('<label for="post-title">제목</label>');
    expect(form.text).toContain('<label for="post-body">내용</label>');

    const created = await writePost(a, { title: "  삼성전자 전망  ", body: "첫 줄\r\n둘째 줄\r\n\r\n새 문단" });
    expect(created.status).toBe(303);
    const location = created.headers.location as string;
    expect(location).toMatch(/^\/boards\/005930\/posts\/\d+$/);
    const page = await a.get(location).expect(200);
    expect(page.text).toContain('<h1 id="post-title" class="post__title"><bdi>삼성전자 전망</bdi></h1>');
    expect(page.text).toContain("<p>첫 줄<br>둘째 줄</p>\n<p>새 문단</p>");
    expect(page.text).toContain("<strong><bdi>글쓴이1</bdi></strong>");

    const search = async (q: string) => (await request(t.app).get(`/boards/005930?field=title&q=${encodeURIComponent(q)}`)).text;
    expect(await search("전망")).toContain(`href="${location}"`);

    const edit = await postForm(a, `${location}/edit`, { title: "고친 제목", body: "고친 본문" }, `${location}/edit`);
    expect(edit.status).toBe(303);
    const edited = await a.get(location);
    expect(edited.text).toContain("고친 제목");
    expect(await search("전망")).not.toContain(`href="${location}"`);
    expect(await search("고친")).toContain(`href="${location}"`);
    expect(edited.text).toContain("(수정됨)");

    const del = await postForm(a, `${location}/delete`, {}, location);
    expect(del.status).toBe(303);
    const tomb = await request(t.app).get(location).expect(200);
    expect(tomb.text).toContain("삭제된 게시글입니다.");
    expect(tomb.text).not.toContain("고친 본문");
    // The tombstone keeps its URL but nothing else: no jury box, no comments, no forms.
    expect(tomb.text).not.toContain("운영배심원의견");
    expect(tomb.text).not.toContain("댓글목록");
    expect(tomb.text).not.toContain("첫 댓글을 남겨 보세요.");
    // The list leaves it out; the other posts keep their pages.
    const list = await request(t.app).get("/boards/005930");
    expect(list.text).not.toContain(`href="${location}"`);
    expect(list.text).not.toContain("삭제된 게시글입니다.");
    expect(await search("고친")).not.toContain(`href="${location}"`);
  });

  it("numbers posts densely per board", async () => {
    const a = agent(t.app);
    await signUp(a);
    const board = await t.db.board.findUniqueOrThrow({ where: { stockCode: "035720" } });
    const first = await writePost(a, { title: "카카오 1", body: "본문" }, "035720");
    const second = await writePost(a, { title: "카카오 2", body: "본문" }, "035720");
    expect(first.headers.location).toBe(`/boards/035720/posts/${board.lastPostNumber + 1}`);
    expect(second.headers.location).toBe(`/boards/035720/posts/${board.lastPostNumber + 2}`);
  });

  it.each([
    [{ title: "", body: "본문" }, "제목을 입력해 주세요."],
    [{ title: "   ", body: "본문" }, "제목을 입력해 주세요."],
    [{ title: "가".repeat(101), body: "본문" }, "제목은 100자 이내로 입력해 주세요. (현재 101자)"],
    [{ title: "제목", body: "" }, "내용을 입력해 주세요."],
    [{ title: "제목", body: "가".repeat(6001) }, "내용은 6,000자 이내로 입력해 주세요. (현재 6,001자)"],
    [{ title: "제목\u0000", body: "본문" }, "제목에 사용할 수 없는 문자(제어 문자)가 들어 있습니다."],
    [{ title: "제목", body: "본문\u0000" }, "내용에 사용할 수 없는 문자(제어 문자)가 들어 있습니다."],
  ])("refuses %j, keeping what was typed", async (fields, message) => {
    const a = agent(t.app);
    await signUp(a);
    const before = await t.db.post.count();
    const res = await writePost(a, fields);
    expect(res.status).toBe(400);
    expect(res.text).toContain(message);
    if (fields.body && !fields.body.includes("\u0000")) expect(res.text).toContain(fields.body.slice(0, 50));
    expect(await t.db.post.count()).toBe(before);
  });

  it("accepts exactly 100-character titles and 6000-character bodies", async () => {
    const a = agent(t.app);
    await signUp(a);
    const res = await writePost(a, { title: "🇰🇷".repeat(100), body: "👍🏽".repeat(6000) });
    expect(res.status).toBe(303);
    const number = Number(res.headers.location!.split("/").pop());
    const stored = await t.db.post.findFirstOrThrow({ where: { number, board: { stockCode: "005930" } }, select: { title: true, body: true } });
    expect(stored).toEqual({ title: "🇰🇷".repeat(100), body: "👍🏽".repeat(6000) });
    // One more character of either is refused, and nothing is written.
    const count = await t.db.post.count();
    expect((await writePost(a, { title: "🇰🇷".repeat(101), body: "본문" })).status).toBe(400);
    expect((await writePost(a, { title: "제목", body: "👍🏽".repeat(6001) })).status).toBe(400);
    expect(await t.db.post.count()).toBe(count);
  });

  it("counts limits on the trimmed text: 100 characters and a trailing space is 100", async () => {
    const a = agent(t.app);
    await signUp(a);
    const title = "가".repeat(100);
    const res = await writePost(a, { title: ` ${title} `, body: `${"나".repeat(6000)}\n\n` });
    expect(res.status).toBe(303);
    const stored = await t.db.post.findFirstOrThrow({ where: { title }, select: { title: true, body: true } });
    expect(stored.body).toBe("나".repeat(6000));
    expect((await writePost(a, { title: `${title}다`, body: "본문" })).status).toBe(400);
  });

  it("answers arrays or objects where a string belongs with 400", async () => {
    const a = agent(t.app);
    await signUp(a);
    const token = await csrfFor(a, "/boards/005930/write");
    const before = await t.db.post.count();
    const repeated = await a.post("/boards/005930/posts").type("form").send(`_csrf=${encodeURIComponent(token)}&title=a&title=b&body=x`);
    expect(repeated.status).toBe(400);
    const object = await a.post("/boards/005930/posts").set("X-CSRF-Token", token).send({ title: { $gt: "" }, body: ["x"] });
    expect(object.status).toBe(400);
    expect(await t.db.post.count()).toBe(before);
  });

  it("ignores extra fields like authorId, views and upCount", async () => {
    const a = agent(t.app);
    await signUp(a, { nickname: "정직한사람" });
    const victim = await createUser(t.db);
    const res = await writePost(a, { title: "평범한 글", body: "본문", authorId: victim.id, viewCount: 999, views: 999, upCount: 50, number: 1, boardId: 2, isJuror: "true", blindedAt: "2020-01-01" });
    expect(res.status).toBe(303);
    const post = await t.db.post.findFirstOrThrow({ where: { title: "평범한 글" }, include: { author: true, board: true } });
    expect(post.author.nickname).toBe("정직한사람");
    expect(post.viewCount).toBe(0);
    expect(post.upCount).toBe(0);
    expect(post.board.stockCode).toBe("005930");
    expect(post.blindedAt).toBeNull();
    expect(post.number).toBeGreaterThan(1);
  });

  it("refuses the 31st post of a KST day and says when posting opens again", async () => {
    const a = agent(t.app);
    await signUp(a);
    t.time.set("2026-11-28T14:00:00Z"); // 23:00 KST
    for (let i = 1; i <= 30; i++) {
      expect((await writePost(a, { title: `오늘 ${i}`, body: "본문" })).status).toBe(303);
    }
    const refused = await writePost(a, { title: "서른한번째", body: "내용 유지" });
    expect(refused.status).toBe(429);
    expect(refused.headers["retry-after"]).toBe("3600");
    expect(refused.text).toContain("글은 하루에 30개까지 쓸 수 있습니다. 2026/11/29 00:00부터 다시 쓸 수 있습니다.");
    expect(refused.text).toContain("서른한번째");
    expect(refused.text).toContain("내용 유지");
    t.time.set("2026-11-28T15:00:00Z"); // 00:00 KST the next day
    expect((await writePost(a, { title: "다음날", body: "본문" })).status).toBe(303);
    t.time.set("2026-11-28T03:00:00Z");
  });
});

describe("comments", () => {
  let a: Agent;
  let postPath: string;
  beforeAll(async () => {
    a = agent(t.app);
    await signUp(a, { nickname: "댓글러" });
    const post = await createPost(t, { title: "댓글 받을 글" });
    postPath = `/boards/005930/posts/${post.number}`;
  });

  const comment = (body: unknown) => postForm(a, `${postPath}/comments`, { body }, postPath);

  it("adds a comment, counts it, and deletes it as a tombstone", async () => {
    const res = await comment("첫 댓글\n두 줄");
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(new RegExp(`^${postPath}#comment-\\d+$`));
    const page = await a.get(postPath);
    expect(page.text).toContain("첫 댓글<br>두 줄");
    expect(page.text).toContain('댓글목록 <span class="muted">(1)</span>');
    const list = await request(t.app).get("/boards/005930");
    expect(list.text).toMatch(/댓글 받을 글(?:<\/bdi>)?\s*<\/a>\s*<span class="comment-count"[^>]*>\[1\]/);

    const id = /#comment-(\d+)/.exec(res.headers.location as string)![1];
    const del = await postForm(a, `${postPath}/comments/${id}/delete`, {}, postPath);
    expect(del.status).toBe(303);
    const after = await a.get(postPath);
    expect(after.text).toContain("삭제된 댓글입니다.");
    expect(after.text).not.toContain("첫 댓글");
    const post = await t.db.post.findFirstOrThrow({ where: { title: "댓글 받을 글" } });
    expect(post.commentCount).toBe(0);
  });

  it("accepts exactly 1000 grapheme clusters and refuses 1001, keeping the text", async () => {
    const unit = ["가", "👍🏽", "🇰🇷", "\r\n", "👨‍👩‍👧‍👦", "é"];
    const exactly = Array.from({ length: 1000 }, (_, i) => unit[i % unit.length]).join("");
    expect((await comment(exactly)).status).toBe(303);
    const over = `${exactly}x`;
    const refused = await backToForm(a, await comment(over), postPath);
    expect(refused.text).toContain("댓글은 1,000자 이내로 입력해 주세요. (현재 1,001자)");
    expect(refused.text).toContain("1001 / 1000");
    expect(refused.text).toContain("👨‍👩‍👧‍👦é");
  });

  it("counts the unit test's cases exactly as the server does", async () => {
    for (const [, text, count] of GRAPHEME_CASES) {
      if (count === 0) continue;
      const padded = text + "가".repeat(1000 - count);
      expect((await comment(padded)).status, JSON.stringify(text)).toBe(303);
      const refused = await backToForm(a, await comment(padded + "가"), postPath);
      expect(refused.text, JSON.stringify(text)).toContain("댓글은 1,000자 이내로 입력해 주세요.");
    }
  });

  it.each([
    ["", "댓글을 입력해 주세요."],
    ["   \n  ", "댓글을 입력해 주세요."],
    ["널\u0000문자", "댓글에 사용할 수 없는 문자(제어 문자)가 들어 있습니다."],
  ])("refuses %j", async (body, message) => {
    const before = await t.db.comment.count();
    const res = await backToForm(a, await comment(body), postPath);
    expect(res.text).toContain(message);
    expect(await t.db.comment.count()).toBe(before);
    // Taken once: the next view of the page is the empty form again.
    expect((await a.get(postPath)).text).not.toContain(message);
  });

  it("answers JSON clients with JSON", async () => {
    const token = await csrfFor(a, postPath);
    const ok = await a.post(`${postPath}/comments`).set("Accept", "application/json").set("X-CSRF-Token", token).send({ body: "JSON 댓글" });
    expect(ok.status).toBe(201);
    expect(ok.body.comment.body).toBe("JSON 댓글");
    const bad = await a.post(`${postPath}/comments`).set("Accept", "application/json").set("X-CSRF-Token", token).send({ body: "" });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: { code: "validation", message: "댓글을 입력해 주세요." } });
  });

  it("caps comments at 50 a KST day", async () => {
    const b = agent(t.app);
    await signUp(b);
    const post = await createPost(t);
    const path = `/boards/005930/posts/${post.number}`;
    const token = await csrfFor(b, path);
    for (let i = 0; i < 50; i++) {
      const r = await b.post(`${path}/comments`).type("form").send({ _csrf: token, body: `댓글 ${i}` });
      expect(r.status).toBe(303);
    }
    const answer = await b.post(`${path}/comments`).type("form").send({ _csrf: token, body: "51번째" });
    expect(answer.headers["retry-after"]).toBeDefined();
    const refused = await backToForm(b, answer, path);
    expect(refused.text).toContain("댓글은 하루에 50개까지 쓸 수 있습니다.");
    expect(refused.text).toContain("51번째");
  });
});

describe("authorization", () => {
  let owner: Agent;
  let other: Agent;
  let postPath: string;
  let commentId: string;
  let postId: string;
  beforeAll(async () => {
    owner = agent(t.app);
    other = agent(t.app);
    await signUp(owner);
    await signUp(other);
    const created = await writePost(owner, { title: "주인 있는 글", body: "원문" });
    postPath = created.headers.location as string;
    const c = await postForm(owner, `${postPath}/comments`, { body: "주인 댓글" }, postPath);
    commentId = /#comment-(\d+)/.exec(c.headers.location as string)![1]!;
    postId = String((await t.db.post.findFirstOrThrow({ where: { title: "주인 있는 글" } })).id);
  });

  it("gives another user 403 on editing or deleting the post or comment", async () => {
    expect((await other.get(`${postPath}/edit`)).status).toBe(403);
    expect((await postForm(other, `${postPath}/edit`, { title: "탈취", body: "탈취" }, postPath)).status).toBe(403);
    expect((await postForm(other, `${postPath}/edit`, { title: "", body: "" }, postPath)).status).toBe(403);
    expect((await postForm(other, `${postPath}/delete`, {}, postPath)).status).toBe(403);
    expect((await postForm(other, `${postPath}/comments/${commentId}/delete`, {}, postPath)).status).toBe(403);
    const post = await t.db.post.findFirstOrThrow({ where: { title: "주인 있는 글" } });
    expect(post.deletedAt).toBeNull();
    expect(post.body).toBe("원문");
    expect((await t.db.comment.findUniqueOrThrow({ where: { id: Number(commentId) } })).deletedAt).toBeNull();
  });

  // Every POST route the app has, read from its routers (so a new route cannot be missed),
  // with its parameters filled in; sign-in (and its code step), sign-up and the account
  // recovery forms are the anonymous ones (test/http/accounts-kept.test.ts checks their tokens).
  const ANONYMOUS_FORMS = new Set(["/login", "/login/code", "/signup", "/account/find-id", "/account/forgot-password", "/account/reset-password/:token"]);
  const mutatingRoutes = () => {
    const number = postPath.split("/").pop()!;
    const routes = routesOf(t.app).filter((r) => r.method === "POST" && !ANONYMOUS_FORMS.has(r.path));
    const filled = routes.map((r) =>
      r.path
        .replace(":code", "005930")
        .replace(":number", number)
        .replace(":commentId", commentId)
        .replace(":kinds", "posts")
        .replace(":kind", "post")
        .replace(":id", postId),
    );
    expect(filled.filter((p) => p.includes(":")), "every parameter filled").toEqual([]);
    return [...new Set(filled)];
  };
  // /admin answers 404 to everyone but operators: it is not there for them.
  const isAdmin = (path: string) => path.startsWith("/admin/");

  it("knows every mutating route, the operators' ones with their /admin prefix", () => {
    const paths = mutatingRoutes();
    for (const expected of ["/boards/005930/posts", `${postPath}/vote`, `${postPath}/opinion`, `${postPath}/comments`, "/logout", `/admin/reports/post/${postId}/dismiss`, `/admin/posts/${postId}/hide`, `/admin/users/${postId}/lift`]) {
      expect(paths).toContain(expected);
    }
  });

  it("sends anonymous users to sign in (HTML) or answers 401 (JSON); /admin is 404 to them", async () => {
    for (const path of mutatingRoutes().filter(isAdmin)) {
      expect((await request(t.app).post(path).type("form").send({ category: "spam" })).status, path).toBe(404);
      expect((await other.post(path).type("form").send({ _csrf: await csrfFor(other, "/"), category: "spam" })).status, path).toBe(404);
    }
    for (const path of mutatingRoutes().filter((p) => !isAdmin(p))) {
      const html = await request(t.app).post(path).type("form").send({ title: "x", body: "x" });
      expect(html.status, path).toBe(303);
      expect(html.headers.location, path).toMatch(/^\/login/);
      const json = await request(t.app).post(path).set("Accept", "application/json").send({ body: "x" });
      expect(json.status, path).toBe(401);
      expect(json.body.error.message).toBe("로그인이 필요합니다.");
    }
    expect(await t.db.post.count({ where: { title: "x" } })).toBe(0);
  });

  it("refuses a missing or wrong CSRF token, and a foreign Origin", async () => {
    const operator = await signedUpMember(t);
    await t.db.user.update({ where: { id: operator.id }, data: { role: "operator" } });
    const operatorToken = await csrfFor(operator.a, "/");
    for (const path of mutatingRoutes().filter(isAdmin)) {
      expect((await operator.a.post(path).type("form").send({ category: "spam", term: "1" })).status, path).toBe(403);
      expect((await operator.a.post(path).type("form").send({ _csrf: "forged-token", category: "spam", term: "1" })).status, path).toBe(403);
      expect((await operator.a.post(path).set("Origin", "https://evil.example").type("form").send({ _csrf: operatorToken, category: "spam", term: "1" })).status, path).toBe(403);
    }
    expect(await t.db.moderationLog.count()).toBe(0);
    const token = await csrfFor(owner, postPath);
    for (const path of mutatingRoutes().filter((p) => !isAdmin(p))) {
      const none = await owner.post(path).type("form").send({ title: "csrf", body: "csrf" });
      expect(none.status, path).toBe(403);
      const wrong = await owner.post(path).type("form").send({ _csrf: "forged-token", title: "csrf", body: "csrf" });
      expect(wrong.status, path).toBe(403);
      const foreign = await owner.post(path).set("Origin", "https://evil.example").type("form").send({ _csrf: token, title: "csrf", body: "csrf" });
      expect(foreign.status, path).toBe(403);
    }
    for (const path of ["/login", "/signup"]) {
      expect((await request(t.app).post(path).type("form").send({ loginId: "x", password: "y" })).status).toBe(403);
    }
    expect(await t.db.post.count({ where: { title: "csrf" } })).toBe(0);
    expect((await owner.get(postPath)).text).toContain("주인 댓글");
  });

  it("never changes state on GET", async () => {
    const before = await databaseSnapshot(t);
    for (const path of mutatingRoutes()) {
      for (const who of [owner, other, agent(t.app)]) {
        const res = await who.get(path);
        expect([200, 303, 403, 404], path).toContain(res.status);
      }
    }
    expect(await databaseSnapshot(t)).toEqual(before);
  });
});
