// Every listed company: importing the market's boards, the 종목 search and its suggestions,
// the directory, the home page, the list's sorted tabs, search counts and highlights, and the
// header's prices. On SQLite with `npm test`, on PostgreSQL with `npm run test:pg`.
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeText, readTable } from "../../src/lib/tabular.ts";
import { BoardDelisted } from "../../src/domain/errors.ts";
import { getBoard } from "../../src/modules/boards/boards.service.ts";
import { readListing, type Listing } from "../../src/modules/boards/listing.rules.ts";
import { importListing } from "../../src/modules/boards/listing.service.ts";
import { readQuotes } from "../../src/modules/quotes/quotes.rules.ts";
import { importQuotes } from "../../src/modules/quotes/quotes.service.ts";
import { createPost } from "../../src/modules/posts/writing.service.ts";
import { createPost as addPost, createUser } from "../factories.ts";
import { agent, postForm, request, setUpTestApp, signUp, tokenFrom, type TestContext } from "../helpers.ts";

const fixture = (): Listing => readListing(readTable(decodeText(fs.readFileSync("test/fixtures/listing-krx.xls")).text));
const csvListing = (lines: string[]) => readListing(readTable(["회사명,종목코드,시장구분", ...lines].join("\n")));

let t: TestContext;
beforeAll(async () => {
  t = await setUpTestApp();
  await importListing(t, fixture(), { delist: false });
});

const suggest = async (q: string) => {
  const res = await request(t.app).get(`/boards/suggest?q=${encodeURIComponent(q)}`).expect(200);
  return (res.body as { boards: { name: string; code: string }[] }).boards.map((b) => b.name);
};

