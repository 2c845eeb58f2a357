// The live board over real HTTP (docs/decisions/0038): a list's stream hears new posts and
// strikes out rows that are gone, a post's stream carries new comments and its counts, a
// reconnect resumes from Last-Event-ID without gaps or duplicates, and the streams are bounded.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPost } from "../factories.ts";
import { agent, capturedLog, csrfFor, onPostgres, postForm, setUpTestApp, signedUpMember, type Agent, type TestContext } from "../helpers.ts";
import { freshDatabaseFile, removeDatabaseFile, startServer } from "../process.ts";
import { refusal, SseClient } from "../sse.ts";

let t: TestContext;
let server: Server;
let base = "";
const opened: SseClient[] = [];

async function listen(ctx: TestContext): Promise<{ server: Server; base: string }> {
  const s = ctx.app.listen(0, "127.0.0.1");
  await new Promise((resolve) => s.once("listening", resolve));
  return { server: s, base: `http://127.0.0.1:${(s.address() as AddressInfo).port}` };
}

async function open(path: string, headers: Record<string, string> = {}, at = base): Promise<SseClient> {
  const c = await SseClient.open(`${at}${path}`, headers);
  opened.push(c);
  return c;
}

beforeAll(async () => {
  t = await setUpTestApp({ env: { PAGE_CACHE: "on" } });
  ({ server, base } = await listen(t));
});
afterAll(() => {
  for (const c of opened) c.close();
  server.close();
});

const board = () => t.db.board.findUniqueOrThrow({ where: { stockCode: "005930" } });
const cookieOf = (a: Agent) => a.jar.getCookies({ domain: "127.0.0.1", path: "/", secure: false, script: false }).map((c) => `${c.name}=${c.value}`).join("; ");

async function comment(a: Agent, number: number, body: string, parentId?: number): Promise<number> {
  const token = await csrfFor(a, `/boards/005930/posts/${number}`);
  const res = await a.post(`/boards/005930/posts/${number}/comments`).set("Accept", "application/json").type("form").send({ _csrf: token, body, ...(parentId ? { parentId } : {}) });
  expect(res.status, res.text).toBe(201);
  return (res.body as { comment: { id: number } }).comment.id;
}

async function newPost(a: Agent, title: string): Promise<number> {
  const res = await postForm(a, "/boards/005930/posts", { title, body: "실시간 본문" }, "/boards/005930/write");
  expect(res.status, res.text).toBe(303);
  return Number(res.headers.location!.split("/").pop());
}

