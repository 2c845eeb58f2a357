// 관심종목 and 차단 (docs/product.md §15): what a member follows and whom they block, read
// back from the rows and from the pages that show them.
import { beforeAll, describe, expect, it } from "vitest";
import { createPost, createUser } from "../factories.ts";
import { csrfFor, request, setUpTestApp, signedUpMember, type Agent, type TestContext } from "../helpers.ts";

let t: TestContext;
beforeAll(async () => {
  t = await setUpTestApp();
});

const json = (a: Agent, path: string, token: string, body: object = {}) => a.post(path).set("Accept", "application/json").set("X-CSRF-Token", token).send(body);
const boardId = async (code: string) => (await t.db.board.findUniqueOrThrow({ where: { stockCode: code } })).id;

describe("관심종목", () => {
  it("follows boards, shows their newest posts and what is new since the last visit, in my order", async () => {
    const me = await signedUpMember(t);
    const token = await csrfFor(me.a, "/boards/005930");
    for (const code of ["005930", "000660", "035420"]) expect((await json(me.a, `/boards/${code}/follow`, token)).status).toBe(201);
    const rows = await t.db.follow.findMany({ where: { userId: me.id }, orderBy: { position: "asc" }, include: { board: true } });
    expect(rows.map((r) => [r.board.stockCode, r.position, r.seenNumber])).toEqual(rows.map((r) => [r.board.stockCode, r.position, r.board.lastPostNumber]));
    expect(rows.map((r) => r.board.stockCode)).toEqual(["005930", "000660", "035420"]);
    // Pressed again: nothing new.
    expect((await json(me.a, "/boards/005930/follow", token)).status).toBe(200);
    expect(await t.db.follow.count({ where: { userId: me.id } })).toBe(3);

    // Others write on SK하이닉스: the home page says so, with the newest title.
    await createPost(t, { stockCode: "000660", title: "하이닉스 새 글 하나" });
    await createPost(t, { stockCode: "000660", title: "하이닉스 새 글 둘" });
    const home = await me.a.get("/");
    expect(home.status).toBe(200);
    const section = home.text.slice(home.text.indexOf('id="follows-title"'), home.text.indexOf('id="busiest-title"'));
    expect(section.indexOf("삼성전자")).toBeLessThan(section.indexOf("SK하이닉스"));
    const hynix = section.slice(section.indexOf('id="follow-000660"'), section.indexOf('id="follow-035420"'));
    expect(hynix).toContain("새 글 2");
    expect(hynix.indexOf("하이닉스 새 글 둘")).toBeLessThan(hynix.indexOf("하이닉스 새 글 하나"));

    // Opening the board's list is the visit: the count starts again.
    const list = await me.a.get("/boards/000660");
    expect(list.status).toBe(200);
    expect(list.text).toContain("관심종목 해제");
    const seen = await t.db.follow.findUniqueOrThrow({ where: { userId_boardId: { userId: me.id, boardId: await boardId("000660") } } });
    expect(seen.seenNumber).toBe((await t.db.board.findUniqueOrThrow({ where: { stockCode: "000660" } })).lastPostNumber);
    expect((await me.a.get("/")).text).not.toMatch(/id="follow-000660"[\s\S]*?새 글 \d[\s\S]*?id="follow-035420"/);

    // NAVER up two places: first.
    for (let i = 0; i < 2; i++) expect((await json(me.a, "/me/follows/035420/move", token, { direction: "up" })).status).toBe(200);
    const order = await t.db.follow.findMany({ where: { userId: me.id }, orderBy: { position: "asc" }, include: { board: true } });
    expect(order.map((r) => r.board.stockCode)).toEqual(["035420", "005930", "000660"]);
    const page = await me.a.get("/me/follows");
    expect(page.status).toBe(200);
    expect(page.text.indexOf("NAVER")).toBeLessThan(page.text.indexOf("삼성전자</a>"));

    // 해제 without JavaScript: back where the button was.
    const off = await me.a.post("/boards/005930/unfollow").type("form").set("Host", "jongto.test").set("Referer", "http://jongto.test/boards/005930/posts/1").send({ _csrf: token });
    expect(off.status).toBe(303);
    expect(off.headers.location).toBe("/boards/005930/posts/1");
    expect((await t.db.follow.findMany({ where: { userId: me.id } })).length).toBe(2);
    expect((await me.a.get("/boards/005930")).text).toContain("관심종목 추가");
  });

  it("refuses an unknown or delisted board, a 51st follow, a forged move and a visitor, writing nothing", async () => {
    const me = await signedUpMember(t);
    const token = await csrfFor(me.a, "/");
    expect((await json(me.a, "/boards/999999/follow", token)).status).toBe(404);
    await t.db.board.update({ where: { stockCode: "373220" }, data: { delistedAt: t.clock() } });
    t.time.advance(10_000); // a running board picks up a delisting within ten seconds
    const delisted = await json(me.a, "/boards/373220/follow", token);
    expect(delisted.status).toBe(403);
    expect(delisted.body.error.message).toContain("상장폐지");
    await t.db.board.update({ where: { stockCode: "373220" }, data: { delistedAt: null } });
    t.time.advance(10_000);
    expect(await t.db.follow.count({ where: { userId: me.id } })).toBe(0);

    // Fifty boards followed already.
    const extra = [];
    for (let i = 0; i < 50; i++) extra.push(await t.db.board.create({ data: { stockCode: String(900000 + i), stockName: `테스트종목${i}`, market: "KOSDAQ" } }));
    await t.db.follow.createMany({ data: extra.map((b, i) => ({ userId: me.id, boardId: b.id, position: i + 1 })) });
    const fiftyFirst = await json(me.a, "/boards/005930/follow", token);
    expect(fiftyFirst.status).toBe(409);
    expect(fiftyFirst.body.error.message).toBe("관심종목은 50개까지 추가할 수 있습니다. 다른 종목을 해제한 뒤 추가해 주세요.");
    expect(await t.db.follow.count({ where: { userId: me.id } })).toBe(50);

    const forged = await json(me.a, `/me/follows/${extra[3]!.stockCode}/move`, token, { direction: "sideways" });
    expect(forged.status).toBe(400);
    const positions = await t.db.follow.findMany({ where: { userId: me.id }, orderBy: { boardId: "asc" }, select: { position: true } });
    expect(positions.map((p) => p.position)).toEqual(extra.map((_, i) => i + 1));

    const visitor = await request(t.app).post("/boards/005930/follow").set("Accept", "application/json").send({});
    expect(visitor.status).toBe(401);
  });

  it("leaves the anonymous copy of a board page as it was", async () => {
    const cached = await setUpTestApp({ env: { PAGE_CACHE: "on" } });
    const anonymous = await request(cached.app).get("/boards/005930");
    expect(anonymous.status).toBe(200);
    const me = await signedUpMember(cached);
    await json(me.a, "/boards/005930/follow", await csrfFor(me.a, "/")).expect(201);
    expect((await me.a.get("/boards/005930")).text).toContain("관심종목 해제");
    const next = await request(cached.app).get("/boards/005930");
    expect(next.status).toBe(200);
    expect(next.text).toContain("관심종목 추가");
    expect(next.text).not.toContain("관심종목 해제");
  });
});

