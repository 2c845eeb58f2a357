// What an independent probe and a new user broke (issue "trust holds"), each answered at its
// cause: a request that stalls the server, a suspension that does not suspend, jury promises,
// text that is not what it looks like, HTTP answers that lie. Every refusal reads back the rows.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "../../src/generated/prisma/client.ts";
import { DEFAULT_RATE_LIMITS } from "../../src/http/rate-limit.ts";
import { DbSessionStore } from "../../src/http/session-store.ts";
import { authenticate } from "../../src/modules/accounts/accounts.service.ts";
import { sessionRows } from "../../src/modules/accounts/sessions.service.ts";
import { UNSEARCHABLE } from "../../src/modules/search/search.rules.ts";
import { createComment, createPost, createPosts } from "../factories.ts";
import {
  agent,
  csrfFor,
  databaseSnapshot,
  onPostgres,
  postForm,
  request,
  setUpTestApp,
  signedUpMember,
  signIn,
  signUp,
  tokenFrom,
  type TestContext,
} from "../helpers.ts";

type Member = Awaited<ReturnType<typeof signedUpMember>>;

const marks = (n: number) => Array.from({ length: n }, (_, i) => ["\u0301", "\u0316", "\u0300", "\u0317"][i % 4]).join("");
const jsonPost = async (m: { a: Member["a"] }, path: string, body: object = {}) =>
  m.a.post(path).set("Accept", "application/json").set("X-CSRF-Token", await csrfFor(m.a, "/")).send(body);

/**
 * `count` members who joined in September and wrote on 005930 in October, the first the most
 * (first + count - i posts each): November's panel, in that order. The clock is set to November.
 */
async function octoberMembers(s: TestContext, count: number, first = count): Promise<Member[]> {
  s.time.set("2026-11-15T03:00:00Z");
  const members: Member[] = [];
  for (let i = 0; i < count; i++) {
    const m = await signedUpMember(s);
    await s.db.user.update({ where: { id: m.id }, data: { createdAt: new Date("2026-09-01T00:00:00Z") } });
    await createPosts(s, first - i + 1, { authorId: m.id, createdAt: new Date("2026-10-10T03:00:00Z") });
    members.push(m);
  }
  return members;
}

