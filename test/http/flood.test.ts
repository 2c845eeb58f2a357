// 도배 protection at write time: the same post again, near-copies across boards, and one body
// from several accounts.
import { beforeAll, describe, expect, it } from "vitest";
import { agent, postForm, request, setUpTestApp, signUp, type Agent, type TestContext } from "../helpers.ts";

let t: TestContext;
beforeAll(async () => {
  t = await setUpTestApp();
});

const BODY =
  "오늘 장 마감 후 발표된 실적을 보면 영업이익이 시장 예상치를 크게 웃돌았습니다. 반도체 업황 회복이 본격화되는 신호로 보이며, " +
  "다음 분기에도 메모리 가격 상승이 이어질 가능성이 높습니다. 외국인 순매수도 사흘째 이어지고 있어 수급도 좋습니다.";

const write = (a: Agent, code: string, title: string, body: string) => postForm(a, `/boards/${code}/posts`, { title, body }, `/boards/${code}/write`);

describe("flood protection", () => {
  let a: Agent;
  beforeAll(async () => {
    a = agent(t.app);
    await signUp(a);
  });

  it("refuses the same title and body again within 24 hours, on any board, linking the first", async () => {
    const first = await write(a, "005930", "실적 정리", BODY);
    expect(first.status).toBe(303);
    const posts = await t.db.post.count();
    // The same text with different spacing, case, a zero-width space: still the same post.
    const again = await write(a, "000660", "  실적   정리 ", BODY.replace("영업이익", "영업\u200b이익").replace(/ /g, "  "));
    expect(again.status).toBe(409);
    expect(again.text).toContain("같은 제목과 내용의 글을 24시간 안에 다시 올릴 수 없습니다.");
    expect(again.text).toContain(`<a href="${first.headers.location}">먼저 올린 글 보기</a>`);
    expect(again.text).toContain("실적   정리"); // what the user typed comes back
    expect(await t.db.post.count()).toBe(posts);
    // A day later it is a new post.
    t.time.advance(24 * 60 * 60 * 1000 + 1000);
    expect((await write(a, "005930", "실적 정리", BODY)).status).toBe(303);
  });

  it("refuses a near-copy on a third board within the hour, and allows it after the hour", async () => {
    const b = agent(t.app);
    await signUp(b);
    expect((await write(b, "005930", "반도체 전망", `${BODY}!`)).status).toBe(303);
    expect((await write(b, "000660", "반도체 전망", `${BODY}!!`)).status).toBe(303);
    const before = await t.db.post.count();
    const third = await write(b, "035420", "반도체 전망", `${BODY}?`);
    expect(third.status).toBe(409);
    expect(third.text).toContain("거의 같은 글을 1시간 안에 3개 이상의 종목 게시판에 올릴 수 없습니다");
    expect(await t.db.post.count()).toBe(before);
    // A different text on the third board is fine.
    expect((await write(b, "035420", "다른 이야기", "네이버 검색 점유율이 다시 오르고 있습니다. 광고 매출도 회복세입니다.")).status).toBe(303);
    t.time.advance(61 * 60 * 1000);
    expect((await write(b, "035720", "반도체 전망", `${BODY}?`)).status).toBe(303);
  });

  it("checks an edit like a new post: a clean post edited into a copy is refused, text kept", async () => {
    const c = agent(t.app);
    await signUp(c);
    const first = await write(c, "005930", "도배 원문", BODY);
    expect(first.status).toBe(303);
    const clean = await write(c, "000660", "평범한 글", "하이닉스 이야기를 해 봅시다.");
    const path = clean.headers.location!;
    const edit = (title: string, body: string) => postForm(c, `${path}/edit`, { title, body }, `${path}/edit`);
    const refused = await edit("도배 원문", BODY);
    expect(refused.status).toBe(409);
    expect(refused.text).toContain("같은 제목과 내용의 글을 24시간 안에 다시 올릴 수 없습니다.");
    expect(refused.text).toContain(`<a href="${first.headers.location}">먼저 올린 글 보기</a>`);
    expect(refused.text).toContain(BODY.slice(0, 30)); // what the user typed comes back
    const row = await t.db.post.findFirstOrThrow({ where: { number: Number(path.split("/").pop()), board: { stockCode: "000660" } } });
    expect(row.title).toBe("평범한 글");
    // Saving a post unchanged, or changed a little, compares it with the others, not itself.
    expect((await edit("평범한 글", "하이닉스 이야기를 해 봅시다.")).status).toBe(303);
    expect((await edit("평범한 글", "하이닉스 이야기를 조금 더 해 봅시다.")).status).toBe(303);
    // A near-copy across boards by editing: two boards have it, the third edit is refused.
    expect((await edit("도배 원문", `${BODY} 첫째`)).status).toBe(303);
    const third = await write(c, "035420", "평범한 셋째", "네이버 이야기입니다.");
    const thirdPath = third.headers.location!;
    const near = await postForm(c, `${thirdPath}/edit`, { title: "도배 원문", body: `${BODY} 둘째` }, `${thirdPath}/edit`);
    expect(near.status).toBe(409);
    expect(near.text).toContain("거의 같은 글을 1시간 안에 3개 이상의 종목 게시판에 올릴 수 없습니다");
  });

  it("lets one body from three accounts through but reports each copy automatically", async () => {
    const spam = "무료 리딩방 오픈! 급등주 매일 추천, 수익 인증 다수. 지금 카톡 오픈채팅 검색: 대박주식방";
    const ids: number[] = [];
    for (const [i, code] of ["005930", "000660", "035420"].entries()) {
      const m = agent(t.app);
      await signUp(m);
      const res = await write(m, code, `오늘의 추천 ${i}`, spam);
      expect(res.status).toBe(303);
      const number = Number(res.headers.location!.split("/").pop());
      ids.push((await t.db.post.findFirstOrThrow({ where: { board: { stockCode: code }, number } })).id);
      expect(await t.db.report.count({ where: { postId: { in: ids }, reporterKey: "auto" } })).toBe(i < 2 ? 0 : 3);
    }
    const reports = await t.db.report.findMany({ where: { postId: { in: ids } } });
    expect(reports.every((r) => r.reporterId === null && r.category === "spam" && r.closedAt === null)).toBe(true);
    // The operators see them in the queue, marked 자동 감지.
    const op = agent(t.app);
    const user = await signUp(op);
    await t.db.user.update({ where: { loginId: user.loginId }, data: { role: "operator" } });
    const queue = await op.get("/admin/reports").expect(200);
    expect(queue.text).toContain("자동 감지");
    for (let i = 0; i < 3; i++) expect(queue.text).toContain(`오늘의 추천 ${i}`);
    // A fourth copy is reported too, once.
    const m = agent(t.app);
    await signUp(m);
    expect((await write(m, "035720", "오늘의 추천 3", spam)).status).toBe(303);
    expect(await t.db.report.count({ where: { reporterKey: "auto" } })).toBe(4);
    expect((await request(t.app).get("/admin/reports")).status).toBe(404);
  });
});
