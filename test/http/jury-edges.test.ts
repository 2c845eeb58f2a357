// The jury's edges across months, with the injected clock: whose opinions count, which
// blindings exclude whom, when a 추천 was given, small panels, 4/4 without blinding, and a
// chosen panel that later data cannot change. And blind means blind.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { monthActivity } from "../../src/modules/jury/panel.service.ts";
import { addDownVotes, createPost } from "../factories.ts";
import { agent, csrfFor, request, setUpTestApp, signUp, type Agent, type TestContext } from "../helpers.ts";
import { childEnv } from "../../src/config/env.ts";

interface Member {
  a: Agent;
  id: number;
  nickname: string;
}

async function member(t: TestContext, posts: { board?: string; at: Date; count?: number }[] = []): Promise<Member> {
  const a = agent(t.app);
  const user = await signUp(a);
  const row = await t.db.user.update({ where: { loginId: user.loginId }, data: { createdAt: new Date("2026-09-01T00:00:00Z") } });
  for (const p of posts) for (let i = 0; i < (p.count ?? 1); i++) await createPost(t, { stockCode: p.board ?? "005930", authorId: row.id, createdAt: p.at });
  return { a, id: row.id, nickname: user.nickname };
}

const OCT = new Date("2026-10-10T03:00:00Z");
const NOV = new Date("2026-11-10T03:00:00Z");

const json = async (m: Member, path: string, body: object = {}) =>
  m.a.post(path).set("Accept", "application/json").set("X-CSRF-Token", await csrfFor(m.a, "/")).send(body);


describe("opinions belong to their month's panel", () => {
  it("counts only this month's panel's opinions, so two panels never mix, and keeps the old rows", async () => {
    const t = await setUpTestApp();
    t.time.set("2026-11-15T03:00:00Z");
    // Six members active in October and November: on both panels.
    const jurors: Member[] = [];
    for (let i = 0; i < 6; i++) jurors.push(await member(t, [{ at: OCT, count: 6 - i }, { at: NOV, count: 6 - i }]));
    const post = await createPost(t, { title: "두 달에 걸친 글" });
    await addDownVotes(t.db, post.id, 2);
    const path = `/boards/005930/posts/${post.number}`;
    for (const j of jurors.slice(0, 3)) expect((await json(j, `${path}/opinion`)).body).toMatchObject({ blinded: false });
    expect((await request(t.app).get(path)).text).toContain('<span data-count="opinions">3</span>/4');

    t.time.set("2026-12-02T03:00:00Z"); // December: a new panel, November's opinions no longer count
    const page = await request(t.app).get(path);
    expect(page.text).toContain('<span data-count="opinions">0</span>/4');
    const fourth = await json(jurors[3]!, `${path}/opinion`);
    expect(fourth.body).toEqual({ opinionCount: 1, mine: true, blinded: false }); // not 4: no mix
    // A November opinion cannot be withdrawn in December (it no longer counts); it stays stored.
    const withdraw = await json(jurors[0]!, `${path}/opinion/withdraw`);
    expect(withdraw.body).toEqual({ opinionCount: 1, mine: false, blinded: false });
    expect(await t.db.juryOpinion.count({ where: { postId: post.id } })).toBe(4);
    // December's own four blind it.
    for (const j of jurors.slice(0, 2)) expect((await json(j, `${path}/opinion`)).body.blinded).toBe(false);
    expect((await json(jurors[4]!, `${path}/opinion`)).body).toEqual({ opinionCount: 4, mine: true, blinded: true });
    expect((await t.db.blindLog.findFirstOrThrow({ where: { postId: post.id } })).opinionCount).toBe(4);
  });
});