describe("one request never stalls the server", () => {
  let t: TestContext;
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    t = await setUpTestApp();
    server = http.createServer(t.app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Runs `hostile` while /healthz is asked every 10 ms; returns the slowest /healthz answer (ms). */
  async function slowestHealthzDuring(hostile: () => Promise<unknown>): Promise<number> {
    let slowest = 0;
    let running = true;
    const probe = (async () => {
      while (running) {
        const started = performance.now();
        await new Promise<void>((resolve, reject) => http.get(`${base}/healthz`, (res) => res.resume().on("end", resolve)).on("error", reject));
        slowest = Math.max(slowest, performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    try {
      await hostile();
      await new Promise((resolve) => setTimeout(resolve, 30)); // one more probe after the request
    } finally {
      running = false;
      await probe;
    }
    return slowest;
  }

  it("answers the probe's exact shapes at once, and /healthz within 100 ms meanwhile", async () => {
    const a = request.agent(base);
    const owner = await signedUpMember(t);
    const post = await createPost(t, { authorId: owner.id });
    const other = agent(t.app);
    await signUp(other);
    const otherToken = await csrfFor(other, "/");
    const before = await databaseSnapshot(t);
    const nickname = `a${marks(120_000)}`; // 240 KB of JSON: 15–33 s of normalize() before the fix
    const signUpPage = await a.get("/signup");
    const shapes: [string, () => Promise<{ status: number; text: string }>][] = [
      [
        "sign-up with a + 120,000 combining marks",
        () => a.post("/signup").set("X-CSRF-Token", tokenFrom(signUpPage.text)).send({ loginId: "stall_probe", nickname, password: "long enough pw", agree: "on", passwordConfirm: "long enough pw" }),
      ],
      [
        "the same text as an edit of someone else's post",
        () => other.post(`/boards/005930/posts/${post.number}/edit`).set("X-CSRF-Token", otherToken).send({ title: nickname, body: "본문" }),
      ],
      ["a punctuation-only search", () => a.get("/boards/005930?field=title_content&q=%21")],
      ["a lone-syllable search", () => a.get(`/boards/005930?field=content&q=${encodeURIComponent("늘")}`)],
      ["a search of one letter and 2,000 marks", () => a.get(`/boards/005930?q=${encodeURIComponent(`a${marks(2000)}`)}`)],
    ];
    for (const [name, send] of shapes) {
      let res!: { status: number; text: string };
      const slowest = await slowestHealthzDuring(async () => (res = await send()));
      expect(res.status, name).toBeGreaterThanOrEqual(400);
      expect(res.status, name).toBeLessThan(500);
      expect(slowest, `${name}: slowest /healthz ${slowest.toFixed(0)} ms`).toBeLessThan(100);
    }
    const after = await databaseSnapshot(t);
    expect({ ...after, sessions: before.sessions }).toEqual(before); // sign-up pages may start sessions; nothing else
    expect(await t.db.user.count({ where: { loginId: "stall_probe" } })).toBe(0);
  });

  it("refuses each shape with a Korean message that names the field", async () => {
    const page = await agent(t.app).get("/signup");
    const cookie = (page.headers["set-cookie"] as unknown as string[]).map((c) => c.split(";")[0]!);
    const signUpWith = (nickname: string) =>
      request(t.app).post("/signup").set("Cookie", cookie).type("form").send({ loginId: "mark_nick", nickname, password: "long enough pw", agree: "on", passwordConfirm: "long enough pw", _csrf: tokenFrom(page.text) });
    const long = await signUpWith(`a${marks(30_000)}`); // as a form: 180 KB encoded
    expect(long.status).toBe(400);
    expect(long.text).toContain("닉네임은 12자 이내로 입력해 주세요.");
    const zalgo = await signUpWith(`a${marks(5)}b`);
    expect(zalgo.status).toBe(400);
    expect(zalgo.text).toContain("한 글자에 붙은 결합 문자(악센트 등)가 너무 많습니다");
    const search = await request(t.app).get("/boards/005930?field=title_content&q=%21%21").expect(400);
    expect(search.text).toContain(UNSEARCHABLE);
    expect(search.text).toContain('value="!!"');
    expect(await t.db.user.count({ where: { loginId: "mark_nick" } })).toBe(0);
  });

  it("checks whose post it is before reading an edit, and limits edits like other writes", async () => {
    const s = await setUpTestApp({ rateLimits: DEFAULT_RATE_LIMITS });
    const owner = await signedUpMember(s);
    const stranger = await signedUpMember(s);
    const post = await createPost(s, { authorId: owner.id });
    const path = `/boards/005930/posts/${post.number}/edit`;
    const token = await csrfFor(stranger.a, "/");
    // Refused as not theirs even when the text itself is bad: ownership first.
    const res = await stranger.a.post(path).set("Accept", "application/json").set("X-CSRF-Token", token).send({ title: "", body: "" });
    expect(res.status).toBe(403);
    const ownerToken = await csrfFor(owner.a, "/");
    const statuses = [];
    for (let i = 0; i < 25; i++) {
      statuses.push((await owner.a.post(path).set("Accept", "application/json").set("X-CSRF-Token", ownerToken).send({ title: `제목 ${i}`, body: `내용 ${i}` })).status);
    }
    expect(statuses.filter((st) => st === 429).length).toBeGreaterThan(0);
    expect(statuses.indexOf(429)).toBe(20); // editsPerUser: 20 a minute
    const stored = await s.db.post.findUniqueOrThrow({ where: { id: post.id } });
    expect(stored.title).toBe("제목 19");
  });
});

describe("suspension means suspended", () => {
  let t: TestContext;
  let op: Member;
  beforeAll(async () => {
    t = await setUpTestApp();
    op = await signedUpMember(t);
    await t.db.user.update({ where: { id: op.id }, data: { role: "operator" } });
  });

  const suspend = async (m: Member) => {
    const post = await createPost(t, { authorId: m.id });
    const res = await postForm(op.a, `/admin/posts/${post.id}/suspend-author`, { category: "abuse", term: "7" }, "/");
    expect(res.status).toBe(303);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: m.id } })).suspendedUntil).not.toBeNull();
  };

  it("never brings back a member's session row once a suspension deleted it (the store only updates)", async () => {
    const m = await signedUpMember(t);
    const [row] = await t.db.session.findMany({ where: { userId: m.id } });
    const store = new DbSessionStore(sessionRows(t));
    const loaded = await new Promise<Record<string, unknown>>((resolve, reject) => store.get(row!.sid, (err, data) => (err ? reject(err) : resolve(data as never))));
    await suspend(m); // a request that loaded the session before this saves it after
    expect(await t.db.session.count({ where: { userId: m.id } })).toBe(0);
    await new Promise<void>((resolve, reject) => store.set(row!.sid, { ...(loaded as object), flash: { kind: "ok", message: "late" } } as never, (err) => (err ? reject(err) : resolve())));
    expect(await t.db.session.count({ where: { userId: m.id } })).toBe(0);
    // The same for 다른 기기 로그아웃: a stale save of an ended session does not revive it.
    const n = await signedUpMember(t);
    const other = agent(t.app);
    await signIn(other, n.loginId, n.password);
    const rows = await t.db.session.findMany({ where: { userId: n.id } });
    expect(rows).toHaveLength(2);
    await postForm(n.a, "/account/sessions/others", {}, "/account/security");
    const left = await t.db.session.findMany({ where: { userId: n.id } });
    expect(left).toHaveLength(1);
    const ended = rows.find((r) => r.sid !== left[0]!.sid)!;
    await new Promise<void>((resolve, reject) => store.set(ended.sid, JSON.parse(ended.data) as never, (err) => (err ? reject(err) : resolve())));
    expect(await t.db.session.count({ where: { userId: n.id } })).toBe(1);
    // While signed out by a suspension, the member's next request is anonymous.
    const page = await m.a.get("/").expect(200);
    expect(page.text).not.toContain("로그아웃");
  });

  it("reads the standing again after the password check: a suspension made meanwhile keeps the member out", async () => {
    const m = await signedUpMember(t);
    await m.a.post("/logout").type("form").send({ _csrf: await csrfFor(m.a, "/") });
    let suspended = false;
    // The suspension lands while the hash is being checked: right after the account was read.
    const racing = {
      ...t,
      sql: {
        transaction: (body) => t.sql.transaction(body),
        read: async <T,>(query: Prisma.Sql): Promise<T> => {
          const rows = await t.sql.read<T>(query);
          // The sign-in's read of the account (its password hash), before the hash check.
          if (!suspended && query.sql.includes('"passwordHash"') && query.sql.includes('"loginId" =')) {
            suspended = true;
            await t.db.user.update({ where: { id: m.id }, data: { suspendedUntil: new Date("2099-01-01T00:00:00Z"), suspensionReason: "스팸·광고(리딩방)" } });
          }
          return rows;
        },
      },
    } as TestContext;
    const result = await authenticate(racing, m.loginId, m.password);
    expect(suspended).toBe(true);
    expect(result.kind).toBe("suspended");
  });

  it("refuses every write of a session that outlived the suspension, and ends it", async () => {
    const writer = await signedUpMember(t);
    const post = await createPost(t, { authorId: writer.id });
    const path = `/boards/005930/posts/${post.number}`;
    // The member's own post, comment and notification, and an opinion as a juror, all from before.
    const m = await signedUpMember(t);
    const own = await createPost(t, { authorId: m.id, title: "내 글" });
    const ownPath = `/boards/005930/posts/${own.number}`;
    const comment = await createComment(t.db, post.id, m.id, "내 댓글");
    const token = await csrfFor(m.a, "/");
    const survivor = await t.db.session.findFirstOrThrow({ where: { userId: m.id } });
    await t.db.user.update({ where: { id: m.id }, data: { suspendedUntil: new Date("2099-01-01T00:00:00Z"), suspensionReason: "욕설·비방" } });
    const before = await databaseSnapshot(t);
    const writes: [string, object][] = [
      [`${ownPath}/edit`, { title: "고친 제목", body: "고친 내용" }],
      [`${ownPath}/delete`, {}],
      [`${path}/comments/${comment.id}/delete`, {}],
      [`${path}/comments`, { body: "댓글" }],
      [`${path}/vote`, { value: "down" }],
      [`${path}/report`, { category: "spam" }],
      [`${path}/opinion/withdraw`, {}],
      ["/account/password", { currentPassword: m.password, newPassword: "another long pw", newPasswordConfirm: "another long pw" }],
      ["/notifications/read-all", {}],
      ["/boards/005930/posts", { title: "새 글", body: "내용" }],
    ];
    for (const [url, body] of writes) {
      await t.db.session.deleteMany({ where: { sid: survivor.sid } });
      await t.db.session.create({ data: survivor }); // the row as a racing request left it
      const res = await m.a.post(url).set("Accept", "application/json").set("X-CSRF-Token", token).send(body);
      expect(res.status, url).toBe(403);
      expect(res.body.error.message, url).toContain("운영정책 위반으로 이용이 제한된 계정입니다.");
      expect(await t.db.session.count({ where: { userId: m.id } }), url).toBe(0);
    }
    const after = await databaseSnapshot(t);
    expect({ ...after, sessions: before.sessions }).toEqual(before);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: m.id } })).passwordHash).toBe(before.users.find((u) => u.id === m.id)!.passwordHash);
  });
});

