// 이의 신청: the author appeals a jury blinding; the month's jurors who gave no opinion hear it;
// three 복원 restore, three 유지 uphold, decided once. Jurors' records on past panels.
import { describe, expect, it } from "vitest";
import { addDownVotes, createPost } from "../factories.ts";
import { agent, csrfFor, databaseSnapshot, postForm, request, setUpTestApp, signUp, type Agent, type TestContext } from "../helpers.ts";

interface Member {
  a: Agent;
  id: number;
  nickname: string;
}

const OCT = new Date("2026-10-10T03:00:00Z");

async function member(t: TestContext, posts = 0): Promise<Member> {
  const a = agent(t.app);
  const user = await signUp(a);
  const row = await t.db.user.update({ where: { loginId: user.loginId }, data: { createdAt: new Date("2026-09-01T00:00:00Z") } });
  for (let i = 0; i < posts; i++) await createPost(t, { authorId: row.id, createdAt: OCT });
  return { a, id: row.id, nickname: user.nickname };
}

const json = async (m: Member, path: string, body: object = {}) =>
  m.a.post(path).set("Accept", "application/json").set("X-CSRF-Token", await csrfFor(m.a, "/")).send(body);


/** A board with a full panel of ten, and a post of `author` blinded by jurors 0–3. */
async function setUp(panelSize = 10) {
  const t = await setUpTestApp();
  t.time.set("2026-11-15T03:00:00Z");
  const jurors: Member[] = [];
  for (let i = 0; i < panelSize; i++) jurors.push(await member(t, 12 - i));
  const author = await member(t);
  const blinded = async (title: string) => {
    const post = await createPost(t, { authorId: author.id, title, body: `${title} 본문` });
    await addDownVotes(t.db, post.id, 2);
    const path = `/boards/005930/posts/${post.number}`;
    for (const j of jurors.slice(0, 4)) await json(j, `${path}/opinion`);
    expect((await t.db.post.findUniqueOrThrow({ where: { id: post.id } })).blindedAt).not.toBeNull();
    return { post, path };
  };
  return { t, jurors, author, blinded };
}

