// A hot post's comments: paged 50 at a time with their replies, in three orders, 더보기 by
// cursor, links that land on a comment's page, and 공감/비공감 (docs/product.md §3).
import { beforeAll, describe, expect, it } from "vitest";
import { createComment, createPost, createUser } from "../factories.ts";
import { agent, csrfFor, request, setUpTestApp, signUp, type Agent, type TestContext } from "../helpers.ts";
import { COMMENTS_PER_PAGE } from "../../src/modules/comments/comments.rules.ts";

let t: TestContext;
beforeAll(async () => {
  t = await setUpTestApp();
});

/**
 * A post with `n` comments, oldest first; returns their ids in order. `hint` is the count the
 * post says it has: over 200, its pages are read from the index instead of whole.
 */
async function postWithComments(n: number, hint = n) {
  const post = await createPost(t);
  const author = await createUser(t.db);
  const start = t.clock().getTime() - n * 1000;
  await t.db.comment.createMany({
    data: Array.from({ length: n }, (_, i) => ({ postId: post.id, authorId: author.id, body: `댓글 ${i + 1}번`, createdAt: new Date(start + i * 1000) })),
  });
  await t.db.post.update({ where: { id: post.id }, data: { commentCount: hint } });
  const ids = (await t.db.comment.findMany({ where: { postId: post.id }, orderBy: { id: "asc" }, select: { id: true } })).map((c) => c.id);
  return { post, path: `/boards/005930/posts/${post.number}`, ids };
}

/** The comment ids a page shows, in order (comments and replies alike). */
const shownIds = (html: string) => [...html.matchAll(/<li class="comment(?: comment--reply)?" id="comment-(\d+)">/g)].map((m) => Number(m[1]));