describe("the jury and appeals keep their promises", () => {
  const NOV = new Date("2026-11-10T03:00:00Z");

  /** A board whose November panel is ten members (ranked by their October posts), the last of whom writes the post. */
  async function juryBoard() {
    const t = await setUpTestApp();
    const jurors = await octoberMembers(t, 10, 11);
    const author = jurors[9]!; // a juror too
    const post = await createPost(t, { authorId: author.id, title: "링크는 댓글로 드립니다", body: "수익 보장 리딩방 본문" });
    const { addDownVotes } = await import("../factories.ts");
    await addDownVotes(t.db, post.id, 2);
    const path = `/boards/005930/posts/${post.number}`;
    for (const j of jurors.slice(0, 4)) expect((await jsonPost(j, `${path}/opinion`)).status).toBe(200);
    expect((await t.db.post.findUniqueOrThrow({ where: { id: post.id } })).blindedAt).not.toBeNull();
    return { t, jurors, author, post, path };
  }

  it("never lets the author hear their own appeal, even as a juror, and shows hearers what they decide on", async () => {
    const { t, jurors, author, path } = await juryBoard();
    expect((await jsonPost(author, `${path}/appeal`, { reason: "정상적인 분석 글입니다" })).status).toBe(201);
    const own = await jsonPost(author, `${path}/appeal/vote`, { value: "restore" });
    expect(own.status).toBe(403);
    expect(own.body.error.message).toBe("내 글의 이의 신청은 심사할 수 없습니다.");
    expect(await t.db.appealVote.count()).toBe(0);
    const authorPage = await author.a.get(path).expect(200);
    expect(authorPage.text).not.toContain('name="value" value="restore"');
    const authorJury = await author.a.get("/boards/005930/jury").expect(200);
    expect(authorJury.text).not.toContain('id="hear-title"');

    // A hearer (no opinion on the post) reads the text and the reason, on the post page and the jury page.
    const hearer = jurors[5]!;
    const page = await hearer.a.get(path).expect(200);
    expect(page.text).toContain("수익 보장 리딩방 본문");
    expect(page.text).toContain("정상적인 분석 글입니다");
    expect(page.text).toContain('name="value" value="restore"');
    const jury = await hearer.a.get("/boards/005930/jury").expect(200);
    const hear = jury.text.slice(jury.text.indexOf('id="hear-title"'));
    expect(hear).toContain("수익 보장 리딩방 본문");
    expect(hear).toContain("정상적인 분석 글입니다");
    // Nobody else: a juror who spoke, and an anonymous reader.
    for (const text of [(await jurors[0]!.a.get(path).expect(200)).text, (await request(t.app).get(path).expect(200)).text]) {
      expect(text).not.toContain("수익 보장 리딩방 본문");
      expect(text).not.toContain("정상적인 분석 글입니다");
    }
  });

  it("keeps a blinded post's comments readable and takes no new comment or reply", async () => {
    const { t, jurors, post, path } = await juryBoard();
    const before = await databaseSnapshot(t);
    const existing = before.comments.find((c) => c.postId === post.id);
    expect(existing).toBeUndefined();
    const reader = jurors[6]!;
    const comment = await jsonPost(reader, `${path}/comments`, { body: "링크 주세요" });
    expect(comment.status).toBe(403);
    expect(comment.body.error.message).toBe("블라인드 처리된 글에는 댓글을 쓸 수 없습니다.");
    expect(await databaseSnapshot(t)).toEqual(before);
    const page = await reader.a.get(path).expect(200);
    expect(page.text).toContain("블라인드 처리된 글이라 새 댓글을 받지 않습니다.");
    expect(page.text).not.toContain('class="comment-form__form"');
    expect(page.text).not.toContain('id="reply-template"');
  });

  it("never lets the panel that restored a post blind it again; a later panel may, and the logs show both", async () => {
    const { t, jurors, author, post, path } = await juryBoard();
    await jsonPost(author, `${path}/appeal`, { reason: "복원해 주세요" });
    for (const j of jurors.slice(4, 7)) await jsonPost(j, `${path}/appeal/vote`, { value: "restore" });
    expect((await t.db.post.findUniqueOrThrow({ where: { id: post.id } })).blindedAt).toBeNull();
    t.time.advance(14 * 60_000); // the probe's fourteen minutes
    const opinions = await t.db.juryOpinion.count();
    for (const j of [jurors[4]!, jurors[5]!, jurors[7]!, jurors[8]!]) {
      const res = await jsonPost(j, `${path}/opinion`);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain("복원을 결정한 이번 달 운영배심원은");
    }
    expect(await t.db.juryOpinion.count()).toBe(opinions);
    // The jurors whose opinions blinded it: no "글 내리기 취소" that would withdraw nothing.
    const spoke = await jurors[0]!.a.get(path).expect(200);
    expect(spoke.text).not.toContain("글 내리기 취소");
    expect(spoke.text).toContain("이번 달 운영배심원은 이 글을 다시 블라인드 처리할 수 없습니다.");
    const withdraw = await jsonPost(jurors[0]!, `${path}/opinion/withdraw`);
    expect(withdraw.status).toBe(403);
    expect(await t.db.post.findUniqueOrThrow({ where: { id: post.id } })).toMatchObject({ blindedAt: null, opinionCount: 0 });
    expect(await t.db.juryOpinion.count()).toBe(opinions);

    // The public record: the restore in /moderation and on the jury page's blind log.
    const log = await request(t.app).get("/moderation").expect(200);
    expect(log.text).toMatch(/이의 신청으로 복원<\/td>\s*<td>\s*<a href="\/boards\/005930\/posts\/\d+">삼성전자 \d+번 글<\/a>/);
    const jury = await request(t.app).get("/boards/005930/jury").expect(200);
    expect(jury.text).toContain("이의 신청으로 복원 ");
    expect(jury.text).not.toContain("블라인드 처리는 되돌릴 수 없고");

    // December's panel (chosen from November's activity) may blind it again.
    for (const j of jurors.slice(0, 8)) await createPosts(t, 3, { authorId: j.id, createdAt: NOV });
    t.time.set("2026-12-05T03:00:00Z");
    for (const j of [jurors[4]!, jurors[5]!, jurors[6]!, jurors[7]!]) expect((await jsonPost(j, `${path}/opinion`)).status).toBe(200);
    expect((await t.db.post.findUniqueOrThrow({ where: { id: post.id } })).blindedAt).not.toBeNull();
    const after = await request(t.app).get("/boards/005930/jury").expect(200);
    const blindLog = after.text.slice(after.text.indexOf('id="log-title"'), after.text.indexOf("운영 기록</a>에 공개됩니다"));
    expect(blindLog.match(new RegExp(`${post.number}번 글`, "g"))).toHaveLength(2);
    expect(blindLog.match(/이의 신청으로 복원 /g)).toHaveLength(1); // the first blinding only
  });

  it("sends reports about an operator's own writing to another operator", async () => {
    const t = await setUpTestApp();
    const op = await signedUpMember(t);
    const other = await signedUpMember(t);
    await t.db.user.updateMany({ where: { id: { in: [op.id, other.id] } }, data: { role: "operator" } });
    const reader = await signedUpMember(t);
    const post = await createPost(t, { authorId: op.id, title: "운영자가 쓴 글" });
    const comment = await createComment(t.db, post.id, op.id, "운영자 댓글");
    const path = `/boards/005930/posts/${post.number}`;
    expect((await jsonPost(reader, `${path}/report`, { category: "spam" })).status).toBe(201);
    expect((await jsonPost(reader, `${path}/comments/${comment.id}/report`, { category: "abuse" })).status).toBe(201);
    const queue = await op.a.get("/admin/reports").expect(200);
    expect(queue.text).toContain("다른 운영자가 처리합니다.");
    expect(queue.text).not.toContain(`/admin/reports/post/${post.id}/dismiss`);
    const before = await databaseSnapshot(t);
    const reports = await t.db.report.findMany({ orderBy: { id: "asc" } });
    for (const [url, body] of [
      [`/admin/reports/post/${post.id}/dismiss`, {}],
      [`/admin/reports/post/${post.id}/hide`, { category: "spam" }],
      [`/admin/reports/comment/${comment.id}/hide`, { category: "abuse" }],
      [`/admin/posts/${post.id}/hide`, { category: "spam" }],
    ] as const) {
      const res = await op.a.post(url).type("form").send({ _csrf: await csrfFor(op.a, "/"), ...body });
      expect(res.status, url).toBe(403);
      expect(res.text, url).toContain("다른 운영자가 해야 합니다.");
    }
    expect(await databaseSnapshot(t)).toEqual(before);
    expect(await t.db.report.findMany({ orderBy: { id: "asc" } })).toEqual(reports);
    expect(await t.db.moderationLog.count()).toBe(0);
    // Another operator may.
    const ok = await other.a.post(`/admin/reports/post/${post.id}/dismiss`).type("form").send({ _csrf: await csrfFor(other.a, "/") });
    expect(ok.status).toBe(303);
    expect(await t.db.report.count({ where: { postId: post.id, commentId: null, closedAt: null } })).toBe(0);
  });
});

