// One person, one voice (docs/product.md §3 and §9), over HTTP on a real database (SQLite, or
// PostgreSQL under `npm run test:pg`): a scripted pump crew of accounts old enough to vote,
// all on one network, shields its 리딩방 post with 추천 against four jurors' 글 내리기; the scan
// opens one case; an operator voids it, which blinds the post and fixes every counter. Also
// the new-account wait, the per-author and per-minute caps, the refusals, and that no signal
// ever reaches a page, an API answer or a log line.
import { beforeAll, describe, expect, it } from "vitest";
import { scanIntegrity } from "../../src/modules/integrity/scan.service.ts";
import { openCase } from "../../src/modules/integrity/cases.queries.ts";
import { createPost, createUser } from "../factories.ts";
import { agent, capturedLog, csrfFor, postForm, request, setUpTestApp, signIn, signUp, type Agent, type TestContext, backToForm } from "../helpers.ts";

const NOV = "2026-11-16T03:00:00Z";
const OCT = new Date("2026-10-10T03:00:00Z");
const OLD = new Date("2026-09-01T00:00:00Z");
const DAYS_AGO_4 = new Date("2026-11-12T03:00:00Z");
const CREW_NET = "203.0.113"; // the crew's /24

interface Member {
  a: Agent;
  id: number;
  loginId: string;
}

let seq = 0;
/** A member signed up from `ip` (the sign-in signals), joined at `joined`. */
async function member(t: TestContext, ip: string, joined: Date): Promise<Member> {
  const a = agent(t.app);
  a.set("X-Forwarded-For", ip);
  const user = await signUp(a, { loginId: `crew${++seq}_${process.pid % 1000}`, nickname: `회원${seq}호` });
  const row = await t.db.user.update({ where: { loginId: user.loginId }, data: { createdAt: joined } });
  return { a, id: row.id, loginId: user.loginId };
}

const vote = async (m: Member, path: string, value: "up" | "down") => {
  const token = await csrfFor(m.a, path);
  return m.a.post(`${path}/vote`).set("Accept", "application/json").set("X-CSRF-Token", token).send({ value });
};

async function counters(t: TestContext, postId: number) {
  const post = await t.db.post.findUniqueOrThrow({ where: { id: postId } });
  return {
    upCount: post.upCount,
    downCount: post.downCount,
    rowsUp: await t.db.vote.count({ where: { postId, value: "UP" } }),
    rowsDown: await t.db.vote.count({ where: { postId, value: "DOWN" } }),
    blinded: post.blindedAt !== null,
  };
}

async function caseRows(t: TestContext) {
  return {
    cases: await t.db.integrityCase.findMany({ orderBy: { id: "asc" } }),
    votes: await t.db.vote.findMany({ orderBy: { id: "asc" } }),
    posts: await t.db.post.findMany({ orderBy: { id: "asc" }, select: { id: true, upCount: true, downCount: true, blindedAt: true } }),
    users: await t.db.user.findMany({ orderBy: { id: "asc" }, select: { id: true, suspendedUntil: true } }),
    log: await t.db.moderationLog.count(),
  };
}

