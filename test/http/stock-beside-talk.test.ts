// The stock beside the talk (docs/product.md §17): 공시 from DART's answers, 시장경보 and trading
// status, the close when a post was written against the latest, and 본인 표시 with its 7-day
// chart — each on the pages that show it, and each change seen by the next anonymous reader
// through the page cache. On SQLite with `npm test`, on PostgreSQL with `npm run test:pg`.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { jsonItemsOf } from "../../src/cli/json-file.ts";
import { csvRows } from "../../src/cli/table-stream.ts";
import { decodeText, readTable } from "../../src/lib/tabular.ts";
import { importAlerts } from "../../src/modules/boards/alerts.service.ts";
import { importDisclosures } from "../../src/modules/disclosures/disclosures.service.ts";
import { readQuotes } from "../../src/modules/quotes/quotes.rules.ts";
import { importQuotes } from "../../src/modules/quotes/quotes.service.ts";
import { csrfFor, postForm, request, setUpTestApp, signedUpMember, tokenFrom, type TestContext } from "../helpers.ts";

const NOON_KST_1127 = "2026-11-27T03:00:00Z";

async function cachedApp(at = NOON_KST_1127) {
  const t = await setUpTestApp({ env: { PAGE_CACHE: "on" } });
  t.time.set(at);
  return t;
}

/** An anonymous reader's page, with whether the page cache answered it. */
async function anonymous(t: TestContext, path: string) {
  const res = await request(t.app).get(path);
  expect(res.status).toBe(200);
  return { html: res.text, cache: res.headers["x-cache"] };
}

const importFixtureFilings = (t: TestContext) => importDisclosures(t, () => jsonItemsOf("test/fixtures/dart-list.json"));
const importFixtureAlerts = (t: TestContext, file = "test/fixtures/market-alerts.csv") => importAlerts(t, () => csvRows(file, "utf-8"));

async function loadQuotes(t: TestContext, until: string) {
  const { quotes } = readQuotes(readTable(decodeText(fs.readFileSync("test/fixtures/quotes-daily.csv")).text));
  await importQuotes(t, quotes.filter((q) => q.day <= until));
}