describe("a board list's stream", () => {
  it("hears each new post once, and the rows its page shows as they are now", async () => {
    const writer = await signedUpMember(t);
    const shownNumber = await newPost(writer.a, "목록에 보이는 글");
    const after = (await board()).lastPostNumber;
    const stream = await open(`/boards/005930/live?after=${after}&shown=${shownNumber}`);
    expect(stream.status).toBe(200);
    expect(stream.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    expect(stream.headers["set-cookie"]).toBeUndefined(); // no session for an anonymous stream
    const rows = await stream.waitFor((e) => e.event === "rows");
    expect(rows.data).toEqual({ rows: [{ number: shownNumber, up: 0, down: 0, comments: 0 }] });
    expect(rows.id).toBe(String(after));

    const first = await newPost(writer.a, "실시간 첫 글");
    const second = await newPost(writer.a, "실시간 둘째 글");
    await stream.waitFor((e) => e.event === "posts" && (e.data as { numbers: number[] }).numbers.includes(second));
    const heard = stream.events.filter((e) => e.event === "posts").flatMap((e) => (e.data as { numbers: number[] }).numbers);
    expect(heard).toEqual([first, second]);

    // Deleted by its author: the open list strikes the row out (a reload shows it so).
    const token = await csrfFor(writer.a, `/boards/005930/posts/${shownNumber}`);
    expect((await writer.a.post(`/boards/005930/posts/${shownNumber}/delete`).type("form").send({ _csrf: token })).status).toBe(303);
    await stream.waitFor((e) => e.event === "rows" && JSON.stringify(e.data).includes(`{"number":${shownNumber},"unseen":"deleted"}`));
  });

  it("catches a reconnect up from Last-Event-ID: the posts it missed, none twice", async () => {
    const writer = await signedUpMember(t);
    const stream = await open("/boards/005930/live");
    const start = (await stream.waitFor((e) => e.event === "rows")).id!;
    stream.close();
    const missed = [await newPost(writer.a, "놓친 글 1"), await newPost(writer.a, "놓친 글 2")];
    const again = await open("/boards/005930/live", { "Last-Event-ID": start });
    const caught = await again.waitFor((e) => e.event === "posts");
    expect(caught.data).toEqual({ numbers: missed, more: false });
    const resumed = await again.waitFor((e) => e.event === "rows");
    expect(Number(resumed.id)).toBe(missed[1]);
    expect(again.events.filter((e) => e.event === "posts")).toHaveLength(1);
  });
});

describe("a post's stream", () => {
  it("carries new comments and replies with the page's own HTML, and the post's counts", async () => {
    const author = await signedUpMember(t);
    const reader = await signedUpMember(t);
    const number = await newPost(author.a, "댓글 받는 글");
    const stream = await open(`/boards/005930/posts/${number}/live?since=${t.time.clock().getTime()}`);
    expect((await stream.waitFor((e) => e.event === "post")).data).toEqual({ up: 0, down: 0, opinions: 0, comments: 0 });

    const id = await comment(reader.a, number, "실시간 <b>댓글</b>");
    const arrived = await stream.waitFor((e) => e.event === "comment");
    expect(arrived.id).toBe(String(id));
    const data = arrived.data as { id: number; parentId: number | null; html: string };
    expect(data.parentId).toBeNull();
    expect(data.html).toContain(`id="comment-${id}"`);
    expect(data.html).toContain("실시간 &lt;b&gt;댓글&lt;/b&gt;"); // escaped, as on the page
    await stream.waitFor((e) => e.event === "post" && (e.data as { comments: number }).comments === 1);

    const reply = await comment(author.a, number, "실시간 답글", id);
    const replied = await stream.waitFor((e) => e.event === "comment" && e.id === String(reply));
    expect((replied.data as { parentId: number }).parentId).toBe(id);

    const token = await csrfFor(reader.a, `/boards/005930/posts/${number}`);
    expect((await reader.a.post(`/boards/005930/posts/${number}/vote`).set("Accept", "application/json").type("form").send({ _csrf: token, value: "up" })).status).toBe(200);
    await stream.waitFor((e) => e.event === "post" && (e.data as { up: number }).up === 1);
  });

  it("resumes from Last-Event-ID with exactly the comments written while away", async () => {
    const author = await signedUpMember(t);
    const reader = await signedUpMember(t);
    const number = await newPost(author.a, "이어 받는 글");
    const first = await comment(reader.a, number, "떠나기 전 댓글");
    const stream = await open(`/boards/005930/posts/${number}/live`);
    await stream.waitFor((e) => e.event === "post");
    stream.close();
    const missed = [await comment(reader.a, number, "떠난 사이 1"), await comment(reader.a, number, "떠난 사이 2")];
    const again = await open(`/boards/005930/posts/${number}/live`, { "Last-Event-ID": String(first) });
    await again.waitFor((e) => e.event === "post");
    expect(again.events.filter((e) => e.event === "comment").map((e) => Number(e.id))).toEqual(missed);
    // A resume point past the newest comment (forged, or from another board) is held to it:
    // the stream still hears what comes next.
    const forged = await open(`/boards/005930/posts/${number}/live`, { "Last-Event-ID": "999999999999999" });
    expect((await forged.waitFor((e) => e.event === "post")).id).toBe(String(missed[1]));
    const next = await comment(reader.a, number, "다음 댓글");
    await forged.waitFor((e) => e.event === "comment" && e.id === String(next));
  });

  it("ends, saying so, when an operator hides its post", async () => {
    const author = await signedUpMember(t);
    const op = await signedUpMember(t);
    await t.db.user.update({ where: { id: op.id }, data: { role: "operator" } });
    const number = await newPost(author.a, "숨겨질 글");
    const post = await t.db.post.findFirstOrThrow({ where: { number, board: { stockCode: "005930" } } });
    const list = await open(`/boards/005930/live?shown=${number}`);
    const stream = await open(`/boards/005930/posts/${number}/live`);
    await stream.waitFor((e) => e.event === "post");
    await list.waitFor((e) => e.event === "rows");
    expect((await postForm(op.a, `/admin/reports/post/${post.id}/hide`, { category: "spam" }, "/admin/reports")).status).toBe(303);
    expect((await stream.waitFor((e) => e.event === "post" && !!(e.data as { unseen?: string }).unseen)).data).toEqual({ unseen: "hidden" });
    await stream.waitForEnd();
    await list.waitFor((e) => e.event === "rows" && JSON.stringify(e.data) === JSON.stringify({ rows: [{ number, unseen: "hidden" }] }));
  });

  it("says so when its post is blinded, as the blind rule announces it", async () => {
    const author = await signedUpMember(t);
    const number = await newPost(author.a, "곧 블라인드될 글");
    const stream = await open(`/boards/005930/posts/${number}/live`);
    await stream.waitFor((e) => e.event === "post");
    const b = await board();
    // What applyBlindRule writes, then what announcePostChange says (src/modules/jury/blinding.service.ts).
    await t.db.post.update({ where: { boardId_number: { boardId: b.id, number } }, data: { blindedAt: new Date() } });
    t.changes.announce({ kind: "post", boardId: b.id, number }, { kind: "jury", boardId: b.id });
    expect((await stream.waitFor((e) => e.event === "post" && !!(e.data as { unseen?: string }).unseen)).data).toEqual({ unseen: "blinded" });
    await stream.waitForEnd();
  });

  it("ends with the reason when its post is deleted", async () => {
    const author = await signedUpMember(t);
    const number = await newPost(author.a, "곧 지울 글");
    const stream = await open(`/boards/005930/posts/${number}/live`);
    await stream.waitFor((e) => e.event === "post");
    const token = await csrfFor(author.a, `/boards/005930/posts/${number}`);
    expect((await author.a.post(`/boards/005930/posts/${number}/delete`).type("form").send({ _csrf: token })).status).toBe(303);
    expect((await stream.waitFor((e) => e.event === "post" && !!(e.data as { unseen?: string }).unseen)).data).toEqual({ unseen: "deleted" });
    await stream.waitForEnd();
  });

  it("tells a signed-in reader their 알림 count, and leaves out the comments of whom they block", async () => {
    const author = await signedUpMember(t);
    const friend = await signedUpMember(t);
    const blocked = await signedUpMember(t);
    const number = await newPost(author.a, "내 글");
    expect((await postForm(author.a, `/users/${blocked.id}/block`, {}, `/users/${blocked.id}`)).status).toBe(303);
    const mine = await open(`/boards/005930/posts/${number}/live`, { Cookie: cookieOf(author.a) });
    const anonymous = await open(`/boards/005930/posts/${number}/live`);
    expect((await mine.waitFor((e) => e.event === "notifications")).data).toEqual({ unread: 0 });
    const fromBlocked = await comment(blocked.a, number, "차단된 사람의 댓글");
    const fromFriend = await comment(friend.a, number, "친구의 댓글");
    await anonymous.waitFor((e) => e.event === "comment" && e.id === String(fromFriend));
    await mine.waitFor((e) => e.event === "comment" && e.id === String(fromFriend));
    expect(anonymous.events.some((e) => e.id === String(fromBlocked))).toBe(true);
    expect(mine.events.some((e) => e.event === "comment" && e.id === String(fromBlocked))).toBe(false);
    // The friend's comment is news to the author; the blocked member's is not (notify() skips them).
    await mine.waitFor((e) => e.event === "notifications" && (e.data as { unread: number }).unread === 1);
    expect(await t.db.notification.count({ where: { userId: author.id, readAt: null } })).toBe(1);
    expect(anonymous.events.some((e) => e.event === "notifications")).toBe(false);
  });
});

describe("refused streams", () => {
  it("refuse a forged Last-Event-ID, since or shown with a JSON error", async () => {
    for (const [path, headers] of [
      ["/boards/005930/live", { "Last-Event-ID": "abc" }],
      ["/boards/005930/live", { "Last-Event-ID": "9".repeat(16) }],
      ["/boards/005930/live", { "Last-Event-ID": "-1" }],
      ["/boards/005930/live?after=1e9", {}],
      ["/boards/005930/live?shown=1,2,x", {}],
      [`/boards/005930/live?shown=${Array.from({ length: 51 }, (_, i) => i + 1).join(",")}`, {}],
      ["/boards/005930/posts/1/live?since=yesterday", {}],
      ["/boards/005930/posts/1/live?after=1&after=2", {}],
    ] as const) {
      const c = await open(path, headers);
      expect(c.status, path).toBe(400);
      expect(refusal(c).error.code, path).toBe("validation");
    }
  });

  it("have no stream for a post nobody may read, nor for an unknown board or post", async () => {
    const author = await signedUpMember(t);
    const number = await newPost(author.a, "숨길 글");
    const b = await board();
    await t.db.post.update({ where: { boardId_number: { boardId: b.id, number } }, data: { hiddenAt: new Date() } });
    for (const path of [`/boards/005930/posts/${number}/live`, "/boards/005930/posts/999999/live", "/boards/999999/live"]) {
      const c = await open(path);
      expect(c.status, path).toBe(404);
      expect(refusal(c).error.code, path).toBe("not_found");
    }
  });
});

describe("bounds", () => {
  it("refuse a client past its streams and an instance past its own with 503 and Retry-After", async () => {
    const log = capturedLog("info");
    const limited = await setUpTestApp({ log: log.logger, env: { LIVE_STREAMS_PER_IP: "3", LIVE_STREAMS_MAX: "5", TRUST_PROXY: "1", LIVE_HEARTBEAT_SECONDS: "1" } });
    const { server: s, base: at } = await listen(limited);
    try {
      const mine = await Promise.all([1, 2, 3].map(() => open("/boards/005930/live", { "X-Forwarded-For": "198.51.100.7" }, at)));
      expect(mine.map((c) => c.status)).toEqual([200, 200, 200]);
      const fourth = await open("/boards/005930/live", { "X-Forwarded-For": "198.51.100.7" }, at);
      expect(fourth.status).toBe(503);
      expect(fourth.headers["retry-after"]).toBe("30");
      expect(refusal(fourth).error.message).toContain("너무 많습니다");
      // Another client still gets in, up to the instance's five.
      const others = await Promise.all([8, 9].map((n) => open("/boards/005930/live", { "X-Forwarded-For": `198.51.100.${n}` }, at)));
      expect(others.map((c) => c.status)).toEqual([200, 200]);
      const sixth = await open("/boards/005930/live", { "X-Forwarded-For": "198.51.100.10" }, at);
      expect(sixth.status).toBe(503);
      expect(refusal(sixth).error.message).toContain("더 열 수 없습니다");
      // A closed stream gives its place back, and leaves its log line (a refusal too).
      mine[0]!.close();
      await new Promise((r) => setTimeout(r, 100));
      const lines = log.lines.filter((l) => l.route === "/boards/:code/live");
      expect(lines.some((l) => l.status === 200 && l.aborted === true && typeof l.requestId === "string")).toBe(true);
      expect(lines.some((l) => l.status === 503)).toBe(true);
      expect((await open("/boards/005930/live", { "X-Forwarded-For": "198.51.100.7" }, at)).status).toBe(200);
      // Heartbeats keep an idle stream alive through proxies.
      await new Promise((r) => setTimeout(r, 1_300));
      expect(mine[1]!.comments).toBeGreaterThanOrEqual(1);
      const metrics = await agent(limited.app).get("/metrics");
      expect(metrics.text).toMatch(/^jongto_live_streams 5$/m);
      expect(metrics.text).toMatch(/^jongto_change_feed_up 1$/m);
    } finally {
      s.closeAllConnections();
      s.close();
    }
  });

  it("let a client opening hundreds at once have its limit and no more, and give every place back", async () => {
    const limited = await setUpTestApp({ env: { LIVE_STREAMS_PER_IP: "3" } });
    const { server: s, base: at } = await listen(limited);
    try {
      const burst = await Promise.all(Array.from({ length: 300 }, () => open("/boards/005930/live", {}, at)));
      expect(burst.filter((c) => c.status === 200)).toHaveLength(3);
      expect(burst.filter((c) => c.status === 503)).toHaveLength(297);
      for (const c of burst) c.close();
      await expect.poll(() => limited.app.locals.live.usage()).toEqual({ topics: 0, listeners: 0 });
      expect((await open("/boards/005930/live", {}, at)).status).toBe(200);
    } finally {
      s.closeAllConnections();
      s.close();
    }
  });

  // A server process of its own on a SQLite file (as operability.test.ts's shutdown tests).
  it.skipIf(onPostgres)("end with the server: on SIGTERM open streams close and the process exits", async () => {
    const file = await freshDatabaseFile("live-drain");
    try {
      const server = await startServer({ DATABASE_URL: `file:${file}` });
      const c = await open("/boards/005930/live", {}, server.url);
      await c.waitFor((e) => e.event === "rows");
      const started = Date.now();
      const exited = server.kill("SIGTERM");
      await c.waitForEnd();
      expect(await exited).toBe(0);
      expect(Date.now() - started).toBeLessThan(5_000); // not the 10 s a stuck connection would force
    } finally {
      removeDatabaseFile(file);
    }
  });

  it("name the change feed in /readyz", async () => {
    const res = await agent(t.app).get("/readyz");
    expect(res.status).toBe(200);
    expect(res.body.changeFeed).toBe("process: connected");
  });
});

describe("the page cache and the streams", () => {
  it("hear the same announcement: the next anonymous reader and the open page both see a comment", async () => {
    const author = await signedUpMember(t);
    const number = await createPost(t, { title: "캐시와 스트림" }).then((p) => p.number);
    const page = `/boards/005930/posts/${number}`;
    await agent(t.app).get(page);
    expect((await agent(t.app).get(page)).headers["x-cache"]).toBe("hit");
    const stream = await open(`${page}/live`);
    await stream.waitFor((e) => e.event === "post");
    const id = await comment(author.a, number, "둘 다 보는 댓글");
    await stream.waitFor((e) => e.event === "comment" && e.id === String(id));
    const next = await agent(t.app).get(page);
    expect(next.status).toBe(200);
    expect(next.headers["x-cache"]).toBe("miss");
    expect(next.text).toContain("둘 다 보는 댓글");
  });
});