describe("text is what it looks like", () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await setUpTestApp();
  });

  const signUpForm = async (fields: Record<string, string>) => {
    const page = await agent(t.app).get("/signup");
    const cookie = (page.headers["set-cookie"] as unknown as string[]).map((c) => c.split(";")[0]!);
    return request(t.app).post("/signup").set("Cookie", cookie).type("form").send({ password: "long enough pw", agree: "on", passwordConfirm: "long enough pw", _csrf: tokenFrom(page.text), ...fields });
  };

  it("refuses a nickname that looks like a taken one: a variation selector, another script, rn for m", async () => {
    expect((await signUpForm({ loginId: "alice_ko", nickname: "앨리스" })).status).toBe(303);
    expect((await signUpForm({ loginId: "moon_en", nickname: "moon" })).status).toBe(303);
    for (const [loginId, nickname, taken] of [
      ["alice_vs", "앨리스\u{e0100}", null], // shows nothing: refused as invisible
      ["moon_rn", "rnoon", "moon"],
      ["moon_fw", "ｍｏｏｎ", "moon"],
    ] as const) {
      const before = await t.db.user.count();
      const res = await signUpForm({ loginId, nickname });
      expect(res.status, nickname).toBe(400);
      expect(res.text).toContain(nickname); // what was typed comes back
      if (taken) expect(res.text).toContain(`이미 있는 닉네임 &#39;${taken}&#39;`);
      expect(await t.db.user.count()).toBe(before);
    }
    // Cyrillic а against a Latin alice that exists.
    expect((await signUpForm({ loginId: "alice_la", nickname: "alice" })).status).toBe(303);
    const cyrillic = await signUpForm({ loginId: "alice_cy2", nickname: "\u0430lice" });
    expect(cyrillic.status).toBe(400);
    expect(cyrillic.text).toContain("이미 있는 닉네임 &#39;alice&#39;에 너무 가까워 구별하기 어렵습니다.");
    const stored = await t.db.user.findUniqueOrThrow({ where: { loginId: "alice_la" } });
    expect(stored.nicknameKey).toBe("alice");
  });

  it("refuses titles and comments made only of variation selectors 17–256, and sees through them in 도배", async () => {
    const m = await signedUpMember(t);
    const before = await databaseSnapshot(t);
    for (const blank of ["\u{e0100}\u{e0101}", "\u{e01ef}", "\u{e0100} \u2800"]) {
      const res = await postForm(m.a, "/boards/005930/posts", { title: blank, body: "본문" }, "/boards/005930/write");
      expect(res.status, JSON.stringify(blank)).toBe(400);
      expect(res.text).toContain("제목을 입력해 주세요.");
      const comment = await jsonPost(m, "/boards/005930/posts/1/comments", { body: blank });
      expect(comment.status).toBe(400);
    }
    expect(await databaseSnapshot(t)).toEqual(before);
    const first = await postForm(m.a, "/boards/005930/posts", { title: "무료 리딩방 모집", body: "오픈채팅으로 오세요" }, "/boards/005930/write");
    expect(first.status).toBe(303);
    const copy = await postForm(m.a, "/boards/000660/posts", { title: "무료\u{e0100} 리딩방 모집", body: "오픈\u{e0101}채팅으로 오세요" }, "/boards/000660/write");
    expect(copy.status).toBe(409);
    expect(copy.text).toContain("같은 제목과 내용의 글을 24시간 안에 다시 올릴 수 없습니다.");
  });

  it("refuses a lone surrogate at the edge, in any field, and stores nothing", async () => {
    const m = await signedUpMember(t);
    const before = await databaseSnapshot(t);
    for (const [path, body] of [
      ["/boards/005930/posts", { title: "제목\ud800", body: "본문" }],
      ["/boards/005930/posts", { title: "제목", body: "본문\udc00" }],
      ["/boards/005930/posts/1/comments", { body: "댓글\ud83d" }],
      ["/boards/005930/posts/1/report", { category: "spam", reason: "\udfff" }],
    ] as const) {
      const res = await jsonPost(m, path, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.message).toContain("깨진 문자");
    }
    expect(await databaseSnapshot(t)).toEqual(before);
  });

  it("bounds every limit in code points too: a '100-character' title of 902 code points, an 80,200-point reason", async () => {
    const m = await signedUpMember(t);
    const before = await databaseSnapshot(t);
    const heavy = `a${marks(4)}${"\u200d".repeat(4)}`; // one character a person sees, nine code points
    const title = await postForm(m.a, "/boards/005930/posts", { title: heavy.repeat(100), body: "본문" }, "/boards/005930/write");
    expect(title.status).toBe(400);
    expect(title.text).toContain("제목은 100자 이내로 입력해 주세요.");
    const reason = await jsonPost(m, "/boards/005930/posts/1/report", { category: "other", reason: `a${"\u200d".repeat(80_199)}` });
    expect(reason.status).toBe(400);
    expect(reason.body.error.message).toContain("신고 내용은 200자 이내로 입력해 주세요.");
    // One character of five code points (a family emoji) is still one character.
    const family = await postForm(m.a, "/boards/005930/posts", { title: "👨‍👩‍👧 가족 여행주", body: "본문" }, "/boards/005930/write");
    expect(family.status).toBe(303);
    expect((await databaseSnapshot(t)).posts.length).toBe(before.posts.length + 1);
  });
});

