// 답글, 알림 and profiles: people answering each other and hearing of it.
import { beforeAll, describe, expect, it } from "vitest";
import { createComment, createPost } from "../factories.ts";
import { aboveNeighbours, csrfFor, databaseSnapshot, postForm, request, setUpTestApp, signedUpMember, type TestContext, backToForm } from "../helpers.ts";

let t: TestContext;
beforeAll(async () => {
  t = await setUpTestApp();
});

type Member = Awaited<ReturnType<typeof signedUpMember>>;
const member = () => signedUpMember(t);

const postPath = (number: number) => `/boards/005930/posts/${number}`;

const comment = (m: Member, number: number, fields: Record<string, unknown>) => postForm(m.a, `${postPath(number)}/comments`, fields, "/");
const commentJson = async (m: Member, number: number, fields: Record<string, unknown>) =>
  m.a.post(`${postPath(number)}/comments`).set("Accept", "application/json").set("X-CSRF-Token", await csrfFor(m.a, "/")).send(fields);

const notificationsOf = (userId: number) => t.db.notification.findMany({ where: { userId }, orderBy: { id: "asc" } });

describe("답글", () => {
  let a: Member;
  let b: Member;
  let post: Awaited<ReturnType<typeof createPost>>;
  let bComment: number;

  beforeAll(async () => {
    a = await member();
    b = await member();
    post = await createPost(t, { authorId: a.id, title: "실적 발표 후기" });
    const res = await comment(b, post.number, { body: "좋은 분석입니다" });
    bComment = Number(/#comment-(\d+)$/.exec(res.headers.location!)![1]);
  });

  it("answers a comment one level deep, shown under it, counted in the post's 댓글", async () => {
    const res = await comment(a, post.number, { body: "감사합니다", parentId: String(bComment) });
    expect(res.status).toBe(303);
    const reply = await t.db.comment.findFirstOrThrow({ where: { body: "감사합니다" } });
    expect(reply.parentId).toBe(bComment);
    expect(res.headers.location).toBe(`${postPath(post.number)}#comment-${reply.id}`);
    const page = await request(t.app).get(postPath(post.number));
    const thread = page.text.slice(page.text.indexOf(`id="comment-${bComment}"`));
    expect(thread.indexOf(`id="replies-${bComment}"`)).toBeGreaterThan(0);
    expect(thread.indexOf(`id="comment-${reply.id}"`)).toBeGreaterThan(thread.indexOf(`id="replies-${bComment}"`));
    expect(page.text).toContain("댓글목록 <span class=\"muted\">(2)</span>");
    expect((await t.db.post.findUniqueOrThrow({ where: { id: post.id } })).commentCount).toBe(2);
  });

  it("a reply to a reply answers its parent comment, and its page starts with @닉네임", async () => {
    const first = await t.db.comment.findFirstOrThrow({ where: { body: "감사합니다" } });
    const form = await b.a.get(`${postPath(post.number)}/comments/${first.id}/reply`).expect(200);
    expect(form.text).toContain(`@${a.nickname} `);
    expect(form.text).toContain('name="parentId" value="' + first.id + '"');
    const res = await commentJson(b, post.number, { body: `@${a.nickname} 천만에요`, parentId: first.id });
    expect(res.status).toBe(201);
    expect(res.body.comment.parentId).toBe(bComment);
    expect(res.body.html).toContain('class="comment comment--reply"');
    expect(res.body.commentCount).toBe(3);
  });

  it("refuses replies to another post's comment (404), to a deleted comment and on a deleted post (403), writing nothing", async () => {
    const other = await createPost(t, { authorId: b.id });
    const elsewhere = await createComment(t.db, other.id, a.id, "다른 글의 댓글");
    const gone = await createComment(t.db, post.id, a.id, "지워질 댓글");
    await t.db.comment.update({ where: { id: gone.id }, data: { deletedAt: new Date() } });
    await t.db.post.update({ where: { id: other.id }, data: { deletedAt: new Date() } }); // for the last case
    const before = await databaseSnapshot(t);
    const cross = await commentJson(b, post.number, { body: "답글", parentId: elsewhere.id });
    expect(cross.status).toBe(404);
    const deleted = await commentJson(b, post.number, { body: "답글", parentId: gone.id });
    expect(deleted.status).toBe(403);
    expect(deleted.body.error.message).toBe("삭제된 댓글에는 답글을 쓸 수 없습니다.");
    const bad = await commentJson(b, post.number, { body: "답글", parentId: "abc" });
    expect(bad.status).toBe(400);
    // Without JavaScript a refused reply comes back on its page with the text kept.
    const tooLong = await backToForm(b.a, await comment(b, post.number, { body: "가".repeat(1001), parentId: String(bComment) }), `${postPath(post.number)}/comments/${bComment}/reply`);
    expect(tooLong.text).toContain("1,000자 이내로 입력해 주세요.");
    expect(tooLong.text).toContain("답글 쓰기");
    expect(tooLong.text).toContain("가".repeat(1001));
    const onDeleted = await postForm(b.a, `/boards/005930/posts/${other.number}/comments`, { body: "답글", parentId: String(elsewhere.id) }, "/");
    expect(onDeleted.status).toBe(403);
    expect(await databaseSnapshot(t)).toEqual(before);
  });

  it("keeps the replies of a deleted comment under its tombstone", async () => {
    const res = await postForm(b.a, `${postPath(post.number)}/comments/${bComment}/delete`, {}, "/");
    expect(res.status).toBe(303);
    const page = await request(t.app).get(postPath(post.number));
    const thread = page.text.slice(page.text.indexOf(`id="comment-${bComment}"`));
    expect(thread).toMatch(/^[^]*?삭제된 댓글입니다\.[^]*?감사합니다/);
  });
});

describe("알림", () => {
  it("tells the author of comments, collapsed per post while unread, and lands on the comment", async () => {
    const [a, b, c] = [await member(), await member(), await member()];
    const post = await createPost(t, { authorId: a.id, title: "알림 받을 글" });
    await comment(a, post.number, { body: "내 글에 내 댓글" }); // never for one's own action
    expect(await notificationsOf(a.id)).toHaveLength(0);
    const first = await comment(b, post.number, { body: "첫 댓글" });
    await comment(c, post.number, { body: "둘째 댓글" });
    const rows = await notificationsOf(a.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: "comment", count: 2, readAt: null });
    const home = await a.a.get("/");
    expect(home.text).toMatch(/알림 <span class="count" data-unread-count>1<\/span>/);
    const list = await a.a.get("/notifications").expect(200);
    expect(list.text).toContain("내 글「알림 받을 글」에 댓글 2개가 달렸습니다.");
    const open = await a.a.get(`/notifications/${rows[0]!.id}`).expect(303);
    // The 알림 links the comment; that link lands on its page of the post, as writing it did.
    expect((await a.a.get(open.headers.location!).expect(302)).headers.location).toBe(first.headers.location); // the first unread comment
    expect((await notificationsOf(a.id))[0]!.readAt).not.toBeNull();
    expect((await a.a.get("/")).text).not.toContain("data-unread-count");
    // Read, the next comment starts a new line.
    await comment(b, post.number, { body: "셋째 댓글" });
    expect(await notificationsOf(a.id)).toHaveLength(2);
    // Someone else's notification does not exist.
    await b.a.get(`/notifications/${rows[0]!.id}`).expect(404);
    await request(t.app).get("/notifications").expect(303);
  });

  it("tells a commenter of a reply (once, even when they wrote the post), and 모두 읽음 marks all", async () => {
    const [a, b] = [await member(), await member()];
    const post = await createPost(t, { authorId: a.id });
    const own = await createComment(t.db, post.id, a.id, "작성자 댓글");
    await comment(b, post.number, { body: "작성자님께 답글", parentId: String(own.id) });
    const rows = await notificationsOf(a.id);
    expect(rows.map((r) => r.kind)).toEqual(["reply"]);
    const other = await createPost(t, { authorId: b.id });
    await comment(a, other.number, { body: "b의 글에 댓글" });
    const res = await b.a.post("/notifications/read-all").set("Accept", "application/json").set("X-CSRF-Token", await csrfFor(b.a, "/")).send({});
    expect(res.body).toEqual({ marked: 1, unread: 0 });
    const plain = await postForm(a.a, "/notifications/read-all", {}, "/");
    expect(plain.status).toBe(303);
    expect(await t.db.notification.count({ where: { userId: { in: [a.id, b.id] }, readAt: null } })).toBe(0);
  });

  it("tells the author of a hiding and the reporters of the outcome", async () => {
    const [a, b, op] = [await member(), await member(), await member()];
    await t.db.user.update({ where: { id: op.id }, data: { role: "operator" } });
    const post = await createPost(t, { authorId: a.id, title: "숨겨질 글" });
    await b.a.post(`${postPath(post.number)}/report`).set("Accept", "application/json").set("X-CSRF-Token", await csrfFor(b.a, "/")).send({ category: "spam" }).expect(201);
    expect((await postForm(op.a, `/admin/reports/post/${post.id}/hide`, { category: "spam" }, "/admin/reports")).status).toBe(303);
    expect((await notificationsOf(a.id)).map((n) => [n.kind, n.detail])).toEqual([["hidden", "스팸·광고(리딩방)"]]);
    expect((await notificationsOf(b.id)).map((n) => [n.kind, n.detail])).toEqual([["report", "숨김 처리되었습니다"]]);
    const list = await b.a.get("/notifications");
    expect(list.text).toContain("내가 신고한 글이 처리되었습니다: 숨김 처리되었습니다.");
  });
});