describe("boards:import", () => {
  it("adds the fixture's boards once: a second run changes nothing", async () => {
    const fresh = await setUpTestApp();
    const first = await importListing(fresh, fixture(), { delist: false });
    expect(first.added).toHaveLength(33); // 38 companies, five of them seeded
    expect(first.unchanged).toBe(5);
    expect(await fresh.db.board.count()).toBe(38);
    const again = await importListing(fresh, fixture(), { delist: true });
    expect(again).toEqual({ added: [], renamed: [], moved: [], relisted: [], delisted: [], unchanged: 38 });
    expect((await fresh.db.board.findUniqueOrThrow({ where: { stockCode: "000020" } })).stockName).toBe("동화약품");
  });

  it("renames a company and moves it between markets; the next reader sees it at once", async () => {
    const s = await setUpTestApp();
    await importListing(s, fixture(), { delist: false });
    expect((await request(s.app).get("/boards/035720").expect(200)).text).toContain(">카카오</a>");
    const renamed = fixture();
    renamed.companies = renamed.companies.map((c) =>
      c.stockCode === "035720" ? { ...c, stockName: "카카오홀딩스" } : c.stockCode === "028300" ? { ...c, market: "KOSPI" as const } : c,
    );
    const report = await importListing(s, renamed, { delist: false });
    expect(report.renamed).toEqual([{ stockCode: "035720", from: "카카오", to: "카카오홀딩스" }]);
    expect(report.moved).toEqual([{ stockCode: "028300", from: "KOSDAQ", to: "KOSPI" }]);
    const page = (await request(s.app).get("/boards/035720").expect(200)).text;
    expect(page).toContain(">카카오홀딩스</a>");
    expect((await request(s.app).get("/boards/028300").expect(200)).text).toContain('<span class="stock-header__market">KOSPI</span>');
  });

  it("reaches a running server within ten seconds when another process imports (renames, delistings, prices)", async () => {
    const s = await setUpTestApp();
    expect((await request(s.app).get("/boards/035720").expect(200)).text).toContain(">카카오</a>");
    // What an import in another process leaves: rows changed, this process not told.
    await s.db.board.update({ where: { stockCode: "035720" }, data: { stockName: "카카오홀딩스", delistedAt: new Date() } });
    await s.db.quote.create({ data: { boardId: (await s.db.board.findUniqueOrThrow({ where: { stockCode: "035720" } })).id, day: "2026-11-27", open: 40000, high: 41000, low: 39000, close: 40500, volume: 10n } });
    s.time.advance(9_000);
    const before = (await request(s.app).get("/boards/035720").expect(200)).text;
    expect(before).toContain(">카카오</a>");
    expect(before).toContain("시세 정보가 아직 없습니다.");
    s.time.advance(1_000); // ten seconds after the copies were made, even with no request between
    const after = (await request(s.app).get("/boards/035720").expect(200)).text;
    expect(after).toContain(">카카오홀딩스</a>");
    expect(after).toContain("상장폐지된 종목입니다");
    expect(after).toContain('<strong class="quote__close">40,500</strong>');
  });

  it("with --delist makes a departed company's board read-only, keeps its posts, and lists it again when it returns", async () => {
    const s = await setUpTestApp();
    await importListing(s, fixture(), { delist: false });
    const author = await createUser(s.db);
    await addPost(s, { stockCode: "263750", authorId: author.id, title: "펄어비스 신작 기대" });
    const gone = fixture();
    gone.companies = gone.companies.filter((c) => c.stockCode !== "263750");
    const report = await importListing(s, gone, { delist: true });
    expect(report.delisted).toEqual(["263750"]);
    expect(await s.db.board.count({ where: { stockCode: "263750" } })).toBe(1);

    const page = (await request(s.app).get("/boards/263750").expect(200)).text;
    expect(page).toContain("상장폐지된 종목입니다");
    expect(page).toContain("펄어비스 신작 기대");
    expect(page).not.toContain(">글쓰기</a>");
    const member = agent(s.app);
    await signUp(member);
    expect((await member.get("/boards/263750/write").expect(403)).text).toContain("상장폐지된 종목의 토론실은 읽기만 할 수 있습니다");
    const postPage = (await member.get("/boards/263750/posts/1").expect(200)).text;
    expect(postPage).toContain("상장폐지된 종목이라 댓글을 받지 않습니다.");
    expect(postPage).toContain('disabled title="상장폐지된 종목에는 추천/반대할 수 없습니다."');
    const token = tokenFrom(postPage);
    const vote = await member.post("/boards/263750/posts/1/vote").set("Accept", "application/json").set("X-CSRF-Token", token).send({ value: "up" });
    expect(vote.status).toBe(403);
    expect(vote.body.error.message).toContain("상장폐지");
    const comment = await member.post("/boards/263750/posts/1/comments").set("Accept", "application/json").set("X-CSRF-Token", token).send({ body: "댓글" });
    expect(comment.status).toBe(403);
    expect(await s.db.comment.count()).toBe(0);
    const refused = await postForm(member, "/boards/263750/posts", { title: "새 글", body: "본문" }, "/boards/263750/write");
    expect(refused.status).toBe(403);
    expect(refused.text).toContain("상장폐지된 종목의 토론실은 읽기만 할 수 있습니다");
    await expect(createPost(s, await getBoard(s, "263750"), author.id, { title: "새 글", body: "본문" })).rejects.toBeInstanceOf(BoardDelisted);
    expect(await s.db.post.count({ where: { title: "새 글" } })).toBe(0);

    const back = await importListing(s, fixture(), { delist: true });
    expect(back.relisted).toEqual(["263750"]);
    expect((await request(s.app).get("/boards/263750").expect(200)).text).not.toContain("상장폐지된 종목입니다");
  });

  it("refuses to delist most of a market from a cut-short file, and writes nothing", async () => {
    const s = await setUpTestApp();
    await importListing(s, fixture(), { delist: false });
    const short = csvListing(["삼성전자,005930,KOSPI", "새회사,999990,KOSPI"]);
    await expect(importListing(s, short, { delist: true })).rejects.toThrow(/파일이 잘렸을 수 있어/);
    expect(await s.db.board.count({ where: { delistedAt: { not: null } } })).toBe(0);
    expect(await s.db.board.count({ where: { stockCode: "999990" } })).toBe(0); // the whole import was undone
    const forced = await importListing(s, short, { delist: true, allowMassDelisting: true });
    expect(forced.added).toEqual(["999990"]);
    expect(forced.delisted).toHaveLength(25); // every other KOSPI board of the fixture; KOSDAQ untouched
  });

  it("skips malformed rows and imports the rest", async () => {
    const s = await setUpTestApp();
    const listing = csvListing(["좋은회사,123456,KOSDAQ", "나쁜코드,12A456,KOSDAQ", "나쁜시장,654321,NASDAQ"]);
    expect(listing.problems.map((p) => p.line)).toEqual([3, 4]);
    const report = await importListing(s, listing, { delist: false });
    expect(report.added).toEqual(["123456"]);
    expect(await s.db.board.count({ where: { stockCode: { in: ["12A456", "654321"] } } })).toBe(0);
  });
});

