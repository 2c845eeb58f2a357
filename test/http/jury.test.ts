import { beforeAll, describe, expect, it } from "vitest";
import { createDemoData, DEMO_JURORS, DEMO_PASSWORD, DEMO_SPAM_TITLE } from "../../src/modules/jury/demo.service.ts";
import { addDownVotes, createPost } from "../factories.ts";
import { agent, csrfFor, request, setUpTestApp, signIn, signUp, type Agent, type TestContext } from "../helpers.ts";

// November 2026 (KST); jurors are chosen from October's activity.
const NOV = "2026-11-15T03:00:00Z";
const OCT = new Date("2026-10-10T03:00:00Z");

interface Member {
  a: Agent;
  id: number;
}

async function member(t: TestContext, activity: { board?: string; posts?: number } = {}): Promise<Member> {
  const a = agent(t.app);
  const user = await signUp(a);
  const row = await t.db.user.update({
    where: { loginId: user.loginId },
    data: { createdAt: new Date("2026-09-01T00:00:00Z") },
  });
  for (let i = 0; i < (activity.posts ?? 1); i++) {
    await createPost(t, { stockCode: activity.board ?? "005930", authorId: row.id, createdAt: OCT });
  }
  return { a, id: row.id };
}

const opinionJson = async (m: Member, path: string, suffix = "") => {
  const token = await csrfFor(m.a, path);
  return m.a.post(`${path}/opinion${suffix}`).set("Accept", "application/json").set("X-CSRF-Token", token).send({});
};