describe("profiles", () => {
  it("shows who a member is and what they wrote, newest first, paged by id, without deleted items", async () => {
    const m = await member();
    const posts = [];
    for (let i = 0; i < 23; i++) posts.push(await createPost(t, { authorId: m.id, title: `프로필 글 ${i}` }));
    await t.db.post.update({ where: { id: posts[22]!.id }, data: { deletedAt: new Date() } });
    await t.db.post.update({ where: { id: posts[21]!.id }, data: { blindedAt: new Date() } });
    await createComment(t.db, posts[0]!.id, m.id, "프로필 댓글");
    const page = await request(t.app).get(`/users/${m.id}`).expect(200);
    expect(page.text).toContain(m.nickname);
    expect(page.text).toMatch(/<dt>작성글<\/dt><dd>22<\/dd>/);
    expect(page.text).toMatch(/<dt>작성댓글<\/dt><dd>1<\/dd>/);
    expect(page.text).not.toContain("프로필 글 22");
    expect(page.text).toContain("운영배심원 의견에 따라 블라인드 처리된 글입니다.");
    expect(page.text).not.toContain("프로필 글 21");
    expect(page.text).toContain("프로필 글 20");
    expect(page.text).not.toContain("프로필 글 1<"); // on the next page
    const next = /href="(\/users\/\d+\?before=\d+)"/.exec(page.text)![1]!;
    const second = await request(t.app).get(next.replace(/&amp;/g, "&")).expect(200);
    expect(second.text).toContain("프로필 글 0<");
    expect(second.text).not.toContain("프로필 글 20");
    const comments = await request(t.app).get(`/users/${m.id}?tab=comments`).expect(200);
    expect(comments.text).toContain("프로필 댓글");
    await request(t.app).get("/users/999999").expect(404);
    await request(t.app).get("/users/abc").expect(404);
    await request(t.app).get(`/users/${m.id}?tab=bogus`).expect(400);
  });

  it("is linked from nicknames in lists, posts and comments", async () => {
    const m = await member();
    const post = await createPost(t, { authorId: m.id });
    await createComment(t.db, post.id, m.id, "링크 확인");
    const link = `<a class="nickname" href="/users/${m.id}"><bdi>${m.nickname}</bdi></a>`;
    expect((await request(t.app).get("/boards/005930")).text).toContain(link);
    const page = await request(t.app).get(postPath(post.number));
    expect(aboveNeighbours(page.text).split(link).length - 1).toBe(2); // the post and the comment
    // The header's nickname opens a menu: 내 글, 알림, 계정 보안, 로그아웃.
    const home = await m.a.get("/");
    expect(home.text).toContain(`<a href="/users/${m.id}">내 글</a>`);
    expect(home.text).toContain("계정 보안");
  });
});