describe("HTTP details tell the truth", () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await setUpTestApp({ env: { PAGE_CACHE: "on" } });
  });

  it("never sends gzip to a client that refused it with q=0", async () => {
    await request(t.app).get("/boards/005930").expect(200); // a miss fills the cache
    const { body, headers } = await new Promise<{ body: Buffer; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
      const server = http.createServer(t.app).listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo;
        http.get({ port, path: "/boards/005930", headers: { "accept-encoding": "gzip;q=0, identity" } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c)).on("end", () => server.close(() => resolve({ body: Buffer.concat(chunks), headers: res.headers })));
        }).on("error", reject);
      });
    });
    expect(headers["x-cache"]).toBe("hit");
    expect(headers["content-encoding"]).toBeUndefined();
    expect(body.toString("utf8")).toContain("<html");
  });

  it("answers API errors as JSON however the path is cased", async () => {
    for (const path of ["/API/v1/boards/999999", "/Api/V1/boards/005930/posts/999999", "/API/v1/nowhere", "/Boards/005930/Feed.atom".replace("005930", "999998")]) {
      const res = await request(t.app).get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers["content-type"], path).toMatch(/^application\/json/);
      expect(res.body.error.code, path).toBe("not_found");
    }
  });

  it("shows no counts of a blinded or hidden post on a profile or in a list, as its page shows none", async () => {
    const author = await signedUpMember(t);
    const post = await createPost(t, { authorId: author.id, title: "가려질 글", viewCount: 4321 });
    await t.db.post.update({ where: { id: post.id }, data: { upCount: 77, commentCount: 55, blindedAt: new Date() } });
    for (const url of [`/users/${author.id}`, "/boards/005930?page=1"]) {
      const page = await request(t.app).get(url).expect(200);
      const row = page.text.split("<tr").find((r) => r.includes(`/posts/${post.number}"`))!;
      expect(row, url).toBeDefined();
      for (const n of ["4321", "77", "[55]"]) expect(row, `${url} ${n}`).not.toContain(n);
    }
    const postPage = await request(t.app).get(`/boards/005930/posts/${post.number}`).expect(200);
    expect(postPage.text).not.toContain("4321");
  });

  it("keeps a hidden comment as the operator left it, and never restores what the author deleted", async () => {
    const op = await signedUpMember(t);
    await t.db.user.update({ where: { id: op.id }, data: { role: "operator" } });
    const author = await signedUpMember(t);
    const post = await createPost(t, { authorId: op.id });
    const hidden = await createComment(t.db, post.id, author.id, "가려진 댓글");
    await t.db.comment.update({ where: { id: hidden.id }, data: { hiddenAt: new Date(), hiddenReason: "abuse" } });
    const path = `/boards/005930/posts/${post.number}`;
    const del = await jsonPost(author, `${path}/comments/${hidden.id}/delete`);
    expect(del.status).toBe(403);
    expect(del.body.error.message).toBe("숨김 처리된 댓글은 삭제할 수 없습니다.");
    expect((await t.db.comment.findUniqueOrThrow({ where: { id: hidden.id } })).deletedAt).toBeNull();
    const page = await author.a.get(path).expect(200);
    expect(page.text).not.toContain(`/comments/${hidden.id}/delete`);
    // A comment the author deleted: there is nothing for an operator to restore or hide.
    const deleted = await createComment(t.db, post.id, author.id, "지운 댓글");
    await t.db.comment.update({ where: { id: deleted.id }, data: { deletedAt: new Date() } });
    const logRows = await t.db.moderationLog.count();
    for (const action of ["restore", "hide"]) {
      const res = await postForm(op.a, `/admin/comments/${deleted.id}/${action}`, { category: "abuse" }, "/");
      expect(res.status, action).toBe(409);
      expect(res.text).toContain("삭제된 댓글입니다.");
    }
    expect(await t.db.moderationLog.count()).toBe(logRows);
    expect(await t.db.comment.findUniqueOrThrow({ where: { id: deleted.id } })).toMatchObject({ hiddenAt: null });
  });
});