describe("종목 search", () => {
  it("suggests by code prefix, part of the name, initials and mixed input, 삼성전자 first for ㅅㅅ", async () => {
    expect((await suggest("ㅅㅅ"))[0]).toBe("삼성전자"); // the board with posts first among the 삼성s
    expect(await suggest("0059")).toEqual(["삼성전자"]);
    expect(await suggest("전자")).toEqual(["삼성전자"]);
    expect(await suggest("ㅅㅅㅈㅈ")).toEqual(["삼성전자"]);
    expect(await suggest("삼성ㅈ")).toEqual(expect.arrayContaining(["삼성전자", "삼성전기", "삼성중공업"]));
    expect(await suggest("에코")).toEqual(["에코프로", "에코프로비엠"]);
    expect(await suggest("카카오")).toEqual(["카카오", "카카오게임즈"]); // the exact name first
    expect(await suggest("000660")).toEqual(["SK하이닉스"]);
    expect((await suggest("ㅅ")).length).toBe(8); // a page of suggestions, never the whole market
  });

  it("answers a bad query with a JSON error, never a 500", async () => {
    const res = await request(t.app).get(`/boards/suggest?q=${"가".repeat(31)}`).expect(400);
    expect(res.body).toEqual({ error: { code: "validation", message: expect.stringContaining("30자") } });
    expect((await request(t.app).get("/boards/suggest?q=%00").expect(400)).body.error.code).toBe("validation");
    expect((await request(t.app).get("/boards/suggest?q=a&q=b").expect(400)).body.error.code).toBe("validation");
  });

  it("works without JavaScript: a results page, and an exact code or name opens the board", async () => {
    const results = (await request(t.app).get("/boards?q=" + encodeURIComponent("ㅅㅅ")).expect(200)).text;
    expect(results).toMatch(/‘ㅅㅅ’ 종목 검색 결과 <strong>\d+<\/strong>개/);
    expect(results.indexOf(">삼성전자</a>")).toBeGreaterThan(-1);
    expect(results.indexOf(">삼성전자</a>")).toBeLessThan(results.indexOf(">삼성물산</a>"));
    expect(results).toContain('value="ㅅㅅ"'); // the box keeps what was typed
    expect((await request(t.app).get("/boards?q=005930").expect(303)).headers.location).toBe("/boards/005930");
    expect((await request(t.app).get("/boards?q=" + encodeURIComponent("삼성전자")).expect(303)).headers.location).toBe("/boards/005930");
    const none = (await request(t.app).get("/boards?q=" + encodeURIComponent("없는회사")).expect(200)).text;
    expect(none).toContain("찾는 종목이 없습니다.");
    const long = await request(t.app).get(`/boards?q=${"나".repeat(31)}`).expect(400);
    expect(long.text).toContain("30자 이내");
    expect(long.text).toContain(`value="${"나".repeat(31)}"`);
  });
});