describe("the jury", () => {
  let t: TestContext;
  let jurors: Member[];
  let outsider: Member;
  let otherBoardJuror: Member;

  beforeAll(async () => {
    t = await setUpTestApp();
    t.time.set(NOV);
    jurors = [];
    for (let i = 0; i < 6; i++) jurors.push(await member(t, { posts: 6 - i }));
    otherBoardJuror = await member(t, { board: "000660", posts: 3 });
    outsider = agent(t.app) as unknown as Member;
    const a = agent(t.app);
    const u = await signUp(a);
    outsider = { a, id: (await t.db.user.findUniqueOrThrow({ where: { loginId: u.loginId } })).id };
  });

  it("chooses this month's panel from last month's activity and shows it on the jury page", async () => {
    const page = await request(t.app).get("/boards/005930/jury").expect(200);
    expect(page.text).toContain("2026년 11월 운영배심원");
    expect(page.text).toContain("점수 = 작성한 글 수 + 작성한 댓글 수 + 받은 추천 수");
    const panel = await t.db.juryPanel.findUniqueOrThrow({
      where: { boardId_month: { boardId: 1, month: "2026-11" } },
      include: { members: { orderBy: { rank: "asc" } } },
    });
    expect(panel.members.map((m) => m.userId)).toEqual(jurors.map((j) => j.id));
    expect(panel.members[0]!.score).toBe(6);
    // Each juror is told (알림), and the page links their profiles.
    const told = await t.db.notification.findMany({ where: { kind: "juror", boardId: 1 }, orderBy: { userId: "asc" } });
    expect(told.map((n) => n.userId)).toEqual(jurors.map((j) => j.id).sort((x, y) => x - y));
    expect(page.text).toContain(`href="/users/${jurors[0]!.id}"`);
    // A juror who is an operator carries the 운영자 badge there too (the panel itself is kept for the month).
    await t.db.user.update({ where: { id: jurors[1]!.id }, data: { role: "operator" } });
    const again = await request(t.app).get("/boards/005930/jury").expect(200);
    expect(again.text).toMatch(new RegExp(`href="/users/${jurors[1]!.id}"><bdi>[^<]+</bdi></a> <span class="badge badge--operator">운영자</span>`));
    expect((again.text.match(/badge--operator/g) ?? []).length).toBe(1);
    await t.db.user.update({ where: { id: jurors[1]!.id }, data: { role: "member" } });
  });

  it("refuses 글 내리기 to a non-juror, a juror of another board and the post's author", async () => {
    const post = await createPost(t, { authorId: jurors[0]!.id });
    const path = `/boards/005930/posts/${post.number}`;
    await request(t.app).get("/boards/000660").expect(200); // chooses 000660's panel
    for (const [who, message] of [
      [outsider, "이번 달 이 게시판의 운영배심원만 글 내리기 의견을 낼 수 있습니다."],
      [otherBoardJuror, "이번 달 이 게시판의 운영배심원만 글 내리기 의견을 낼 수 있습니다."],
      [jurors[0]!, "내가 쓴 글에는 글 내리기 의견을 낼 수 없습니다."],
    ] as const) {
      const res = await opinionJson(who, path);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(message);
    }
    const anonymous = await request(t.app).post(`${path}/opinion`).set("Accept", "application/json");
    expect(anonymous.status).toBe(401);
    expect(await t.db.juryOpinion.count({ where: { postId: post.id } })).toBe(0);
  });

  it("shows jurors the button and counts a juror's second opinion once", async () => {
    const post = await createPost(t);
    const path = `/boards/005930/posts/${post.number}`;
    const page = await jurors[1]!.a.get(path);
    expect(page.text).toContain(">글 내리기</button>");
    expect((await outsider.a.get(path)).text).not.toContain(">글 내리기</button>");
    const first = await opinionJson(jurors[1]!, path);
    const second = await opinionJson(jurors[1]!, path);
    expect(first.body).toEqual({ opinionCount: 1, mine: true, blinded: false });
    expect(second.body).toEqual({ opinionCount: 1, mine: true, blinded: false });
    expect(await t.db.juryOpinion.count({ where: { postId: post.id } })).toBe(1);
    const after = await request(t.app).get(path);
    expect(after.text).toContain('글 내리기 <span data-count="opinions">1</span>/4');
  });

  it("lets a juror withdraw before blinding", async () => {
    const post = await createPost(t);
    const path = `/boards/005930/posts/${post.number}`;
    await opinionJson(jurors[2]!, path);
    const res = await opinionJson(jurors[2]!, path, "/withdraw");
    expect(res.body).toEqual({ opinionCount: 0, mine: false, blinded: false });
    expect((await t.db.post.findUniqueOrThrow({ where: { id: post.id } })).opinionCount).toBe(0);
  });

  it("blinds at the fourth opinion when 반대 > 추천, once, with a log row", async () => {
    const author = await member(t, { posts: 0 });
    const post = await createPost(t, { authorId: author.id, title: "블라인드될 글", body: "문제의 본문" });
    await addDownVotes(t.db, post.id, 2);
    const path = `/boards/005930/posts/${post.number}`;
    const events: string[] = [];
    t.events.onRecord((event) => events.push(event));
    for (let i = 0; i < 3; i++) expect((await opinionJson(jurors[i]!, path)).body.blinded).toBe(false);
    const fourth = await opinionJson(jurors[3]!, path);
    expect(fourth.body).toEqual({ opinionCount: 4, mine: true, blinded: true });
    expect(events).toEqual(["blinding"]); // one line in the operations log, one count in /metrics
    const logs = await t.db.blindLog.findMany({ where: { postId: post.id } });
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ opinionCount: 4, upCount: 0, downCount: 2 });
    // The author hears of it (알림), in the same transaction.
    expect(await t.db.notification.findMany({ where: { postId: post.id }, select: { userId: true, kind: true } })).toEqual([{ userId: author.id, kind: "blinded" }]);

    const list = await request(t.app).get("/boards/005930");
    expect(list.text).toContain("운영배심원 의견에 따라 블라인드 처리된 글입니다.");
    expect(list.text).not.toContain("블라인드될 글");
    // A blinded post's text is no longer searchable (the index dropped it in the same transaction).
    for (const q of ["블라인드될", "문제의"]) {
      const found = await request(t.app).get(`/boards/005930?field=title_content&q=${encodeURIComponent(q)}`);
      expect(found.text).toContain("검색 결과가 없습니다.");
    }
    const seen = await outsider.a.get(path);
    expect(seen.text).not.toContain("문제의 본문");
    expect(seen.text).not.toContain("블라인드될 글");
    expect(seen.text).not.toContain('data-vote-form');
    const own = await author.a.get(path);
    expect(own.text).toContain("문제의 본문");
    expect(own.text).toContain("작성자인 나에게만 내용이 보입니다.");

    const fifth = await opinionJson(jurors[4]!, path);
    expect(fifth.status).toBe(403);
    expect(fifth.body.error.message).toBe("이미 블라인드 처리된 글입니다.");
    const withdraw = await opinionJson(jurors[0]!, path, "/withdraw");
    expect(withdraw.status).toBe(403);
    const token = await csrfFor(outsider.a, path);
    const vote = await outsider.a.post(`${path}/vote`).set("Accept", "application/json").set("X-CSRF-Token", token).send({ value: "up" });
    expect(vote.status).toBe(403);

    const jury = await request(t.app).get("/boards/005930/jury");
    expect(jury.text).toContain(`${post.number}번 글</a>`);
  });

  it("does not blind at four opinions with 반대 = 추천, but a tipping 반대 vote does", async () => {
    const post = await createPost(t);
    await addDownVotes(t.db, post.id, 1);
    const upper = await t.db.user.create({ data: { loginId: `up_${post.id}`, nickname: `추천러${post.id}` } });
    await t.db.vote.create({ data: { postId: post.id, userId: upper.id, value: "UP" } });
    await t.db.post.update({ where: { id: post.id }, data: { upCount: 1 } });
    const path = `/boards/005930/posts/${post.number}`;
    for (let i = 0; i < 4; i++) await opinionJson(jurors[i]!, path);
    expect((await t.db.post.findUniqueOrThrow({ where: { id: post.id } })).blindedAt).toBeNull();

    const token = await csrfFor(outsider.a, path);
    const vote = await outsider.a.post(`${path}/vote`).set("Accept", "application/json").set("X-CSRF-Token", token).send({ value: "down" });
    expect(vote.body).toMatchObject({ upCount: 1, downCount: 2, blinded: true });
    expect(await t.db.blindLog.count({ where: { postId: post.id } })).toBe(1);
  });

  it("blinds exactly once when ten jurors speak in parallel", async () => {
    const t2 = await setUpTestApp();
    t2.time.set(NOV);
    const ten: Member[] = [];
    for (let i = 0; i < 10; i++) ten.push(await member(t2, { posts: 1 }));
    const post = await createPost(t2);
    await addDownVotes(t2.db, post.id, 3);
    const path = `/boards/005930/posts/${post.number}`;
    const tokens = await Promise.all(ten.map((m) => csrfFor(m.a, path)));
    const results = await Promise.all(
      ten.map((m, i) => m.a.post(`${path}/opinion`).set("Accept", "application/json").set("X-CSRF-Token", tokens[i]!).send({})),
    );
    // Opinions after the fourth find the post blinded: exactly four succeed, whatever the order.
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(4);
    expect(statuses.filter((s) => s === 403)).toHaveLength(6);
    expect(await t2.db.blindLog.count({ where: { postId: post.id } })).toBe(1);
    const p = await t2.db.post.findUniqueOrThrow({ where: { id: post.id } });
    expect(p.blindedAt).not.toBeNull();
    expect(p.opinionCount).toBe(await t2.db.juryOpinion.count({ where: { postId: post.id } }));
  });

  it("creates exactly one panel per board when 20 first requests of a month race", async () => {
    t.time.set("2027-01-02T03:00:00Z");
    const paths = ["/boards/005930/jury", "/boards/000660/jury", "/boards/035420/jury", "/boards/035720/jury", "/boards/373220/jury", "/boards/005930/posts/1"];
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => request(t.app).get(paths[i % paths.length]!)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    for (const code of ["005930", "000660", "035420", "035720", "373220"]) {
      expect(await t.db.juryPanel.count({ where: { month: "2027-01", board: { stockCode: code } } })).toBe(1);
    }
    t.time.set(NOV);
  });

  it("refuses last month's juror once the month turns, and says when a panel is empty", async () => {
    t.time.set("2026-12-01T00:00:00+09:00");
    const post = await createPost(t);
    const path = `/boards/005930/posts/${post.number}`;
    // December's panel comes from November's activity (by the test clock): a November juror
    // who wrote nothing in November is refused, one who wrote there sits again.
    const november = { gte: new Date("2026-10-31T15:00:00Z"), lt: new Date("2026-11-30T15:00:00Z") };
    const wrote = new Set((await t.db.post.findMany({ where: { createdAt: november, board: { stockCode: "005930" } }, select: { authorId: true } })).map((p) => p.authorId));
    const idle = jurors.find((j) => !wrote.has(j.id))!;
    const active = jurors.find((j) => wrote.has(j.id))!;
    expect(idle && active).toBeTruthy();
    expect((await opinionJson(idle, path)).status).toBe(403);
    expect((await opinionJson(active, path)).status).toBe(200);
    const page = await request(t.app).get("/boards/005930/jury");
    expect(page.text).toContain("2026년 12월 운영배심원");
    expect(page.text).toContain('<h3 class="jury-past__month">2026년 11월</h3>');
    // Nobody wrote on NAVER's board in November: its December panel is empty and says so.
    const empty = await request(t.app).get("/boards/035420/jury");
    expect(empty.text).toContain("운영배심원이 없습니다.");
    t.time.set(NOV);
  });
});