describe("a vote ring shielding a 리딩방 post", () => {
  const log = capturedLog("info");
  let t: TestContext;
  let crew: Member[];
  let jurors: Member[];
  let honest: Member[];
  let operator: Member;
  let leader: Member;
  let target: Awaited<ReturnType<typeof createPost>>;
  let others: Awaited<ReturnType<typeof createPost>>[];
  const path = (n: number) => `/boards/005930/posts/${n}`;

  beforeAll(async () => {
    t = await setUpTestApp({ env: { VOTE_MIN_ACCOUNT_AGE_HOURS: "72", TRUST_PROXY: "1", PAGE_CACHE: "on" }, log: log.logger });
    t.time.set(NOV);
    // Four jurors, each on a network of their own, active on the board in October.
    jurors = [];
    for (let i = 0; i < 4; i++) {
      const j = await member(t, `198.51.${10 + i}.7`, OLD);
      for (let k = 0; k < 4 - i; k++) await createPost(t, { authorId: j.id, createdAt: OCT });
      jurors.push(j);
    }
    honest = [];
    for (let i = 0; i < 3; i++) honest.push(await member(t, `192.0.${i + 1}.20`, OLD));
    // The crew: five accounts four days old (old enough to vote), all from one /24.
    leader = await member(t, `${CREW_NET}.2`, OLD);
    crew = [];
    for (let i = 0; i < 5; i++) crew.push(await member(t, `${CREW_NET}.${10 + i}`, DAYS_AGO_4));
    operator = await member(t, "198.18.0.1", OLD);
    await t.db.user.update({ where: { id: operator.id }, data: { role: "operator" } });
    others = [await createPost(t, { authorId: leader.id, title: "오늘의 급등주 1" }), await createPost(t, { authorId: leader.id, title: "오늘의 급등주 2" })];
    target = await createPost(t, { authorId: leader.id, title: "[무료 리딩방] 내일 상한가 종목 카톡 주세요" });
  });

  it("lets the crew shield the post with 추천 against four jurors, as the seed's rule alone would", async () => {
    for (const h of honest) expect((await vote(h, path(target.number), "down")).status).toBe(200);
    for (const post of [...others, target]) {
      for (const m of crew) {
        expect((await vote(m, path(post.number), "up")).body).toMatchObject({ myVote: "UP" });
        t.time.advance(20_000);
      }
    }
    for (const j of jurors) {
      const token = await csrfFor(j.a, path(target.number));
      const res = await j.a.post(`${path(target.number)}/opinion`).set("Accept", "application/json").set("X-CSRF-Token", token).send({});
      expect(res.status).toBe(200);
    }
    expect(await counters(t, target.id)).toEqual({ upCount: 5, downCount: 3, rowsUp: 5, rowsDown: 3, blinded: false });
    expect((await t.db.post.findUniqueOrThrow({ where: { id: target.id } })).opinionCount).toBe(4);
    // An anonymous reader's copy of the page, cached.
    const before = await request(t.app).get(path(target.number)).expect(200);
    expect(before.text).toContain("[무료 리딩방]");
  });

  it("keeps each sign-in's and vote's signals as keyed hashes, never the address", async () => {
    const signals = await t.db.clientSignal.findMany({ where: { userId: crew[0]!.id } });
    expect(signals.map((s) => s.kind).sort()).toEqual(["browser", "network"]);
    for (const s of signals) {
      expect(s.key).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(s.key).not.toContain(CREW_NET);
    }
    const crewNetwork = signals.find((s) => s.kind === "network")!.key;
    const sharing = await t.db.clientSignal.findMany({ where: { kind: "network", key: crewNetwork } });
    expect(sharing.map((s) => s.userId).sort((a, b) => a - b)).toEqual([leader.id, ...crew.map((c) => c.id)].sort((a, b) => a - b));
  });

  it("finds the crew as one ring case, and finding it again changes nothing", async () => {
    const first = await scanIntegrity(t);
    expect(first).toMatchObject({ opened: 1, rings: 1, bursts: 0 });
    const again = await scanIntegrity(t);
    expect(again.opened).toBe(0);
    const cases = await t.db.integrityCase.findMany({ include: { members: true } });
    expect(cases).toHaveLength(1);
    expect(cases[0]!.status).toBe("open");
    expect(cases[0]!.members.map((m) => m.userId).sort((a, b) => a - b)).toEqual(crew.map((c) => c.id).sort((a, b) => a - b));
    const evidence = JSON.parse(cases[0]!.evidence) as { posts: number[]; signals: { label: string }[]; votes: unknown[] };
    expect(evidence.posts).toEqual([...others, target].map((p) => p.id));
    expect(evidence.signals.map((s) => s.label)).toEqual(["네트워크 1"]);
    expect(evidence.votes).toHaveLength(15);
  });

  it("refuses a forged case id, a member and a second decision, changing nothing", async () => {
    const id = (await t.db.integrityCase.findFirstOrThrow()).id;
    const before = await caseRows(t);
    const operatorToken = await csrfFor(operator.a, "/admin/integrity");
    for (const forged of ["999999", "abc", "-1", "1e3"]) {
      const res = await operator.a.post(`/admin/integrity/${forged}/confirm`).type("form").send({ _csrf: operatorToken });
      expect(res.status).toBe(404);
    }
    // A member (a juror, the crew itself) finds nothing there.
    for (const m of [jurors[0]!, crew[0]!]) {
      expect((await m.a.get("/admin/integrity")).status).toBe(404);
      const token = await csrfFor(m.a, "/");
      expect((await m.a.post(`/admin/integrity/${id}/confirm`).type("form").send({ _csrf: token })).status).toBe(404);
    }
    expect((await operator.a.post(`/admin/integrity/${id}/confirm`).type("form").send({ _csrf: operatorToken, suspend: "forever" })).status).toBe(400);
    expect(await caseRows(t)).toEqual(before);
  });

  it("shows the operator the case with labels, never a signal or an address", async () => {
    const list = await operator.a.get("/admin/integrity");
    expect(list.status).toBe(200);
    expect(list.text).toContain("묶음 투표");
    const id = (await t.db.integrityCase.findFirstOrThrow()).id;
    const page = await operator.a.get(`/admin/integrity/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("네트워크 1");
    expect(page.text).toContain("[무료 리딩방]");
    for (const s of await t.db.clientSignal.findMany()) {
      expect(list.text).not.toContain(s.key);
      expect(page.text).not.toContain(s.key);
    }
    expect(page.text).not.toContain(CREW_NET);
  });

  it("voids the ring: one transaction blinds the shielded post, fixes every counter, logs counts only", async () => {
    const id = (await t.db.integrityCase.findFirstOrThrow()).id;
    const res = await postForm(operator.a, `/admin/integrity/${id}/confirm`, { suspend: "7" }, `/admin/integrity/${id}`);
    expect(res.status).toBe(303);
    expect(await counters(t, target.id)).toEqual({ upCount: 0, downCount: 3, rowsUp: 0, rowsDown: 3, blinded: true });
    for (const p of others) expect(await counters(t, p.id)).toEqual({ upCount: 0, downCount: 0, rowsUp: 0, rowsDown: 0, blinded: false });
    const decided = await t.db.integrityCase.findUniqueOrThrow({ where: { id } });
    expect(decided).toMatchObject({ status: "confirmed", operatorId: operator.id, votes: 15, posts: 3 });
    // The blinding's own log row, written in the same transaction.
    expect(await t.db.blindLog.count({ where: { postId: target.id } })).toBe(1);
    // Each member told how many of theirs were voided; each account suspended, its sessions ended.
    for (const m of crew) {
      const told = await t.db.notification.findFirstOrThrow({ where: { userId: m.id, kind: "votes_voided" } });
      expect(told.count).toBe(3);
      expect((await t.db.user.findUniqueOrThrow({ where: { id: m.id } })).suspendedUntil).not.toBeNull();
      expect(await t.db.session.count({ where: { userId: m.id } })).toBe(0);
    }
    expect((await t.db.user.findUniqueOrThrow({ where: { id: leader.id } })).suspendedUntil).toBeNull();
    // The next anonymous reader sees the blinding (the cached copy was dropped).
    const after = await request(t.app).get(path(target.number)).expect(200);
    expect(after.text).not.toContain("[무료 리딩방]");
    expect(after.text).toContain("블라인드");
    // The public log: how many votes on how many posts, never who or how found.
    const publicLog = await request(t.app).get("/moderation").expect(200);
    expect(publicLog.text).toContain("투표 무효 처리");
    expect(publicLog.text).toContain("추천/반대 15개 (글 3개");
    const row = publicLog.text.split("<tr>").find((r) => r.includes("투표 무효 처리"))!;
    for (const m of crew) expect(row).not.toContain((await t.db.user.findUniqueOrThrow({ where: { id: m.id } })).nickname);
    for (const s of await t.db.clientSignal.findMany()) expect(publicLog.text).not.toContain(s.key);
  });

  it("refuses to void the case twice, changing nothing", async () => {
    const id = (await t.db.integrityCase.findFirstOrThrow()).id;
    const before = await caseRows(t);
    const res = await postForm(operator.a, `/admin/integrity/${id}/confirm`, {}, "/admin/integrity");
    expect(res.status).toBe(409);
    expect(res.text).toContain("이미 처리된 사례입니다");
    expect(await caseRows(t)).toEqual(before);
  });

  it("refuses an operator a case about their own account, and a dismissal keeps the votes", async () => {
    const post = await createPost(t, { authorId: jurors[0]!.id });
    const own = await t.sql.transaction((tx) =>
      openCase(tx, { kind: "ring", key: `ring:test-own`, family: `ring:test-own`, subject: null, evidence: { accounts: [operator.id, honest[0]!.id], signals: [], posts: [post.id], votes: [] } }, t.clock()),
    );
    expect(own).toBe(true);
    const ownId = (await t.db.integrityCase.findFirstOrThrow({ where: { key: "ring:test-own" } })).id;
    const before = await caseRows(t);
    const refused = await postForm(operator.a, `/admin/integrity/${ownId}/confirm`, {}, "/admin/integrity");
    expect(refused.status).toBe(403);
    expect(refused.text).toContain("다른 운영자가 처리해야 합니다");
    expect(await caseRows(t)).toEqual(before);

    // Another operator dismisses it: the votes stay as they were.
    const second = await member(t, "198.18.0.2", OLD);
    await t.db.user.update({ where: { id: second.id }, data: { role: "operator" } });
    expect((await vote(honest[0]!, path(post.number), "up")).status).toBe(200);
    const votesBefore = await t.db.vote.findMany({ where: { postId: post.id } });
    const dismissed = await postForm(second.a, `/admin/integrity/${ownId}/dismiss`, {}, "/admin/integrity");
    expect(dismissed.status).toBe(303);
    expect(await t.db.vote.findMany({ where: { postId: post.id } })).toEqual(votesBefore);
    expect((await t.db.integrityCase.findUniqueOrThrow({ where: { id: ownId } })).status).toBe("dismissed");
  });

  it("decides a case once when two operators confirm it at the same moment", async () => {
    const post = await createPost(t, { authorId: jurors[1]!.id });
    const voters = [honest[1]!, honest[2]!];
    for (const v of voters) expect((await vote(v, path(post.number), "up")).status).toBe(200);
    await t.sql.transaction((tx) =>
      openCase(tx, { kind: "ring", key: "ring:test-race", family: "ring:test-race", subject: null, evidence: { accounts: voters.map((v) => v.id), signals: [], posts: [post.id], votes: [] } }, t.clock()),
    );
    const id = (await t.db.integrityCase.findFirstOrThrow({ where: { key: "ring:test-race" } })).id;
    const second = await t.db.user.findFirstOrThrow({ where: { role: "operator", id: { not: operator.id } } });
    const secondAgent = agent(t.app);
    secondAgent.set("X-Forwarded-For", "198.18.0.2");
    await signIn(secondAgent, second.loginId, "correct horse battery");
    const tokens = [await csrfFor(operator.a, "/admin/integrity"), await csrfFor(secondAgent, "/admin/integrity")];
    // A member outside the case votes on the post at the same moment.
    const bystander = honest[0]!;
    const bystanderToken = await csrfFor(bystander.a, path(post.number));
    const results = await Promise.all([
      ...[operator.a, secondAgent].map((a, i) => a.post(`/admin/integrity/${id}/confirm`).type("form").send({ _csrf: tokens[i] })),
      bystander.a.post(`${path(post.number)}/vote`).set("Accept", "application/json").set("X-CSRF-Token", bystanderToken).send({ value: "down" }),
    ]);
    expect(results.slice(0, 2).map((r) => r.status).sort()).toEqual([303, 409]);
    expect(results[2]!.status).toBe(200);
    expect(await counters(t, post.id)).toEqual({ upCount: 0, downCount: 1, rowsUp: 0, rowsDown: 1, blinded: false });
    expect(await t.db.moderationLog.count({ where: { action: "void_votes" } })).toBe(2);
  });

  it("lets a larger group of the same accounts supersede an open case", async () => {
    const post = await createPost(t, { authorId: jurors[2]!.id });
    const evidence = (accounts: number[]) => ({ accounts, signals: [], posts: [post.id], votes: [] });
    const [a, b, c] = honest.map((h) => h.id) as [number, number, number];
    await t.sql.transaction((tx) => openCase(tx, { kind: "ring", key: `ring:${a},${b}`, family: `ring:${a},${b}`, subject: null, evidence: evidence([a, b]) }, t.clock()));
    await t.sql.transaction((tx) => openCase(tx, { kind: "ring", key: `ring:${b},${c}-other`, family: `ring:${b},${c}-other`, subject: null, evidence: evidence([b, c]) }, t.clock()));
    await t.sql.transaction((tx) => openCase(tx, { kind: "ring", key: `ring:${a},${b},${c}`, family: `ring:${a},${b},${c}`, subject: null, evidence: evidence([a, b, c]) }, t.clock()));
    const status = async (key: string) => (await t.db.integrityCase.findUniqueOrThrow({ where: { key } })).status;
    expect(await status(`ring:${a},${b}`)).toBe("superseded");
    expect(await status(`ring:${b},${c}-other`)).toBe("superseded");
    expect(await status(`ring:${a},${b},${c}`)).toBe("open");
    // The same group found again opens nothing.
    expect(await t.sql.transaction((tx) => openCase(tx, { kind: "ring", key: `ring:${a},${b},${c}`, family: `ring:${a},${b},${c}`, subject: null, evidence: evidence([a, b, c]) }, t.clock()))).toBe(false);
    await t.db.integrityCase.update({ where: { key: `ring:${a},${b},${c}` }, data: { status: "dismissed" } });
  });

  it("seats no ring account next month, and never two accounts that share a signal", async () => {
    // November activity: every crew member posts, and so do two more accounts on the crew's
    // network (the leader's post was blinded this month: no seat for it anyway).
    const first = await member(t, `${CREW_NET}.98`, OLD);
    const second = await member(t, `${CREW_NET}.99`, OLD);
    for (const m of [...crew, first, second, ...jurors]) await createPost(t, { authorId: m.id });
    await createPost(t, { authorId: first.id }); // the first outscores the second
    await t.db.user.updateMany({ where: { id: { in: crew.map((c) => c.id) } }, data: { suspendedUntil: null } });
    t.time.set("2026-12-02T03:00:00Z");
    expect((await request(t.app).get("/boards/005930/jury")).status).toBe(200);
    const panel = await t.db.juryPanel.findFirstOrThrow({ where: { month: "2026-12", board: { stockCode: "005930" } }, include: { members: true } });
    const seated = panel.members.map((m) => m.userId);
    for (const c of crew) expect(seated).not.toContain(c.id);
    expect(seated).not.toContain(leader.id);
    expect(seated).toContain(first.id);
    expect(seated).not.toContain(second.id);
    for (const j of jurors) expect(seated).toContain(j.id);
  });

  it("never writes a signal to the log", async () => {
    const lines = log.raw();
    for (const s of await t.db.clientSignal.findMany()) expect(lines).not.toContain(s.key);
  });
});

describe("new accounts and the vote caps", () => {
  let t: TestContext;
  const path = (n: number) => `/boards/005930/posts/${n}`;
  beforeAll(async () => {
    t = await setUpTestApp({ env: { VOTE_MIN_ACCOUNT_AGE_HOURS: "72" } });
    t.time.set(NOV);
  });

  it("makes a new account wait three days to vote and to report, and says so on the buttons", async () => {
    const fresh = await member(t, "127.0.0.1", new Date(NOV));
    const post = await createPost(t);
    const page = await fresh.a.get(path(post.number));
    expect(page.status).toBe(200);
    expect(page.text).toContain("가입 3일 후부터 추천/반대할 수 있습니다.");
    expect(page.text).toMatch(/value="up" class="[^"]*"[^>]*disabled/);
    const res = await vote(fresh, path(post.number), "up");
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe("가입 3일 후부터 추천/반대할 수 있습니다. 2026/11/19 12:00부터 추천/반대할 수 있습니다.");
    expect(await t.db.vote.count({ where: { postId: post.id } })).toBe(0);
    const report = await postForm(fresh.a, `${path(post.number)}/report`, { category: "spam" }, path(post.number));
    expect(report.status).toBe(403);
    expect(report.text).toContain("가입 3일 후부터 신고할 수 있습니다.");
    expect(await t.db.report.count({ where: { postId: post.id } })).toBe(0);
    // Three days on, the same account votes.
    t.time.advance(72 * 3_600_000);
    expect((await vote(fresh, path(post.number), "up")).body).toMatchObject({ upCount: 1, myVote: "UP" });
    t.time.set(NOV);
  });

  it("gives a first-day account five posts a day, then says when it may write again", async () => {
    const fresh = await member(t, "127.0.0.1", new Date(NOV));
    for (let i = 0; i < 5; i++) {
      const res = await postForm(fresh.a, "/boards/005930/posts", { title: `첫날 글 ${i}`, body: "본문입니다" }, "/boards/005930/posts/new");
      expect(res.status).toBe(303);
    }
    const sixth = await postForm(fresh.a, "/boards/005930/posts", { title: "여섯 번째 글", body: "본문입니다" }, "/boards/005930/posts/new");
    expect(sixth.status).toBe(429);
    expect(sixth.text).toContain("가입 첫날에는 글은 하루에 5개까지 쓸 수 있습니다.");
    expect(sixth.text).toContain("여섯 번째 글"); // what they typed is kept
    expect(await t.db.post.count({ where: { authorId: fresh.id } })).toBe(5);
  });

  it("gives a first-day account ten comments a day", async () => {
    const fresh = await member(t, "127.0.0.1", new Date(NOV));
    const post = await createPost(t);
    for (let i = 0; i < 10; i++) {
      expect((await postForm(fresh.a, `${path(post.number)}/comments`, { body: `첫날 댓글 ${i}` }, path(post.number))).status).toBe(303);
    }
    const eleventh = await backToForm(fresh.a, await postForm(fresh.a, `${path(post.number)}/comments`, { body: "열한 번째 댓글" }, path(post.number)), path(post.number));
    expect(eleventh.text).toContain("가입 첫날에는 댓글은 하루에 10개까지 쓸 수 있습니다.");
    expect(eleventh.text).toContain("열한 번째 댓글");
    expect(await t.db.comment.count({ where: { authorId: fresh.id } })).toBe(10);
  });

  it("caps one member's 추천 to one author's posts at six a day and 반대 at three", async () => {
    const voter = await member(t, "127.0.0.1", OLD);
    const author = await member(t, "127.0.0.1", OLD);
    const posts = [];
    for (let i = 0; i < 10; i++) posts.push(await createPost(t, { authorId: author.id }));
    for (let i = 0; i < 6; i++) {
      expect((await vote(voter, path(posts[i]!.number), "up")).status).toBe(200);
      t.time.advance(10_000);
    }
    const seventh = await vote(voter, path(posts[6]!.number), "up");
    expect(seventh.status).toBe(429);
    expect(seventh.body.error.message).toBe("한 회원의 글에는 하루에 추천을 6번까지 할 수 있습니다. 2026/11/17 00:00부터 다시 할 수 있습니다.");
    expect(await t.db.vote.count({ where: { userId: voter.id } })).toBe(6);
    // Withdrawing one of them is always allowed; 반대 has its own, lower cap.
    expect((await vote(voter, path(posts[0]!.number), "up")).body).toMatchObject({ myVote: null });
    for (let i = 6; i < 9; i++) {
      expect((await vote(voter, path(posts[i]!.number), "down")).status).toBe(200);
      t.time.advance(10_000);
    }
    const fourthDown = await vote(voter, path(posts[9]!.number), "down");
    expect(fourthDown.status).toBe(429);
    expect(fourthDown.body.error.message).toBe("한 회원의 글에는 하루에 반대를 3번까지 할 수 있습니다. 2026/11/17 00:00부터 다시 할 수 있습니다.");
    expect(await t.db.vote.count({ where: { userId: voter.id, value: "DOWN" } })).toBe(3);
  });

  it("caps a member's votes at ten a minute and says when voting opens again", async () => {
    const voter = await member(t, "127.0.0.1", OLD);
    const posts = [];
    for (let i = 0; i < 11; i++) posts.push(await createPost(t));
    for (let i = 0; i < 10; i++) {
      expect((await vote(voter, path(posts[i]!.number), "up")).status).toBe(200);
      t.time.advance(1_000);
    }
    const eleventh = await vote(voter, path(posts[10]!.number), "up");
    expect(eleventh.status).toBe(429);
    expect(eleventh.body.error.message).toBe("추천/반대는 1분에 10번까지 할 수 있습니다. 50초 후에 다시 할 수 있습니다.");
    expect(eleventh.headers["retry-after"]).toBe("50");
    expect(await t.db.vote.count({ where: { userId: voter.id } })).toBe(10);
    t.time.advance(50_000);
    expect((await vote(voter, path(posts[10]!.number), "up")).status).toBe(200);
  });
});

describe("cases after a decision", () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await setUpTestApp();
    t.time.set(NOV);
  });

  /** Three accounts on one network 추천 `posts` minutes apart, as their requests would leave it. */
  async function ring(accounts: number[], posts: number[]) {
    for (const postId of posts) {
      for (const [i, userId] of accounts.entries()) {
        const at = new Date(t.clock().getTime() + i * 1000);
        await t.db.vote.upsert({ where: { postId_userId: { postId, userId } }, create: { postId, userId, value: "UP", createdAt: at, updatedAt: at }, update: { value: "UP", updatedAt: at } });
      }
      t.time.advance(60_000);
    }
  }

  it("opens a new case when a confirmed ring votes again, and a dismissed one only with three new posts", async () => {
    const accounts = [];
    for (let i = 0; i < 3; i++) accounts.push((await createUser(t.db, { createdAt: OLD })).id);
    for (const userId of accounts) await t.db.clientSignal.create({ data: { userId, kind: "network", key: "shared-net", firstSeenAt: t.clock(), lastSeenAt: t.clock() } });
    const posts = [];
    for (let i = 0; i < 9; i++) posts.push((await createPost(t)).id);

    await ring(accounts, posts.slice(0, 3));
    expect((await scanIntegrity(t)).opened).toBe(1);
    const first = await t.db.integrityCase.findFirstOrThrow({ where: { status: "open" } });
    await t.db.integrityCase.update({ where: { id: first.id }, data: { status: "dismissed", decidedAt: t.clock() } });
    t.time.advance(60_000);
    expect((await scanIntegrity(t)).opened).toBe(0);
    // Votes on two more posts are not enough after a dismissal; on a third they are.
    await ring(accounts, posts.slice(3, 5));
    expect((await scanIntegrity(t)).opened).toBe(0);
    await ring(accounts, posts.slice(5, 6));
    expect((await scanIntegrity(t)).opened).toBe(1);
    const second = await t.db.integrityCase.findFirstOrThrow({ where: { status: "open" } });
    expect(second.id).not.toBe(first.id);

    // Confirmed (its votes voided), the same accounts voting again are a new case.
    await t.db.integrityCase.update({ where: { id: second.id }, data: { status: "confirmed", decidedAt: t.clock() } });
    await t.db.vote.deleteMany({ where: { userId: { in: accounts } } });
    expect((await scanIntegrity(t)).opened).toBe(0);
    await ring(accounts, posts.slice(0, 3));
    expect((await scanIntegrity(t)).opened).toBe(1);
  });
});