describe("the directory and the home page", () => {
  it("pages through every board by 가나다 and ABC groups, fifty at a time", async () => {
    const s = await setUpTestApp();
    const many = Array.from({ length: 120 }, (_, i) => `가상회사${String(i).padStart(3, "0")},${String(900000 + i)},KOSDAQ`);
    await importListing(s, csvListing(many), { delist: false });
    const all = (await request(s.app).get("/boards").expect(200)).text;
    expect(all).toContain("전체 125개 종목");
    expect(all.match(/<th scope="row"><a href="\/boards\/\d{6}">/g)).toHaveLength(50);
    const third = (await request(s.app).get("/boards?page=3").expect(200)).text;
    expect(third.match(/<th scope="row"><a href="\/boards\/\d{6}">/g)).toHaveLength(25);
    const g = (await request(s.app).get("/boards?group=" + encodeURIComponent("ㄱ")).expect(200)).text;
    expect(g).toContain("‘ㄱ’ 분류 120개 종목");
    expect(g).not.toContain(">삼성전자</a>");
    const n = (await request(s.app).get("/boards?group=N").expect(200)).text;
    expect(n).toContain(">NAVER</a>");
    expect(n).toContain('aria-current="page">N</a>');
    await request(s.app).get("/boards?group=" + encodeURIComponent("<x>")).expect(400);
    await request(s.app).get("/boards?page=0").expect(400);
  });

  it("shows the boards with the most posts today and the newest visible posts", async () => {
    const s = await setUpTestApp();
    await importListing(s, fixture(), { delist: false });
    const author = await createUser(s.db);
    for (let i = 0; i < 3; i++) await addPost(s, { stockCode: "086520", authorId: author.id, title: `에코프로 오늘 글 ${i}` });
    await addPost(s, { stockCode: "000660", authorId: author.id, title: "하이닉스 오늘 글" });
    const blinded = await addPost(s, { stockCode: "000660", authorId: author.id, title: "블라인드된 제목" });
    await s.db.post.update({ where: { id: blinded.id }, data: { blindedAt: new Date() } });
    await addPost(s, { stockCode: "035720", authorId: author.id, title: "어제 글", createdAt: new Date("2026-11-26T03:00:00Z") });
    const home = (await request(s.app).get("/").expect(200)).text;
    const busiest = home.slice(home.indexOf("오늘 글이 많은 종목"), home.indexOf("최신 글"));
    expect(busiest.indexOf("에코프로")).toBeLessThan(busiest.indexOf("SK하이닉스"));
    expect(busiest).toContain("오늘 글 3개");
    expect(busiest).toContain("오늘 글 2개"); // the blinded post was still posted today
    expect(busiest).not.toContain("카카오");
    const recent = home.slice(home.indexOf("최신 글"));
    expect(recent).toContain("에코프로 오늘 글 2");
    expect(recent).toContain("어제 글");
    expect(home).not.toContain("블라인드된 제목");
  });
});