describe("the demo data", () => {
  it("lets four demo jurors take the spam post down", async () => {
    const t = await setUpTestApp();
    // On a database where 005930's panel for this month is already chosen (and empty).
    await request(t.app).get("/boards/005930").expect(200);
    const { spamNumber, stockCode } = await createDemoData(t);
    const path = `/boards/${stockCode}/posts/${spamNumber}`;
    for (const juror of DEMO_JURORS.slice(0, 4)) {
      const a = agent(t.app);
      expect((await signIn(a, juror.loginId, DEMO_PASSWORD)).status).toBe(303);
      const page = await a.get(path);
      expect(page.text).toContain(">글 내리기</button>");
      const res = await a.post(`${path}/opinion`).type("form").send({ _csrf: await csrfFor(a, path) });
      expect(res.status).toBe(303);
    }
    const list = await request(t.app).get(`/boards/${stockCode}`);
    expect(list.text).not.toContain(DEMO_SPAM_TITLE);
    expect(list.text).toContain("운영배심원 의견에 따라 블라인드 처리된 글입니다.");
    await expect(createDemoData(t)).rejects.toThrow("이미 데모 데이터가 있습니다");
  });

  it("reads like a board: numbers rise with time, and readers, comments and 추천 vary", async () => {
    const t = await setUpTestApp();
    const { stockCode } = await createDemoData(t);
    const board = await t.db.board.findUniqueOrThrow({ where: { stockCode } });
    const posts = await t.db.post.findMany({ where: { boardId: board.id }, orderBy: { number: "asc" } });
    const times = posts.map((p) => p.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const lastMonth = posts.slice(0, -1); // the spam post is this month's
    expect(lastMonth.every((p) => p.viewCount > p.upCount * 3)).toBe(true);
    expect(new Set(lastMonth.map((p) => p.upCount)).size).toBeGreaterThan(1);
    for (const p of posts) {
      expect(await t.db.comment.count({ where: { postId: p.id } })).toBe(p.commentCount);
      expect(await t.db.vote.count({ where: { postId: p.id, value: "UP" } })).toBe(p.upCount);
    }
  });
});