describe("차단", () => {
  it("folds a blocked member's posts and comments for me, keeps them for everyone else, and tells me nothing of them", async () => {
    const me = await signedUpMember(t);
    const other = await signedUpMember(t);
    const friend = await signedUpMember(t);
    const token = await csrfFor(me.a, "/");
    const theirs = await createPost(t, { authorId: other.id, title: "리딩방 초대합니다" });
    const mine = await createPost(t, { authorId: me.id, title: "내 글" });
    expect((await json(me.a, `/users/${other.id}/block`, token)).status).toBe(201);
    expect(await t.db.block.findMany({ where: { userId: me.id } })).toMatchObject([{ blockedId: other.id }]);

    const list = await me.a.get("/boards/005930");
    expect(list.status).toBe(200);
    const row = list.text.split("<tr").find((r) => r.includes(`/posts/${theirs.number}"`))!;
    expect(row).toContain("차단한 회원의 글입니다.");
    const post = await me.a.get(`/boards/005930/posts/${theirs.number}`);
    expect(post.status).toBe(200);
    expect(post.text).toMatch(/<summary>차단한 회원의 글입니다\. <span class="folded__open">보기<\/span><\/summary>/);
    const anonymous = await request(t.app).get("/boards/005930");
    expect(anonymous.text.split("<tr").find((r) => r.includes(`/posts/${theirs.number}"`))).not.toContain("차단한 회원");

    // Their comment on my post: folded for me, no 알림; a friend's still tells me.
    const path = `/boards/005930/posts/${mine.number}`;
    await json(other.a, `${path}/comments`, await csrfFor(other.a, path), { body: "제 방으로 오세요" }).expect(201);
    await json(friend.a, `${path}/comments`, await csrfFor(friend.a, path), { body: "좋은 글입니다" }).expect(201);
    const notes = await t.db.notification.findMany({ where: { userId: me.id } });
    expect(notes.map((n) => n.actorId)).toEqual([friend.id]);
    const page = await me.a.get(path);
    expect(page.text).toMatch(/<summary>차단한 회원의 댓글입니다\. <span class="folded__open">보기<\/span><\/summary>\s*<p class="comment__body" dir="auto">제 방으로 오세요/);
    expect(page.text).not.toMatch(/차단한 회원의 댓글입니다\.[^<]*<span class="folded__open">보기<\/span><\/summary>\s*<p class="comment__body" dir="auto">좋은 글입니다/);
    // The blocked member is not told.
    expect(await t.db.notification.count({ where: { userId: other.id } })).toBe(0);
    const theirView = await other.a.get(`/users/${me.id}`);
    expect(theirView.status).toBe(200);
    expect(theirView.text).not.toContain("차단한 회원");
    expect(theirView.text).not.toContain("차단 해제");

    // Unblocked from 계정 설정: back as before.
    const settings = await me.a.get("/account/blocks");
    expect(settings.status).toBe(200);
    expect(settings.text).toContain(other.nickname);
    const off = await me.a.post(`/users/${other.id}/unblock`).type("form").send({ _csrf: token, from: "list" });
    expect(off.status).toBe(303);
    expect(off.headers.location).toBe("/account/blocks");
    expect(await t.db.block.count({ where: { userId: me.id } })).toBe(0);
    expect((await me.a.get(`/boards/005930/posts/${theirs.number}`)).text).not.toContain("차단한 회원의 글입니다.");
  });

  it("refuses blocking oneself, an operator, an unknown member or a 501st, writing nothing", async () => {
    const me = await signedUpMember(t);
    const token = await csrfFor(me.a, "/");
    const self = await json(me.a, `/users/${me.id}/block`, token);
    expect(self.status).toBe(403);
    expect(self.body.error.message).toBe("나 자신은 차단할 수 없습니다.");
    const operator = await createUser(t.db);
    await t.db.user.update({ where: { id: operator.id }, data: { role: "operator" } });
    const op = await json(me.a, `/users/${operator.id}/block`, token);
    expect(op.status).toBe(403);
    expect(op.body.error.message).toContain("운영자는 차단할 수 없습니다.");
    expect((await json(me.a, "/users/2147483000/block", token)).status).toBe(404);
    expect(await t.db.block.count({ where: { userId: me.id } })).toBe(0);

    const many = [];
    for (let i = 0; i < 500; i++) many.push({ loginId: `blk${i}_${process.pid % 1000}`, nickname: `차단대상${i}_${process.pid % 1000}`, nicknameKey: `blk${i}_${process.pid % 1000}` });
    await t.db.user.createMany({ data: many });
    const ids = (await t.db.user.findMany({ where: { loginId: { in: many.map((m) => m.loginId) } }, select: { id: true } })).map((u) => u.id);
    await t.db.block.createMany({ data: ids.map((blockedId) => ({ userId: me.id, blockedId })) });
    const next = await createUser(t.db);
    const refused = await json(me.a, `/users/${next.id}/block`, token);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe("차단은 500명까지 할 수 있습니다. 차단 목록에서 해제한 뒤 다시 시도해 주세요.");
    expect(await t.db.block.count({ where: { userId: me.id } })).toBe(500);
    expect(await t.db.block.count({ where: { blockedId: next.id } })).toBe(0);
  });

  it("leaves the anonymous page cache as it was", async () => {
    const cached = await setUpTestApp({ env: { PAGE_CACHE: "on" } });
    const me = await signedUpMember(cached);
    const other = await signedUpMember(cached);
    const post = await createPost(cached, { authorId: other.id, title: "캐시된 글" });
    const path = `/boards/005930/posts/${post.number}`;
    expect((await request(cached.app).get(path)).status).toBe(200);
    await json(me.a, `/users/${other.id}/block`, await csrfFor(me.a, "/")).expect(201);
    expect((await me.a.get(path)).text).toContain("차단한 회원의 글입니다.");
    const next = await request(cached.app).get(path);
    expect(next.status).toBe(200);
    expect(next.headers["x-cache"]).toBe("hit");
    expect(next.text).not.toContain("차단한 회원의 글입니다.");
  });
});