describe("choosing a panel", () => {
  it("is board-scoped: a post blinded on another board does not exclude a member", async () => {
    const t = await setUpTestApp();
    t.time.set("2026-11-15T03:00:00Z");
    const m = await member(t, [{ at: OCT, count: 2 }]);
    const elsewhere = await createPost(t, { stockCode: "000660", authorId: m.id, createdAt: OCT });
    await t.db.post.update({ where: { id: elsewhere.id }, data: { blindedAt: new Date("2026-10-20T03:00:00Z") } });
    const blindedHere = await member(t, [{ at: OCT, count: 3 }]);
    const own = await t.db.post.findFirstOrThrow({ where: { authorId: blindedHere.id } });
    await t.db.post.update({ where: { id: own.id }, data: { blindedAt: new Date("2026-10-20T03:00:00Z") } });
    const page = await request(t.app).get("/boards/005930/jury").expect(200);
    expect(page.text).toContain("그 달에 이 게시판에서 운영배심원 의견으로 블라인드 처리된 글이 있는 회원은 제외됩니다.");
    const panel = await t.db.juryPanel.findFirstOrThrow({ where: { boardId: 1, month: "2026-11" }, include: { members: true } });
    expect(panel.members.map((x) => x.userId)).toEqual([m.id]);
  });

  it("counts a 추천 in the month it was given (a 반대 switched to 추천 moves to the switch's month)", async () => {
    const t = await setUpTestApp();
    const author = await member(t);
    const voter = await member(t);
    t.time.set("2026-10-20T03:00:00Z");
    const post = await createPost(t, { authorId: author.id, createdAt: new Date("2026-10-20T03:00:00Z") });
    const path = `/boards/005930/posts/${post.number}`;
    expect((await json(voter, `${path}/vote`, { value: "down" })).status).toBe(200);
    const ups = async (month: string) => (await monthActivity(t, 1, month)).find((a) => a.userId === author.id)?.upsReceived ?? 0;
    expect(await ups("2026-10")).toBe(0);
    t.time.set("2026-11-03T03:00:00Z");
    expect((await json(voter, `${path}/vote`, { value: "up" })).status).toBe(200);
    expect(await ups("2026-10")).toBe(0);
    expect(await ups("2026-11")).toBe(1);
  });

  it("keeps what was chosen: later changes to last month's data do not change the panel or jury:select's answer", async () => {
    const t = await setUpTestApp();
    t.time.set("2026-11-15T03:00:00Z");
    const m = await member(t, [{ at: OCT, count: 3 }]);
    await request(t.app).get("/boards/005930/jury").expect(200);
    const post = await t.db.post.findFirstOrThrow({ where: { authorId: m.id } });
    await t.db.post.update({ where: { id: post.id }, data: { deletedAt: new Date() } });
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/jury-select.ts", "--board", "005930", "--month", "2026-11"], {
      encoding: "utf8",
      env: childEnv({ NODE_ENV: "", DATABASE_URL: t.url }),
      timeout: 30_000,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("이미 선정됨, 배심원 1명");
    expect(run.stdout).toContain(`1. ${m.nickname}  점수 3 (글 3, 댓글 0, 받은 추천 0)`);
  }, 60_000);
});

describe("what the box and the jury page say", () => {
  it("says plainly when a panel has fewer than four jurors", async () => {
    const t = await setUpTestApp();
    t.time.set("2026-11-15T03:00:00Z");
    await member(t, [{ at: OCT }]);
    await member(t, [{ at: OCT }]);
    const post = await createPost(t);
    const page = await request(t.app).get(`/boards/005930/posts/${post.number}`).expect(200);
    // One short line on every post; the jury page explains.
    expect(page.text).toContain("(이번 달 운영배심원 2명)");
    expect(page.text).toContain('이번 달에는 운영배심원이 4명이 되지 않아 글 내리기로 블라인드되지 않습니다. <a href="/boards/005930/jury#short-panel">운영배심원 안내 보기</a>');
    expect(page.text).not.toContain("의견을 모을 수 없습니다");
    expect(page.text.match(/class="jury-box__rule"/g)).toHaveLength(1);
    const jury = await request(t.app).get("/boards/005930/jury");
    expect(jury.text).toContain("운영배심원이 4명보다 적어 글 내리기 의견이 4명을 채울 수 없습니다.");
    expect(jury.text).toContain("배심원 의견으로 블라인드 처리되는 글도 없습니다.");
  });

  it("explains 4/4 without blinding, and never shows which juror spoke on a post", async () => {
    const t = await setUpTestApp();
    t.time.set("2026-11-15T03:00:00Z");
    const jurors: Member[] = [];
    for (let i = 0; i < 5; i++) jurors.push(await member(t, [{ at: OCT, count: 5 - i }]));
    const author = await member(t);
    const post = await createPost(t, { authorId: author.id, title: "추천이 많은 글" });
    const path = `/boards/005930/posts/${post.number}`;
    for (const j of jurors.slice(0, 4)) await json(j, `${path}/opinion`);
    const page = await request(t.app).get(path);
    expect(page.text).toContain("글 내리기 의견이 4명을 채웠습니다. 반대(0)가 추천(0)보다 많아지면 바로 블라인드 처리됩니다.");
    // A 반대 now blinds it; nobody's view shows who gave the opinions.
    await json(jurors[4]!, `${path}/vote`, { value: "down" });
    expect((await t.db.post.findUniqueOrThrow({ where: { id: post.id } })).blindedAt).not.toBeNull();
    // (A juror's own page carries their nickname in the header, so it is checked for the others.)
    const views: [string, Member | null][] = [
      [(await author.a.get(path).expect(200)).text, null],
      [(await request(t.app).get(path).expect(200)).text, null],
      [(await jurors[0]!.a.get(path).expect(200)).text, jurors[0]!],
    ];
    const jury = (await request(t.app).get("/boards/005930/jury").expect(200)).text;
    const log = jury.slice(jury.indexOf('id="log-title"'), jury.indexOf('id="past-title"'));
    expect(log).toContain(`${post.number}번 글`); // the blinding is there, and nobody's name beside it
    views.push([log, null]);
    for (const [text] of views) expect(text).toContain("블라인드");
    // The list of neighbouring posts under a post names their authors (as the list page does):
    // authorship, not opinions, so those cells are left out of the check.
    const withoutAuthors = (html: string) => html.replace(/<td class="author">.*?<\/td>/g, "");
    for (const [text, self] of views) for (const j of jurors.slice(0, 4)) if (j !== self) expect(withoutAuthors(text)).not.toContain(j.nickname);
  });
});