describe.each([
  ["read whole", 120],
  ["read from the index", 5000],
])("comment pages (%s)", (_, hint) => {
  let hot: Awaited<ReturnType<typeof postWithComments>>;
  let replyId: number;
  beforeAll(async () => {
    hot = await postWithComments(120, hint);
    // A reply to the 49th comment, written after all 120: it stays under its comment on page 1.
    const replier = await createUser(t.db);
    replyId = (await t.db.comment.create({ data: { postId: hot.post.id, authorId: replier.id, parentId: hot.ids[48]!, body: "49번에 단 답글" } })).id;
  });

  it("shows 50 comments a page, oldest first, each with its replies under it", async () => {
    const first = await request(t.app).get(hot.path);
    expect(first.status).toBe(200);
    const ids = shownIds(first.text);
    expect(ids).toEqual([...hot.ids.slice(0, 49), replyId, hot.ids[49]]);
    expect(first.text).toContain('aria-label="댓글 페이지"');
    expect(first.text).toContain(`href="${hot.path}?cpage=2#comments"`);
    const third = await request(t.app).get(`${hot.path}?cpage=3`);
    expect(third.status).toBe(200);
    expect(shownIds(third.text)).toEqual(hot.ids.slice(100));
    expect(third.text).not.toContain("댓글 더보기");
  });

  it("orders 최신순 newest first and 공감순 by 공감, and keeps the order in the page links", async () => {
    const newest = await request(t.app).get(`${hot.path}?csort=new`);
    expect(newest.status).toBe(200);
    expect(shownIds(newest.text).filter((id) => id !== replyId).slice(0, 3)).toEqual([hot.ids[119], hot.ids[118], hot.ids[117]]);
    expect(newest.text).toContain(`href="${hot.path}?csort=new&amp;cpage=2#comments"`);
    expect(newest.text).toMatch(/<a href="[^"]*csort=new#comments" aria-current="true">최신순<\/a>/);
    await t.db.comment.update({ where: { id: hot.ids[10]! }, data: { upCount: 5 } });
    await t.db.comment.update({ where: { id: hot.ids[70]! }, data: { upCount: 9 } });
    const best = await request(t.app).get(`${hot.path}?csort=best`);
    expect(best.status).toBe(200);
    expect(shownIds(best.text).slice(0, 3)).toEqual([hot.ids[70], hot.ids[10], hot.ids[119]]);
    await t.db.comment.updateMany({ where: { id: { in: [hot.ids[10]!, hot.ids[70]!] } }, data: { upCount: 0 } });
  });

  it("says how far the comments go past the last page, and refuses a forged sort or page", async () => {
    const past = await request(t.app).get(`${hot.path}?cpage=9`);
    expect(past.status).toBe(200);
    expect(past.text).toContain("9페이지에는 댓글이 없습니다. 댓글은 3페이지까지 있습니다.");
    expect(past.text).toContain(`href="${hot.path}?cpage=3#comments">마지막 페이지로`);
    const sort = await request(t.app).get(`${hot.path}?csort=hot`);
    expect(sort.status).toBe(400);
    expect(sort.text).toContain("댓글 정렬은 등록순, 최신순, 공감순 중에서 고를 수 있습니다.");
    const page = await request(t.app).get(`${hot.path}?cpage=-1`).set("Accept", "application/json");
    expect(page.status).toBe(400);
    expect(page.body.error.message).toBe("댓글 페이지 번호가 올바르지 않습니다.");
  });

  it("lands a link to a comment, or to a reply, on the page that holds it", async () => {
    const third = await request(t.app).get(`${hot.path}/comments/${hot.ids[110]}`);
    expect(third.status).toBe(302);
    expect(third.headers.location).toBe(`${hot.path}?cpage=3#comment-${hot.ids[110]}`);
    const reply = await request(t.app).get(`${hot.path}/comments/${replyId}`);
    expect(reply.headers.location).toBe(`${hot.path}#comment-${replyId}`);
    const other = await postWithComments(1);
    expect((await request(t.app).get(`${hot.path}/comments/${other.ids[0]}`)).status).toBe(404);
  });

  it("brings the next comments by cursor with 더보기, neither repeating nor skipping while comments arrive", async () => {
    const post = await postWithComments(60, hint);
    const writer = agent(t.app);
    await signUp(writer);
    const token = await csrfFor(writer, post.path);
    for (const sort of ["old", "new"] as const) {
      const page = await request(t.app).get(`${post.path}${sort === "new" ? "?csort=new" : ""}`);
      expect(page.status).toBe(200);
      const first = shownIds(page.text);
      const more = /data-more-comments="([^"]+)"/.exec(page.text)![1]!.replaceAll("&amp;", "&");
      // Two comments arrive between the page and its 더보기.
      for (const body of [`${sort} 새 댓글 1`, `${sort} 새 댓글 2`]) {
        await writer.post(`${post.path}/comments`).set("Accept", "application/json").set("X-CSRF-Token", token).send({ body }).expect(201);
      }
      const next = await request(t.app).get(more).set("Accept", "application/json");
      expect(next.status).toBe(200);
      const added = shownIds(next.body.html);
      expect(added.filter((id) => first.includes(id))).toEqual([]);
      const all = await t.db.comment.findMany({ where: { postId: post.post.id }, orderBy: { id: "asc" }, select: { id: true } });
      if (sort === "old") {
        // The rest in order, the new ones at the end.
        expect([...first, ...added]).toEqual(all.map((c) => c.id));
        expect(next.body.next).toBeNull();
      } else {
        // 최신순 goes on below the page as it was read; the new ones are above it, not pushed in.
        expect(added).toEqual(post.ids.slice(0, 12).reverse());
      }
    }
    const forged = await request(t.app).get(`${post.path}/comments?sort=old&after=1.5`).set("Accept", "application/json");
    expect(forged.status).toBe(400);
    expect(forged.body.error.message).toBe("더 불러올 댓글의 위치가 올바르지 않습니다.");
    const plain = await request(t.app).get(`${post.path}/comments?sort=old&after=5`);
    expect(plain.status).toBe(303);
    expect(plain.headers.location).toBe(`${post.path}#comments`);
  });

  it("places the form above the list, with its counter", async () => {
    const page = await request(t.app).get(hot.path);
    expect(page.status).toBe(200);
    expect(page.text.indexOf('id="comment-body"')).toBeLessThan(page.text.indexOf('data-comment-list'));
    expect(page.text.indexOf("0 / 1000")).toBeLessThan(page.text.indexOf(`id="comment-${hot.ids[0]}"`));
  });

  it("keeps every comment page of the post fresh for the next anonymous reader", async () => {
    const cached = await setUpTestApp({ env: { PAGE_CACHE: "on" } });
    const post = await createPost(cached);
    const path = `/boards/005930/posts/${post.number}`;
    const author = await createUser(cached.db);
    await cached.db.comment.createMany({ data: Array.from({ length: COMMENTS_PER_PAGE + 1 }, (_, i) => ({ postId: post.id, authorId: author.id, body: `캐시 댓글 ${i}` })) });
    const before = await request(cached.app).get(`${path}?cpage=2`);
    expect(before.status).toBe(200);
    expect(shownIds(before.text)).toHaveLength(1);
    const voter = agent(cached.app);
    await signUp(voter);
    const token = await csrfFor(voter, path);
    await voter.post(`${path}/comments`).set("Accept", "application/json").set("X-CSRF-Token", token).send({ body: "2페이지에 붙는 댓글" }).expect(201);
    const last = (await cached.db.comment.findFirstOrThrow({ where: { postId: post.id, body: "캐시 댓글 50" } })).id;
    await voter.post(`${path}/comment-votes`).set("Accept", "application/json").set("X-CSRF-Token", token).send({ vote: `${last}.up` }).expect(200);
    const after = await request(cached.app).get(`${path}?cpage=2`);
    expect(after.status).toBe(200);
    expect(after.text).toContain("2페이지에 붙는 댓글");
    expect(after.text).toMatch(new RegExp(`id="comment-${last}">[\\s\\S]*?value="${last}.up" aria-pressed="false">공감 <span data-count="up">1</span>`));
  });
});