describe("이의 신청", () => {
  it("takes the author's appeal once, within 30 days, of a jury blinding only, with a reason of at most 500", async () => {
    const { t, jurors, author, blinded } = await setUp();
    const { post, path } = await blinded("이의 신청할 글");
    const page = await author.a.get(path);
    expect(page.text).toContain("이의 신청하기");
    await author.a.get(`${path}/appeal`).expect(200);
    const before = await databaseSnapshot(t);
    expect((await json(jurors[5]!, `${path}/appeal`, { reason: "제 글이 아닙니다" })).status).toBe(403);
    const empty = await postForm(author.a, `${path}/appeal`, { reason: "   " }, "/");
    expect(empty.status).toBe(400);
    const long = "가".repeat(501);
    const tooLong = await postForm(author.a, `${path}/appeal`, { reason: long }, "/");
    expect(tooLong.status).toBe(400);
    expect(tooLong.text).toContain(long);
    expect(await t.db.appeal.count()).toBe(0);
    expect(await databaseSnapshot(t)).toEqual(before);
    const ok = await postForm(author.a, `${path}/appeal`, { reason: "정상적인 실적 분석 글입니다." }, "/");
    expect(ok.status).toBe(303);
    const again = await json(author, `${path}/appeal`, { reason: "다시" });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe("이미 이의 신청을 한 글입니다. 한 글에 한 번만 신청할 수 있습니다.");
    expect(await t.db.appeal.count({ where: { postId: post.id } })).toBe(1);

    // After 30 days: refused.
    const late = await blinded("늦은 이의");
    t.time.advance(31 * 24 * 60 * 60 * 1000);
    const refused = await json(author, `${late.path}/appeal`, { reason: "늦었지만" });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe("블라인드 처리 후 30일이 지나 이의 신청을 할 수 없습니다.");

    // A post hidden by an operator is not a jury blinding.
    const hidden = await createPost(t, { authorId: author.id });
    await t.db.post.update({ where: { id: hidden.id }, data: { hiddenAt: new Date() } });
    expect((await json(author, `/boards/005930/posts/${hidden.number}/appeal`, { reason: "숨김" })).status).toBe(403);
  });

  it("is heard by jurors without an opinion on the post: three 복원 restore it, once, and the author is told", async () => {
    const { t, jurors, author, blinded } = await setUp();
    const { post, path } = await blinded("복원될 글");
    await json(author, `${path}/appeal`, { reason: "억울합니다" });
    const spoke = await json(jurors[0]!, `${path}/appeal/vote`, { value: "restore" });
    expect(spoke.status).toBe(403);
    expect(spoke.body.error.message).toBe("이 글에 글 내리기 의견을 낸 운영배심원은 이의 신청을 심사할 수 없습니다.");
    const notJuror = await json(author, `${path}/appeal/vote`, { value: "restore" });
    expect(notJuror.status).toBe(403);
    expect(notJuror.body.error.message).toBe("이번 달 이 게시판의 운영배심원만 글 내리기 의견을 낼 수 있습니다.");
    expect(await t.db.appealVote.count()).toBe(0);
    expect((await json(jurors[4]!, `${path}/appeal/vote`, { value: "bogus" })).status).toBe(400);
    // Changeable until decided.
    expect((await json(jurors[4]!, `${path}/appeal/vote`, { value: "uphold" })).body).toMatchObject({ restoreVotes: 0, upholdVotes: 1, result: null });
    expect((await json(jurors[4]!, `${path}/appeal/vote`, { value: "restore" })).body).toMatchObject({ restoreVotes: 1, upholdVotes: 0 });
    expect((await json(jurors[4]!, `${path}/appeal/vote`, { value: "restore" })).body).toMatchObject({ restoreVotes: 1 });
    const juror5 = await jurors[5]!.a.get(path);
    expect(juror5.text).toContain("이번 달 운영배심원으로 이 이의 신청을 심사할 수 있습니다.");
    // Without JavaScript: a confirmation, and the box shows the choice pressed.
    const plain = await postForm(jurors[5]!.a, `${path}/appeal/vote`, { value: "restore" }, path);
    expect(plain.headers.location).toBe(`${path}#appeal`);
    const after = await jurors[5]!.a.get(path).expect(200);
    expect(after.text).toContain("복원 의견을 냈습니다. 결정 전까지 바꿀 수 있습니다.");
    expect(after.text).toContain('value="restore" class="button" aria-pressed="true"');
    expect(after.text).toContain("내 의견: <strong>복원</strong>");
    // The deciding votes race: exactly one decides.
    const racing = await Promise.all([json(jurors[6]!, `${path}/appeal/vote`, { value: "restore" }), json(jurors[7]!, `${path}/appeal/vote`, { value: "restore" })]);
    expect(racing.map((r) => r.status).sort()).toEqual([200, 409]);
    const appeal = await t.db.appeal.findUniqueOrThrow({ where: { postId: post.id } });
    expect(appeal).toMatchObject({ result: "restored", restoreVotes: 3, upholdVotes: 0 });
    expect(await t.db.appealVote.count({ where: { appealId: appeal.id } })).toBe(3);
    // Visible again, searchable, open to votes; the opinions that blinded it no longer count.
    const restored = await t.db.post.findUniqueOrThrow({ where: { id: post.id } });
    expect(restored).toMatchObject({ blindedAt: null, opinionCount: 0 });
    expect((await request(t.app).get(path)).text).toContain("복원될 글 본문");
    expect((await request(t.app).get("/boards/005930?field=title&q=%EB%B3%B5%EC%9B%90%EB%90%A0")).text).toContain("복원될 글");
    expect((await json(jurors[8]!, `${path}/vote`, { value: "up" })).status).toBe(200);
    expect(await t.db.notification.findMany({ where: { userId: author.id, kind: "appeal" }, select: { detail: true } })).toEqual([{ detail: "복원" }]);
    // After the decision: no more votes.
    const late = await json(jurors[9]!, `${path}/appeal/vote`, { value: "uphold" });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toBe("이미 결정된 이의 신청입니다.");
    // Public on the jury page: counts only, never who voted.
    const jury = (await request(t.app).get("/boards/005930/jury")).text;
    const log = jury.slice(jury.indexOf("이의 신청 기록"), jury.indexOf("지난 운영배심원"));
    expect(log).toContain(`${post.number}번 글`);
    expect(log).toContain("복원");
    for (const j of jurors) expect(log).not.toContain(j.nickname);
  });

  it("upholds with three 유지, and waits for next month when fewer than three jurors may hear it", async () => {
    const { t, jurors, author, blinded } = await setUp();
    const { post, path } = await blinded("유지될 글");
    await json(author, `${path}/appeal`, { reason: "재검토 부탁" });
    for (const j of jurors.slice(4, 7)) await json(j, `${path}/appeal/vote`, { value: "uphold" });
    expect(await t.db.appeal.findUniqueOrThrow({ where: { postId: post.id } })).toMatchObject({ result: "upheld", upholdVotes: 3 });
    expect((await t.db.post.findUniqueOrThrow({ where: { id: post.id } })).blindedAt).not.toBeNull();
    expect((await json(jurors[7]!, `${path}/appeal/vote`, { value: "restore" })).status).toBe(409);

    const small = await setUp(5);
    const few = await small.blinded("심사할 배심원이 부족한 글");
    await json(small.author, `${few.path}/appeal`, { reason: "부탁드립니다" });
    expect((await request(small.t.app).get(few.path)).text).toContain("다음 달 운영배심원이 심사합니다.");
  });

  it("publishes a past panel's record as panel totals only: no juror's own count of opinions or appeal votes", async () => {
    const { t, jurors, author, blinded } = await setUp();
    const { path } = await blinded("기록에 남을 글");
    await json(author, `${path}/appeal`, { reason: "이의" });
    for (const j of jurors.slice(4, 7)) await json(j, `${path}/appeal/vote`, { value: "restore" });
    // While November runs, the record is not shown.
    const now = (await request(t.app).get("/boards/005930/jury").expect(200)).text;
    expect(now).not.toContain("이 달의 배심원");
    t.time.set("2026-12-02T03:00:00Z");
    const jury = (await request(t.app).get("/boards/005930/jury").expect(200)).text;
    const past = jury.slice(jury.indexOf('id="past-title"'));
    // The panel's totals: four opinions, one blinding, restored, three appeal votes.
    expect(past).toMatch(/이 달의 배심원 10명이 함께 낸 글 내리기 의견 <strong>4<\/strong>건 · 블라인드 <strong>1<\/strong>건 \(그중 이의 신청으로 복원 <strong>1<\/strong>건\) · 이의 심사 투표 <strong>3<\/strong>건/);
    // Each juror's row says who sat and their score, nothing a reader could match to a post.
    for (const j of jurors) {
      const row = past.split("<tr>").find((r) => r.includes(`>${j.nickname}<`));
      expect(row, j.nickname).toBeDefined();
      expect(row!.match(/data-label="([^"]+)"/g)).toEqual(['data-label="순위"', 'data-label="점수"']);
    }
  });
});