describe("공시", () => {
  it("imports the fixture once, lists a board's filings newest first with DART links, and shows today's in the header", async () => {
    const t = await cachedApp();
    const first = await importFixtureFilings(t);
    expect(first).toMatchObject({ added: 14, updated: 0, unchanged: 0, skippedCount: 5 });
    expect(first.skipped.map((s) => [s.line, s.index + 1])).toEqual([[75, 7], [86, 8], [97, 9], [174, 16], [185, 17]]);
    expect(await t.db.disclosure.count()).toBe(14);
    expect(await importFixtureFilings(t)).toMatchObject({ added: 0, updated: 0, unchanged: 14 });

    const tab = await anonymous(t, "/boards/005930/disclosures");
    const titles = [...tab.html.matchAll(/rcpNo=(\d{14})" rel="noopener external" target="_blank"><bdi>([^<]+)<\/bdi>/g)].map((m) => [m[1], m[2]]);
    // The header's three of today come first in the page, then the tab's list of all six.
    expect(titles.slice(3).map((x) => x[0])).toEqual(["20261127800412", "20261127800377", "20261127800201", "20261127800105", "20261126800933", "20261114800410"]);
    expect(titles.slice(3)[4]![1]).toBe("주식등의대량보유상황보고서(일반)"); // DART's padding trimmed
    expect(tab.html).toContain('<a href="/boards/005930/disclosures" aria-current="page">공시</a>');
    expect(tab.html).toContain('href="https://dart.fss.or.kr/dsaf001/main.do?rcpNo=20261127800412"');

    const board = await anonymous(t, "/boards/005930");
    expect(board.html).toContain("오늘 공시 4건");
    expect(board.html.match(/class="filings-today"[\s\S]*?<\/section>/)![0].match(/<li>/g)).toHaveLength(3);
    expect(board.html).toContain('<a href="/boards/005930/disclosures">오늘 공시 모두 보기</a>');
    // The next day, 11.27's filings are not today's.
    t.time.set("2026-11-28T03:00:00Z");
    expect((await anonymous(t, "/boards/005930")).html).not.toContain("오늘 공시");
  });

  it("answers a page past the last with its reason and a forged page with 400", async () => {
    const t = await cachedApp();
    const past = await request(t.app).get("/boards/035720/disclosures?page=9");
    expect(past.status).toBe(404);
    expect(past.text).toContain("9페이지에는 공시가 없습니다.");
    const forged = await request(t.app).get("/boards/035720/disclosures?page=%27or1");
    expect(forged.status).toBe(400);
    expect(forged.text).not.toMatch(/^\s+at /m);
  });

  it("a new filing drops every cached page of its board, and no other board's", async () => {
    const t = await cachedApp();
    for (const path of ["/boards/005930", "/boards/005930/posts/1", "/boards/000660"]) {
      await anonymous(t, path);
      expect((await anonymous(t, path)).cache).toBe("hit");
    }
    await importFixtureFilings(t);
    const list = await anonymous(t, "/boards/005930");
    expect(list.cache).toBe("miss");
    expect(list.html).toContain("오늘 공시 4건");
    expect((await anonymous(t, "/boards/005930/posts/1")).html).toContain("오늘 공시 4건");
    // 000660 has a filing of today too: its pages went; NAVER (no filing today) kept its copy.
    await anonymous(t, "/boards/035420");
    await importDisclosures(t, async function* () {
      yield { kind: "item" as const, index: 0, line: 1, value: { corp_code: "00164779", corp_name: "SK하이닉스", stock_code: "000660", report_nm: "기업설명회(IR)개최", rcept_no: "20261127800999", flr_nm: "SK하이닉스", rcept_dt: "20261127", rm: "유" } };
    });
    expect((await anonymous(t, "/boards/035420")).cache).toBe("hit");
    expect((await anonymous(t, "/boards/000660")).html).toContain("오늘 공시 2건");
  });
});

describe("시장경보 and trading status", () => {
  it("shows badges in the header, the lists and the suggestions, and a banner during 투자경고 and 거래정지", async () => {
    const t = await cachedApp("2026-11-26T03:00:00Z");
    const report = await importFixtureAlerts(t);
    expect(report).toMatchObject({ added: 6, updated: 0, unchanged: 0, skippedCount: 4 });
    expect(report.skipped.map((p) => p.line)).toEqual([8, 9, 10, 11]);
    expect(report.skipped[3]!.message).toBe("035420: 해제일 2026-11-20이 지정일 2026-11-24보다 앞섭니다.");
    const cp949 = await importAlerts(t, () => csvRows("test/fixtures/market-alerts-cp949.csv", "cp949"));
    expect(cp949).toMatchObject({ added: 0, unchanged: 6, skippedCount: 4 });

    const kakao = (await anonymous(t, "/boards/035720")).html;
    expect(kakao).toContain('<span class="badge badge--alert badge--warning">투자경고</span>');
    expect(kakao).toMatch(/<div class="market-banner market-banner--warning" role="note" aria-label="투자경고 안내">\s*<p><strong>투자경고 종목입니다\.<\/strong> 주가가 짧은 기간에/);
    expect(kakao).toContain('href="https://kind.krx.co.kr/investwarn/investattentwarnrisky.do?method=investattentwarnriskyMain"');
    // The 투자주의 of 11.20 ended on its 해제일 (11.21): no badge for it now.
    expect(kakao).not.toContain("badge--caution");
    // 투자주의 (a badge, no banner) on 000660 for its one day; 관리종목 on NAVER; a halt's banner.
    const hynix = (await anonymous(t, "/boards/000660")).html;
    expect(hynix).toContain(">투자주의</span>");
    expect(hynix).not.toContain("market-banner");
    expect((await anonymous(t, "/boards/035420")).html).toContain(">관리종목</span>");
    expect((await anonymous(t, "/boards/373220")).html).toContain("거래정지 종목입니다.");

    const directory = (await request(t.app).get("/boards?group=ㅋ").expect(200)).text;
    expect(directory).toMatch(/>카카오<\/a> <span class="badge badge--alert badge--warning">투자경고<\/span><\/th>/);
    const suggest = await request(t.app).get(`/boards/suggest?q=${encodeURIComponent("카카")}`).expect(200);
    expect(suggest.body.boards[0]).toEqual({ code: "035720", name: "카카오", market: "KOSPI", delisted: false, alerts: ["투자경고"] });
    expect(suggest.headers["cache-control"]).toBe("public, max-age=10");

    // A member's 관심종목 shows it too.
    const { a } = await signedUpMember(t);
    await postForm(a, "/boards/035720/follow", {}, "/boards/035720");
    expect((await a.get("/me/follows").expect(200)).text).toMatch(/>카카오<\/a> <span class="stock-code">035720<\/span> <span class="badge badge--alert badge--warning">투자경고<\/span>/);

    // The next day 000660's designation has ended.
    t.time.set("2026-11-27T03:00:00Z");
    t.time.advance(10_000);
    expect((await anonymous(t, "/boards/000660")).html).not.toContain(">투자주의</span>");
  });

  it("a designation and its 해제일 reach the next anonymous reader at once, and another process's within ten seconds", async () => {
    const t = await cachedApp("2026-11-26T03:00:00Z");
    await anonymous(t, "/boards/035720");
    expect((await anonymous(t, "/boards/035720")).cache).toBe("hit");
    await importFixtureAlerts(t);
    const warned = await anonymous(t, "/boards/035720");
    expect(warned.cache).toBe("miss");
    expect(warned.html).toContain("투자경고 종목입니다.");

    // A later file gives the 해제일: updated, not added; the banner goes.
    const released = `test/.tmp/alerts-released-${process.pid}.csv`;
    fs.writeFileSync(released, "종목코드,구분,지정일,해제일\n035720,투자경고,2026-11-24,2026-11-26\n");
    try {
      expect(await importAlerts(t, () => csvRows(released, "utf-8"))).toMatchObject({ added: 0, updated: 1 });
    } finally {
      fs.rmSync(released, { force: true });
    }
    expect((await anonymous(t, "/boards/035720")).html).not.toContain("투자경고");

    // What an import in another process leaves: a row, this process not told.
    const board = await t.db.board.findUniqueOrThrow({ where: { stockCode: "035720" } });
    await t.db.marketAlert.create({ data: { boardId: board.id, kind: "halt", startDay: "2026-11-26" } });
    t.time.advance(9_000);
    expect((await anonymous(t, "/boards/035720")).html).not.toContain("거래정지");
    t.time.advance(1_000);
    expect((await anonymous(t, "/boards/035720")).html).toContain("거래정지 종목입니다.");
  });
});

describe("the price when a post was written", () => {
  it("keeps the last close with the post and shows it against a later close on the post page and the author's profile", async () => {
    const t = await cachedApp("2026-11-26T03:00:00Z");
    await loadQuotes(t, "2026-11-25");
    const { a, id } = await signedUpMember(t);
    const res = await postForm(a, "/boards/005930/posts", { title: "가격 기록", body: "지금 가격에 삽니다" }, "/boards/005930/write");
    expect(res.status).toBe(303);
    const post = await t.db.post.findFirstOrThrow({ where: { authorId: id } });
    const close1125 = (await t.db.quote.findFirstOrThrow({ where: { board: { stockCode: "005930" }, day: "2026-11-25" } })).close;
    expect(post).toMatchObject({ closeAtPosting: close1125, closeDayAtPosting: "2026-11-25" });
    const path = `/boards/005930/posts/${post.number}`;
    // No later close yet: nothing to compare.
    expect((await anonymous(t, path)).html).not.toContain("작성 시");
    expect((await anonymous(t, path)).cache).toBe("hit");

    await loadQuotes(t, "2026-11-27");
    const close1127 = (await t.db.quote.findFirstOrThrow({ where: { board: { stockCode: "005930" }, day: "2026-11-27" } })).close;
    const rate = (Math.round(((close1127 - close1125) / close1125) * 1000) / 10).toFixed(1);
    const won = (n: number) => n.toLocaleString("ko-KR");
    const page = await anonymous(t, path);
    expect(page.cache).toBe("miss");
    const line = page.html.match(/<p class="price-since[^>]*>[\s\S]*?<\/p>/)![0].replace(/<[^>]+>/g, "");
    expect(line).toContain(`작성 시 ${won(close1125)}원 → 최근 종가 ${won(close1127)}원 (${Number(rate) > 0 ? "+" : ""}${rate}%)`);
    const profile = await request(t.app).get(`/users/${id}`).expect(200);
    expect(profile.text).toContain(`최근 종가 <strong>${won(close1127)}원</strong>`);
    // The seed's first post was written before any price: it shows none.
    expect((await anonymous(t, "/boards/005930/posts/1")).html).not.toContain("작성 시");
  });
});

describe("본인 표시", () => {
  it("marks a post 보유·매수 as the writer's own statement and counts it in the board's 7-day chart", async () => {
    const t = await cachedApp();
    const { a, id } = await signedUpMember(t);
    const chartText = async () => (await anonymous(t, "/boards/035720")).html.match(/<section class="stance-chart"[\s\S]*?<\/section>/)![0];
    expect(await chartText()).toContain("최근 7일 동안 본인 표시(매수·매도·중립)를 한 글이 없습니다.");

    const res = await postForm(a, "/boards/035720/posts", { title: "삽니다", body: "실적이 좋습니다", holding: "held", stance: "buy" }, "/boards/035720/write");
    expect(res.status).toBe(303);
    await postForm(a, "/boards/035720/posts", { title: "팔았습니다", body: "차익 실현했습니다", holding: "not_held", stance: "sell" }, "/boards/035720/write");
    await postForm(a, "/boards/035720/posts", { title: "그냥 씁니다", body: "의견 없음" }, "/boards/035720/write");
    const posts = await t.db.post.findMany({ where: { authorId: id }, orderBy: { id: "asc" } });
    expect(posts.map((p) => [p.holding, p.stance])).toEqual([["held", "buy"], ["not_held", "sell"], [null, null]]);

    const page = (await anonymous(t, `/boards/035720/posts/${posts[0]!.number}`)).html;
    expect(page).toMatch(/<p class="self-stated"><span>본인 표시<span class="visually-hidden"> \(글쓴이가 밝힌 것, 확인되지 않음\)<\/span>:<\/span> <span class="badge badge--stated">보유<\/span> <span class="badge badge--stated badge--buy">매수<\/span><\/p>/);
    expect((await anonymous(t, `/boards/035720/posts/${posts[2]!.number}`)).html).not.toContain('class="self-stated"');

    // The chart: today's bar has one 매수 and one 매도; its table says so for screen readers.
    const chart = await chartText();
    expect(chart).toContain("<rect class=\"bar--buy\"");
    expect(chart).toContain("<rect class=\"bar--sell\"");
    expect(chart).toContain("<tr><th scope=\"row\">11.27</th><td>1</td><td>1</td><td>0</td></tr>");
    expect(chart).toContain("<tr><th scope=\"row\">11.21</th><td>0</td><td>0</td><td>0</td></tr>");

    // Deleting the 매도 post takes it out of the chart for the next anonymous reader.
    await anonymous(t, "/boards/035720");
    const deleted = await postForm(a, `/boards/035720/posts/${posts[1]!.number}/delete`, {}, `/boards/035720/posts/${posts[1]!.number}/delete`);
    expect(deleted.status).toBe(303);
    expect(await chartText()).toContain("<tr><th scope=\"row\">11.27</th><td>1</td><td>0</td><td>0</td></tr>");
    expect(await t.db.stanceDay.findMany({ where: { board: { stockCode: "035720" } }, select: { day: true, stance: true, posts: true }, orderBy: { stance: "asc" } })).toEqual([
      { day: "2026-11-27", stance: "buy", posts: 1 },
      { day: "2026-11-27", stance: "sell", posts: 0 },
    ]);
  });

  it("refuses a forged choice with the text kept and writes nothing; an edit keeps what was stated", async () => {
    const t = await cachedApp();
    const { a, id } = await signedUpMember(t);
    const res = await postForm(a, "/boards/035720/posts", { title: "제목 그대로", body: "내용 그대로", stance: "moon" }, "/boards/035720/write");
    expect(res.status).toBe(400);
    expect(res.text).toContain("의견은 매수, 매도, 중립, 표시 안 함 가운데 하나를 골라 주세요.");
    expect(res.text).toContain('value="제목 그대로"');
    expect(res.text).toContain(">내용 그대로</textarea>");
    expect(await t.db.post.count({ where: { authorId: id } })).toBe(0);
    expect(await t.db.stanceDay.count()).toBe(0);

    await postForm(a, "/boards/035720/posts", { title: "삽니다", body: "실적", holding: "held", stance: "buy" }, "/boards/035720/write");
    const post = await t.db.post.findFirstOrThrow({ where: { authorId: id } });
    const form = await a.get(`/boards/035720/posts/${post.number}/edit`).expect(200);
    expect(form.text).toContain("(글을 쓸 때 밝힌 것으로, 고칠 수 없습니다)");
    const edited = await postForm(a, `/boards/035720/posts/${post.number}/edit`, { title: "삽니다 (수정)", body: "실적", holding: "not_held", stance: "sell" }, `/boards/035720/posts/${post.number}/edit`);
    expect(edited.status).toBe(303);
    expect(await t.db.post.findUniqueOrThrow({ where: { id: post.id } })).toMatchObject({ title: "삽니다 (수정)", holding: "held", stance: "buy" });
    expect(await t.db.stanceDay.findMany({ select: { stance: true, posts: true } })).toEqual([{ stance: "buy", posts: 1 }]);
  });

  it("a stated view survives a session that ended while writing: signing in again brings it back", async () => {
    const t = await cachedApp();
    const m = await signedUpMember(t);
    const write = "/boards/035720/write";
    const token = await csrfFor(m.a, write);
    await t.db.session.deleteMany({ where: {} });
    const sent = await m.a
      .post("/boards/035720/posts")
      .set("Host", "jongto.test")
      .set("Referer", `http://jongto.test${write}`)
      .type("form")
      .send({ _csrf: token, title: "제목", body: "본문", holding: "held", stance: "sell" });
    expect(sent.status).toBe(401);
    expect(sent.text).toContain('name="carry_stance" value="sell"');
    const signedIn = await m.a
      .post("/login")
      .type("form")
      .send({ _csrf: tokenFrom(sent.text), loginId: m.loginId, password: m.password, returnTo: write, carry_title: "제목", carry_body: "본문", carry_holding: "held", carry_stance: "sell" });
    expect(signedIn.status).toBe(303);
    const form = (await m.a.get(write).expect(200)).text;
    expect(form).toContain('<input type="radio" name="holding" value="held" checked>');
    expect(form).toContain('<input type="radio" name="stance" value="sell" checked>');
    expect(await t.db.post.count({ where: { authorId: m.id } })).toBe(0);
  });
});