describe("공감/비공감 of comments", () => {
  let voter: Agent;
  let token: string;
  let path: string;
  let commentId: number;
  let postId: number;
  beforeAll(async () => {
    voter = agent(t.app);
    await signUp(voter);
    const post = await createPost(t);
    postId = post.id;
    path = `/boards/005930/posts/${post.number}`;
    commentId = (await createComment(t.db, post.id, (await createUser(t.db)).id, "공감받을 댓글")).id;
    token = await csrfFor(voter, path);
  });

  const vote = (a: Agent, id: number, value: string, csrf = token, p = path) =>
    a.post(`${p}/comment-votes`).set("Accept", "application/json").set("X-CSRF-Token", csrf).send({ vote: `${id}.${value}` });

  async function counts(id: number) {
    const c = await t.db.comment.findUniqueOrThrow({ where: { id } });
    const up = await t.db.commentVote.count({ where: { commentId: id, value: "UP" } });
    const down = await t.db.commentVote.count({ where: { commentId: id, value: "DOWN" } });
    return { upCount: c.upCount, downCount: c.downCount, rowsUp: up, rowsDown: down };
  }

  it("casts, switches and withdraws with counters equal to the rows", async () => {
    const steps: [string, { upCount: number; downCount: number; myVote: string | null }][] = [
      ["up", { upCount: 1, downCount: 0, myVote: "UP" }],
      ["down", { upCount: 0, downCount: 1, myVote: "DOWN" }],
      ["down", { upCount: 0, downCount: 0, myVote: null }],
      ["up", { upCount: 1, downCount: 0, myVote: "UP" }],
    ];
    for (const [value, expected] of steps) {
      const res = await vote(voter, commentId, value);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(expected);
      const c = await counts(commentId);
      expect([c.upCount, c.downCount]).toEqual([c.rowsUp, c.rowsDown]);
    }
    const page = await voter.get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<button form="comment-votes" name="vote" value="${commentId}.up" aria-pressed="true">공감 <span data-count="up">1</span></button>`);
    // One form for all the buttons, holding the page's CSRF field once.
    expect(page.text.match(/<form id="comment-votes" method="post" action="[^"]+\/comment-votes" hidden>/g)).toHaveLength(1);
  });

  it("works without JavaScript, landing back on the comment", async () => {
    const res = await voter.post(`${path}/comment-votes`).type("form").send({ _csrf: token, vote: `${commentId}.up` });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${path}#comment-${commentId}`);
    expect((await counts(commentId)).upCount).toBe(0);
  });

  it("refuses one's own comment, a deleted one, a blinded post's, a forged value, and a visitor", async () => {
    const cases: [number, string][] = [];
    const mine = agent(t.app);
    const { loginId } = await signUp(mine);
    const mineId = (await t.db.user.findUniqueOrThrow({ where: { loginId } })).id;
    const myComment = await createComment(t.db, postId, mineId, "스스로 공감하려는 댓글");
    cases.push([myComment.id, "내가 쓴 댓글에는 공감/비공감할 수 없습니다."]);
    const deleted = await createComment(t.db, postId, mineId, "지운 댓글");
    await t.db.comment.update({ where: { id: deleted.id }, data: { deletedAt: t.clock() } });
    cases.push([deleted.id, "삭제된 댓글에는 공감/비공감할 수 없습니다."]);
    const blinded = await createPost(t);
    const onBlinded = await createComment(t.db, blinded.id, (await createUser(t.db)).id, "블라인드 글의 댓글");
    await t.db.post.update({ where: { id: blinded.id }, data: { blindedAt: t.clock() } });
    const mineToken = await csrfFor(mine, path);
    for (const [id, message] of cases) {
      const res = await vote(mine, id, "up", mineToken);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(message);
    }
    const blindedRes = await vote(mine, onBlinded.id, "up", mineToken, `/boards/005930/posts/${blinded.number}`);
    expect(blindedRes.status).toBe(403);
    expect(blindedRes.body.error.message).toBe("블라인드 처리된 글의 댓글에는 공감/비공감할 수 없습니다.");
    const forged = await vote(mine, commentId, "love", mineToken);
    expect(forged.status).toBe(400);
    expect(forged.body.error.message).toBe("공감 또는 비공감을 골라 주세요.");
    const visitor = await request(t.app).post(`${path}/comment-votes`).set("Accept", "application/json").send({ vote: `${commentId}.up` });
    expect(visitor.status).toBe(401);
    // A comment of another post, addressed through this one, is not there.
    expect((await vote(mine, onBlinded.id, "up", mineToken)).status).toBe(404);
    const votes = await t.db.commentVote.findMany({ where: { userId: mineId } });
    expect(votes).toEqual([]);
    for (const id of [myComment.id, deleted.id, onBlinded.id, commentId]) {
      const c = await counts(id);
      expect([c.upCount, c.downCount]).toEqual([c.rowsUp, c.rowsDown]);
    }
  });

  it("keeps the new-account wait of post votes", async () => {
    const strict = await setUpTestApp({ env: { VOTE_MIN_ACCOUNT_AGE_HOURS: "72" } });
    const post = await createPost(strict);
    const p = `/boards/005930/posts/${post.number}`;
    const c = await createComment(strict.db, post.id, (await createUser(strict.db)).id);
    const young = agent(strict.app);
    await signUp(young);
    const res = await young.post(`${p}/comment-votes`).set("Accept", "application/json").set("X-CSRF-Token", await csrfFor(young, p)).send({ vote: `${c.id}.up` });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain("가입 3일 후부터 공감/비공감할 수 있습니다.");
    expect(await strict.db.commentVote.count()).toBe(0);
  });

  it("keeps counters exact under 50 parallel votes from 50 members", async () => {
    const target = (await createComment(t.db, postId, (await createUser(t.db)).id, "붐비는 댓글")).id;
    const voters: { a: Agent; token: string }[] = [];
    for (let i = 0; i < 50; i++) {
      const a = agent(t.app);
      await signUp(a);
      voters.push({ a, token: await csrfFor(a, path) });
    }
    const results = await Promise.all(voters.map(({ a, token: csrf }, i) => vote(a, target, i % 5 === 0 ? "down" : "up", csrf)));
    expect(results.filter((r) => r.status !== 200).map((r) => r.status)).toEqual([]);
    const c = await counts(target);
    expect(c).toEqual({ upCount: 40, downCount: 10, rowsUp: 40, rowsDown: 10 });
  });
});