describe("the rules the mutation audit found untested", () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await setUpTestApp();
  });

  it("accepts a one-character title and stores it", async () => {
    const m = await signedUpMember(t);
    const res = await postForm(m.a, "/boards/005930/posts", { title: "a", body: "한 글자 제목" }, "/boards/005930/write");
    expect(res.status).toBe(303);
    const number = Number(res.headers.location!.split("/").pop());
    expect(await t.db.post.findFirstOrThrow({ where: { number, board: { stockCode: "005930" } } })).toMatchObject({ title: "a", body: "한 글자 제목" });
  });

  it("reopens commenting at the next KST day once the daily cap is reached", async () => {
    const m = await signedUpMember(t);
    const post = await createPost(t);
    const path = `/boards/005930/posts/${post.number}/comments`;
    t.time.set("2026-11-28T14:00:00Z"); // 23:00 KST
    for (let i = 0; i < 50; i++) await t.db.comment.create({ data: { postId: post.id, authorId: m.id, body: `댓글 ${i}`, createdAt: t.clock() } });
    const capped = await jsonPost(m, path, { body: "51번째" });
    expect(capped.status).toBe(429);
    t.time.set("2026-11-28T14:59:00Z"); // 23:59 KST: still the same day
    expect((await jsonPost(m, path, { body: "여전히 오늘" })).status).toBe(429);
    t.time.set("2026-11-28T15:00:00Z"); // 00:00 KST the next day
    const next = await jsonPost(m, path, { body: "다음 날 첫 댓글" });
    expect(next.status).toBe(201);
    expect(await t.db.comment.count({ where: { authorId: m.id } })).toBe(51);
  });

  it("refuses comments and replies on a hidden post, and writes none", async () => {
    const m = await signedUpMember(t);
    const post = await createPost(t);
    const existing = await createComment(t.db, post.id, m.id, "숨기기 전 댓글");
    await t.db.post.update({ where: { id: post.id }, data: { hiddenAt: new Date(), hiddenReason: "spam" } });
    const path = `/boards/005930/posts/${post.number}/comments`;
    const before = await databaseSnapshot(t);
    expect((await jsonPost(m, path, { body: "숨김 글 댓글" })).status).toBe(403);
    expect((await jsonPost(m, path, { body: "숨김 글 답글", parentId: existing.id })).status).toBe(403);
    expect(await databaseSnapshot(t)).toEqual(before);
  });

  it("counts one member viewing from two browsers once", async () => {
    const m = await signedUpMember(t);
    const post = await createPost(t);
    const second = agent(t.app);
    await signIn(second, m.loginId, m.password);
    const path = `/boards/005930/posts/${post.number}`;
    await m.a.get(path).set("User-Agent", "Firefox").expect(200);
    await second.get(path).set("User-Agent", "Chrome").expect(200);
    await t.app.locals.viewCounter.flush();
    expect((await t.db.post.findUniqueOrThrow({ where: { id: post.id } })).viewCount).toBe(1);
  });

  it("seats at most ten of twelve eligible members, by score", async () => {
    const s = await setUpTestApp();
    const members = await octoberMembers(s, 12);
    const jury = await request(s.app).get("/boards/005930/jury").expect(200);
    const panel = jury.text.slice(jury.text.indexOf('id="panel-title"'), jury.text.indexOf('id="rules-title"'));
    for (const m of members.slice(0, 10)) expect(panel, m.nickname).toContain(`>${m.nickname}<`);
    for (const m of members.slice(10)) expect(panel, m.nickname).not.toContain(`>${m.nickname}<`);
    expect(await s.db.juryMember.count()).toBe(10);
  });

  it("refuses a suspended juror's 글 내리기 and writes no opinion", async () => {
    const s = await setUpTestApp();
    const [juror] = (await octoberMembers(s, 1, 2)) as [Member];
    const post = await createPost(s);
    const path = `/boards/005930/posts/${post.number}`;
    await juror.a.get(path).expect(200); // the panel is chosen, with the juror on it
    expect(await s.db.juryMember.count({ where: { userId: juror.id } })).toBe(1);
    const token = await csrfFor(juror.a, path);
    await s.db.user.update({ where: { id: juror.id }, data: { suspendedUntil: new Date("2099-01-01T00:00:00Z") } });
    const res = await juror.a.post(`${path}/opinion`).set("Accept", "application/json").set("X-CSRF-Token", token).send({});
    expect(res.status).toBe(403);
    expect(await s.db.juryOpinion.count()).toBe(0);
    expect((await s.db.post.findUniqueOrThrow({ where: { id: post.id } })).opinionCount).toBe(0);
  });

  it.skipIf(onPostgres)("blinds in the opinion's own transaction: when the blinding cannot be logged, the opinion is not kept either", async () => {
    const s = await setUpTestApp();
    const jurors = await octoberMembers(s, 4);
    const post = await createPost(s);
    const { addDownVotes } = await import("../factories.ts");
    await addDownVotes(s.db, post.id, 1);
    const path = `/boards/005930/posts/${post.number}`;
    for (const j of jurors.slice(0, 3)) expect((await jsonPost(j, `${path}/opinion`)).status).toBe(200);
    await s.db.$executeRawUnsafe(`CREATE TRIGGER no_blind_log BEFORE INSERT ON "BlindLog" BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
    const { expectConsoleError } = await import("../setup.ts");
    expectConsoleError();
    const res = await jsonPost(jurors[3]!, `${path}/opinion`);
    expect(res.status).toBe(500);
    expect(await s.db.juryOpinion.count({ where: { postId: post.id } })).toBe(3);
    expect(await s.db.post.findUniqueOrThrow({ where: { id: post.id } })).toMatchObject({ opinionCount: 3, blindedAt: null });
  });
});

describe("a busy board's month", () => {
  it("chooses its panel from thousands of authors (more than one statement may bind)", async () => {
    const s = await setUpTestApp();
    s.time.set("2026-11-15T03:00:00Z");
    const [board] = await s.sql.read<{ id: number }[]>(Prisma.sql`SELECT "id" FROM "Board" WHERE "stockCode" = '005930'`);
    const authors = 1500;
    await s.sql.transaction(async (tx) => {
      for (let i = 0; i < authors; i++) {
        const [u] = await tx.all<{ id: number }[]>(Prisma.sql`
          INSERT INTO "User" ("loginId", "nickname", "createdAt") VALUES (${`busy_${i}`}, ${`개미${i}`}, ${new Date("2026-09-01T00:00:00Z")}) RETURNING "id"`);
        await tx.run(Prisma.sql`UPDATE "User" SET "passwordHash" = 'x' WHERE "id" = ${u!.id}`);
        const [b] = await tx.all<{ n: number }[]>(Prisma.sql`UPDATE "Board" SET "lastPostNumber" = "lastPostNumber" + 1 WHERE "id" = ${board!.id} RETURNING "lastPostNumber" AS n`);
        await tx.run(Prisma.sql`
          INSERT INTO "Post" ("boardId", "number", "authorId", "title", "body", "createdAt") VALUES (${board!.id}, ${b!.n}, ${u!.id}, ${"글"}, ${"본문"}, ${new Date("2026-10-10T03:00:00Z")})`);
      }
    });
    const jury = await request(s.app).get("/boards/005930/jury").expect(200);
    expect(jury.text).toContain("2026년 11월 운영배심원");
    expect(await s.db.juryMember.count()).toBe(10);
  });
});