describe("the list's tabs", () => {
  let s: TestContext;
  const titlesOf = async (query: string) => {
    const html = (await request(s.app).get(`/boards/000660${query}`).expect(200)).text;
    return [...html.matchAll(/<a class="post-link" href="[^"]+"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, "").trim());
  };
  beforeAll(async () => {
    s = await setUpTestApp();
    const author = await createUser(s.db);
    const post = async (title: string, counts: { up?: number; comments?: number; views?: number }, at?: string, extra: object = {}) => {
      const p = await addPost(s, { stockCode: "000660", authorId: author.id, title, ...(at ? { createdAt: new Date(at) } : {}) });
      await s.db.post.update({ where: { id: p.id }, data: { upCount: counts.up ?? 0, commentCount: counts.comments ?? 0, viewCount: counts.views ?? 0, ...extra } });
    };
    // The test clock is 2026-11-28 12:00 KST; today (KST) began at 2026-11-27T15:00Z.
    await post("추천많음", { up: 10 }, "2026-11-28T01:00:00Z"); // score 30
    await post("댓글많음", { comments: 12 }, "2026-11-28T01:10:00Z"); // 24
    await post("조회많음", { views: 350 }, "2026-11-28T01:20:00Z"); // 35
    await post("조용함", { views: 9 }, "2026-11-28T01:30:00Z"); // 0
    await post("어제인기", { up: 100, views: 5000 }, "2026-11-27T10:00:00Z"); // yesterday (KST)
    await post("지난주", { up: 500, views: 90000 }, "2026-11-20T10:00:00Z"); // eight days ago
    await post("블라인드", { up: 900, views: 9000 }, "2026-11-28T01:40:00Z", { blindedAt: new Date() });
    await post("숨김", { up: 800, views: 8000 }, "2026-11-28T01:50:00Z", { hiddenAt: new Date(), hiddenReason: "spam" });
  });

  it("인기 ranks today's visible posts by 3×추천 + 2×댓글 + 조회÷10", async () => {
    expect(await titlesOf("?sort=popular")).toEqual(["조회많음", "추천많음", "댓글많음", "조용함"]);
    const html = (await request(s.app).get("/boards/000660?sort=popular").expect(200)).text;
    expect(html).toContain('aria-current="page">인기</a>');
    expect(html).toContain("추천×3 + 댓글×2 + 조회÷10");
  });

  it("인기 takes a post from the first moment of the KST day, and none from the moment before", async () => {
    const author = await createUser(s.db);
    for (const [title, at, up] of [["자정에 쓴 글", "2026-11-27T15:00:00Z", 1], ["전날 밤 글", "2026-11-27T14:59:59Z", 50]] as const) {
      const p = await addPost(s, { stockCode: "035420", authorId: author.id, title, createdAt: new Date(at) });
      await s.db.post.update({ where: { id: p.id }, data: { upCount: up } });
    }
    const html = (await request(s.app).get("/boards/035420?sort=popular").expect(200)).text;
    expect([...html.matchAll(/<a class="post-link" href="[^"]+"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, "").trim())).toEqual(["자정에 쓴 글"]);
  });

  it("조회순 and 추천순 rank the last seven days, newer first on a tie", async () => {
    expect(await titlesOf("?sort=views")).toEqual(["어제인기", "조회많음", "조용함", "댓글많음", "추천많음"]);
    expect(await titlesOf("?sort=ups")).toEqual(["어제인기", "추천많음", "조용함", "조회많음", "댓글많음"]);
    expect(await titlesOf("")).toContain("지난주"); // 최신 still lists everything visible
  });

  it("answers a sort it does not know with 400, and keeps the tab in the page links", async () => {
    const res = await request(s.app).get("/boards/000660?sort=hot").expect(400);
    expect(res.text).toContain("목록에 없는 정렬입니다.");
    const author = await createUser(s.db);
    for (let i = 0; i < 21; i++) await addPost(s, { stockCode: "000660", authorId: author.id, title: `많은 글 ${i}` });
    const page1 = (await request(s.app).get("/boards/000660?sort=views").expect(200)).text;
    expect(page1).toContain('href="/boards/000660?sort=views&amp;page=2"');
    expect(await titlesOf("?sort=views&page=2")).toHaveLength(6);
  });
});

describe("post search results", () => {
  it("say how many posts matched and mark the words in the titles, escaped", async () => {
    const s = await setUpTestApp();
    const author = await createUser(s.db);
    await addPost(s, { stockCode: "035420", authorId: author.id, title: "HBM 수혜 <b>기대</b>", body: "본문" });
    await addPost(s, { stockCode: "035420", authorId: author.id, title: "오늘 hbm 뉴스", body: "본문" });
    await addPost(s, { stockCode: "035420", authorId: author.id, title: "관련 없음", body: "HBM 이야기" });
    const html = (await request(s.app).get("/boards/035420?field=title&q=HBM").expect(200)).text;
    expect(html).toContain("‘HBM’ 검색 결과 <strong>2건</strong>");
    expect(html).toContain("<bdi><mark>HBM</mark> 수혜 &lt;b&gt;기대&lt;/b&gt;</bdi>");
    expect(html).toContain("<bdi>오늘 <mark>hbm</mark> 뉴스</bdi>");
    const both = (await request(s.app).get("/boards/035420?field=title_content&q=HBM").expect(200)).text;
    expect(both).toContain("<strong>3건</strong>");
    const tag = (await request(s.app).get("/boards/035420?field=title&q=" + encodeURIComponent("<b>")).expect(200)).text;
    expect(tag).toContain("<mark>&lt;b&gt;</mark>");
    expect(tag).not.toContain("<mark><b>");
  });
});

describe("the price header", () => {
  it("shows the last close, its change in Korean colours, the date and a three-month chart, after quotes:import", async () => {
    const s = await setUpTestApp();
    const before = (await request(s.app).get("/boards/005930").expect(200)).text;
    expect(before).toContain("시세 정보가 아직 없습니다.");
    const file = readTable(decodeText(fs.readFileSync("test/fixtures/quotes-daily.csv")).text);
    const { quotes, problems } = readQuotes(file);
    expect(problems.map((p) => p.line)).toEqual([203, 204]); // 2026-11-31 and a negative price
    const report = await importQuotes(s, quotes);
    expect(report).toMatchObject({ added: 201, updated: 0, unchanged: 0 });
    expect(report.skipped.map((p) => p.line)).toEqual([205]); // 999999 has no board
    expect(await importQuotes(s, quotes)).toMatchObject({ added: 0, updated: 0, unchanged: 201 });

    const page = (await request(s.app).get("/boards/005930").expect(200)).text;
    expect(page).toContain('<strong class="quote__close">75,400</strong>원');
    expect(page).toMatch(/class="quote quote--up"/);
    expect(page).toContain("전일 대비 상승");
    expect(page).toContain("1,400 (+1.89%)");
    // The last close says which day it was, with that day's range and volume.
    expect(page).toContain('최근 종가 (<time datetime="2026-11-27">11.27</time>)');
    expect(page).toContain("<dt>고가</dt><dd>75,400</dd>");
    expect(page).toContain("<dt>저가</dt><dd>73,200</dd>");
    expect(page).toContain("<dt>거래량</dt><dd>21,843,960</dd>");
    expect(page).toMatch(/<svg class="quote__chart[^"]*"[^>]*role="img" aria-labelledby="price-chart-title price-chart-desc">/);
    expect(page).toContain("<title id=\"price-chart-title\">최근 3개월 종가 추이</title>");
    expect(page).toMatch(/<desc id="price-chart-desc">2026\.08\.27 [\d,]+원에서 2026\.11\.27 75,400원\. 최고 [\d,]+원\(2026\.\d\d\.\d\d\), 최저/);
    expect(page.match(/<polyline class="quote__line" points="([^"]+)"/)![1]!.split(" ")).toHaveLength(67);
    // The post and jury pages carry the same header.
    expect((await request(s.app).get("/boards/005930/posts/1").expect(200)).text).toContain("75,400");
    expect((await request(s.app).get("/boards/005930/jury").expect(200)).text).toContain("75,400");

    // A corrected close replaces the day's row; a falling day shows blue and 하락.
    const corrected = quotes.map((q) => (q.stockCode === "005930" && q.day === "2026-11-27" ? { ...q, close: 73000, low: Math.min(q.low, 73000) } : q));
    expect(await importQuotes(s, corrected)).toMatchObject({ updated: 1, unchanged: 200 });
    const down = (await request(s.app).get("/boards/005930").expect(200)).text;
    expect(down).toMatch(/class="quote quote--down"/);
    expect(down).toContain("전일 대비 하락");
    expect(down).toContain("1,000 (-1.35%)");
  });
});
