import { UNSEARCHABLE } from "../../src/modules/search/search.rules.ts";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDatabase } from "../../src/modules/boards/seed.service.ts";
import { createPost, createPosts, createUser } from "../factories.ts";
import { agent, postForm, request, setUpTestApp, signUp, type TestContext } from "../helpers.ts";

let t: TestContext;
beforeAll(async () => {
  t = await setUpTestApp();
});

const SEED_TITLE = "AI칩 설계부터 메모리 공급 &#39;전방위 협의&#39;…AI동맹 뜨나";

describe("the seed", () => {
  it("puts the seed article on the index and on the 005930 board", async () => {
    const home = await request(t.app).get("/").expect(200);
    expect(home.text).toContain('<html lang="ko">');
    expect(home.text).toContain(SEED_TITLE); // 최신 글
    const directory = await request(t.app).get("/boards").expect(200);
    for (const name of ["삼성전자", "SK하이닉스", "NAVER", "카카오", "LG에너지솔루션"]) expect(directory.text).toContain(`>${name}</a>`);
    const board = await request(t.app).get("/boards/005930").expect(200);
    expect(board.text).toContain(SEED_TITLE);
    for (const col of ["날짜", "제목", "글쓴이", "조회", "추천", "반대"]) expect(board.text).toContain(`>${col}</th>`);
  });

  it("shows the seed post page in the seed page's order", async () => {
    const res = await request(t.app).get("/boards/005930/posts/1").expect(200);
    const html = res.text;
    expect(html).toContain("세자");
    expect(html).toContain("seja****");
    expect(html).toMatch(/조회 <span data-count="views">43<\/span> <time[^>]*>2024\/01\/22 20:54<\/time>/);
    expect(html).toContain("<p>&#96;챗GPT&#96; 개발사 오픈AI의 최고경영자(CEO) 샘 올트먼이 이번주 한국을 방문한다.</p>");
    expect(html).toContain("삼성, 샘 올트먼 이번주 면담<br>&#39;안하는게 없는&#39; 삼성 반도체");
    expect(html).toMatch(/<span data-count="up">0<\/span>추천/);
    expect(html).toMatch(/<span data-count="down">0<\/span>반대/);
    expect(html).toContain("0 / 1000");
    const order = [
      "종목정보",
      "종목토론카테고리",
      "게시판버튼",
      "게시글 제목",
      "작성자 정보",
      "게시글 정보",
      "게시글 내용",
      "게시글 찬성/반대",
      "내 아이디와 비밀번호가 유출되었다? 자세히보기 →",
      "운영배심원의견",
      "운영배심원(10인 이하)이 의견을 행사할 수 있습니다.",
      "글 내리기 <span data-count=\"opinions\">0</span>/4",
      "댓글목록",
      "댓글 작성하기",
      "0 / 1000",
    ];
    let at = -1;
    for (const marker of order) {
      const next = html.indexOf(marker, at + 1);
      expect(next, `${marker} after the previous section`).toBeGreaterThan(at);
      at = next;
    }
    expect(html.lastIndexOf("게시판버튼")).toBeGreaterThan(html.indexOf("0 / 1000"));
  });

  it("changes no row when run again", async () => {
    const snapshot = async () => ({
      boards: await t.db.board.findMany({ orderBy: { id: "asc" } }),
      users: await t.db.user.findMany({ orderBy: { id: "asc" } }),
      posts: await t.db.post.findMany({ orderBy: { id: "asc" } }),
    });
    const before = await snapshot();
    await seedDatabase(t);
    await seedDatabase(t);
    expect(await snapshot()).toEqual(before);
    expect(before.posts.filter((p) => p.title.startsWith("AI칩 설계부터"))).toHaveLength(1);
  });

  it("gives the seed author no password", async () => {
    const author = await t.db.user.findUniqueOrThrow({ where: { nickname: "세자" } });
    expect(author.passwordHash).toBeNull();
  });
});

describe("the list page", () => {
  let u: TestContext;
  beforeAll(async () => {
    u = await setUpTestApp({ seed: true });
    // 005930 already holds the seed post: 44 more make 45.
    await createPosts(u, 44, { stockCode: "005930" });
  });

  it("has 3 pages for 45 posts, 20 rows a page, newest first", async () => {
    const page1 = await request(u.app).get("/boards/005930").expect(200);
    expect(rowCount(page1.text)).toBe(20);
    expect(page1.text).toMatch(/<strong aria-current="page">1<\/strong>/);
    expect(page1.text).toContain('href="/boards/005930?page=3"');
    expect(page1.text).not.toContain('href="/boards/005930?page=4"');
    const numbers = postNumbers(page1.text);
    expect(numbers[0]).toBe(45);
    expect(numbers.at(-1)).toBe(26);
    const page3 = await request(u.app).get("/boards/005930?page=3").expect(200);
    expect(rowCount(page3.text)).toBe(5);
    expect(postNumbers(page3.text)).toEqual([5, 4, 3, 2, 1]);
  });

  it("sends no whitespace the browser ignores: no indentation, no blank line per row", async () => {
    const page1 = await request(u.app).get("/boards/005930").expect(200);
    expect(page1.text).not.toMatch(/\n[ \t]+</);
    // A few blank lines stay where a partial or a condition printed nothing; none per row.
    expect(page1.text.match(/\n[ \t]*\n/g)?.length ?? 0).toBeLessThan(10); // 47 before
  });

  it("shows an empty page past the end, and 400 for a malformed page", async () => {
    const past = await request(u.app).get("/boards/005930?page=9").expect(200);
    expect(past.text).toContain("9페이지에는 글이 없습니다.");
    await request(u.app).get("/boards/005930?page=abc").expect(400);
    await request(u.app).get("/boards/005930?page=1&page=2").expect(400);
  });

  it("shows each post's comment count next to the title", async () => {
    const user = await createUser(u.db);
    const post = await createPost(u, { title: "댓글 달린 글" });
    await u.db.post.update({ where: { id: post.id }, data: { commentCount: 3 } });
    const res = await request(u.app).get("/boards/005930").expect(200);
    // One space between the title and [3], as the browser would show a line break.
    expect(res.text).toMatch(/댓글 달린 글(?:<\/bdi>)?<\/a> <span class="comment-count"[^>]*>\[3\]<\/span>/);
    expect(user).toBeTruthy();
  });
});

describe("search", () => {
  let s: TestContext;
  beforeAll(async () => {
    s = await setUpTestApp();
    const writer = await createUser(s.db, { nickname: "개미왕" });
    await createPost(s, { title: "수익률 100% 달성", body: "무난", authorId: writer.id });
    await createPost(s, { title: "수익률 1000 달성", body: "a_b 패턴" });
    await createPost(s, { title: "HBM 전망", body: "반도체 수요 증가" });
  });

  const titles = async (query: string) => {
    const res = await request(s.app).get(`/boards/005930?${query}`).expect(200);
    // The title without its tags (<bdi>, and <mark> around what matched).
    return [...res.text.matchAll(/<a class="post-link" href="[^"]+"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, "").trim());
  };

  it("searches by 제목, 내용, 제목+내용 and 글쓴이", async () => {
    expect(await titles("field=title&q=" + encodeURIComponent("수익률"))).toEqual(["수익률 1000 달성", "수익률 100% 달성"]);
    expect(await titles("field=content&q=" + encodeURIComponent("반도체"))).toEqual(["HBM 전망", expect.stringContaining("AI칩")]);
    expect(await titles("field=title_content&q=HBM")).toContain("HBM 전망");
    expect(await titles("field=author&q=" + encodeURIComponent("개미왕"))).toEqual(["수익률 100% 달성"]);
    // Part of a nickname is enough; a % in it is a literal one.
    expect(await titles("field=author&q=" + encodeURIComponent("미왕"))).toEqual(["수익률 100% 달성"]);
    expect(await titles("field=author&q=" + encodeURIComponent("개미%"))).toEqual([]);
  });

  it("matches % and _ literally", async () => {
    expect(await titles("field=title&q=" + encodeURIComponent("100%"))).toEqual(["수익률 100% 달성"]);
    expect(await titles("field=content&q=a_b")).toEqual(["수익률 1000 달성"]);
    // Punctuation alone has no word the index can find: refused with a message, never a scan of the board.
    const punctuation = await request(s.app).get(`/boards/005930?field=content&q=_`).expect(400);
    expect(punctuation.text).toContain(UNSEARCHABLE);
  });

  it("finds two-syllable Korean words inside longer words, through the index", async () => {
    await createPost(s, { title: "외국인 매수세", body: "삼성전자가 오늘 신고가를 경신했습니다" });
    expect(await titles("field=content&q=" + encodeURIComponent("전자"))).toContain("외국인 매수세");
    expect(await titles("field=content&q=" + encodeURIComponent("신고가"))).toContain("외국인 매수세");
    expect(await titles("field=title_content&q=" + encodeURIComponent("매수"))).toContain("외국인 매수세");
    expect(await titles("field=title&q=" + encodeURIComponent("전자"))).not.toContain("외국인 매수세");
    // A single syllable cannot be answered by bigrams: refused, with the reason (docs/product.md §2).
    const lone = await request(s.app).get(`/boards/005930?field=content&q=${encodeURIComponent("늘")}`).expect(400);
    expect(lone.text).toContain(UNSEARCHABLE);
    expect(lone.text).toContain('value="늘"'); // the query stays in the box
    // Beside a word the index finds, it is left to the literal filter.
    expect(await titles("field=content&q=" + encodeURIComponent("늘 신고가"))).toContain("외국인 매수세");
  });

  it("keeps the index in step with edits and deletions made through the forms", async () => {
    const a = agent(s.app);
    await signUp(a);
    const written = await postForm(a, "/boards/005930/posts", { title: "원래 제목", body: "색인 테스트" }, "/boards/005930/write");
    const path = written.headers.location!;
    expect(await titles("field=title&q=" + encodeURIComponent("원래"))).toContain("원래 제목");
    await postForm(a, `${path}/edit`, { title: "바뀐 제목", body: "색인 테스트" }, `${path}/edit`);
    expect(await titles("field=title&q=" + encodeURIComponent("원래"))).not.toContain("원래 제목");
    expect(await titles("field=title&q=" + encodeURIComponent("바뀐"))).toContain("바뀐 제목");
    await postForm(a, `${path}/delete`, {}, path);
    expect(await titles("field=title&q=" + encodeURIComponent("바뀐"))).toEqual([]);
    // (Blinding leaves search too: test/http/jury.test.ts.)
  });

  it("keeps the query in the page links and the search box", async () => {
    await createPosts(s, 25, { title: "페이지 검색어" });
    const res = await request(s.app).get("/boards/005930?field=title&q=" + encodeURIComponent("페이지")).expect(200);
    expect(res.text).toContain('href="/boards/005930?field=title&amp;q=%ED%8E%98%EC%9D%B4%EC%A7%80&amp;page=2"');
    expect(res.text).toContain('value="페이지"');
    expect(rowCount(res.text)).toBe(20);
  });

  it("refuses an overlong query with a Korean message and keeps it", async () => {
    const q = "가".repeat(51);
    const res = await request(s.app).get(`/boards/005930?field=title&q=${encodeURIComponent(q)}`).expect(400);
    expect(res.text).toContain("검색어는 50자 이내로 입력해 주세요.");
    expect(res.text).toContain(`value="${q}"`);
  });

  it("escapes the query wherever it appears", async () => {
    const res = await request(s.app).get(`/boards/005930?field=title&q=${encodeURIComponent('"><script>x</script>')}`).expect(200);
    expect(res.text).not.toContain("<script>x</script>");
    expect(res.text).toContain("&#34;&gt;&lt;script&gt;x&lt;/script&gt;");
  });
});

describe("missing things", () => {
  it("gives the Korean 404 page for a missing post or board", async () => {
    const post = await request(t.app).get("/boards/005930/posts/999").expect(404);
    expect(post.text).toContain("존재하지 않는 게시글입니다.");
    expect(post.text).toContain('<html lang="ko">');
    await request(t.app).get("/boards/999999").expect(404);
    await request(t.app).get("/no/such/page").expect(404);
  });

  it.each(["abc", "1abc", "-1", "1e3", "0", "01", "99999999999999999999", "2147483648"])(
    "answers post id %s with 404, never 500",
    async (id) => {
      const res = await request(t.app).get(`/boards/005930/posts/${id}`);
      expect([400, 404]).toContain(res.status);
    },
  );

  it("answers JSON clients with JSON errors", async () => {
    const res = await request(t.app).get("/boards/005930/posts/999").set("Accept", "application/json").expect(404);
    expect(res.body).toEqual({ error: { code: "not_found", message: "존재하지 않는 게시글입니다." } });
  });

  it("shows the previous and next posts", async () => {
    await createPost(t, { title: "두번째 글" });
    const first = await request(t.app).get("/boards/005930/posts/1").expect(200);
    expect(first.text).toContain('다음글</span><a href="/boards/005930/posts/2" rel="next">');
    expect(first.text).not.toContain("이전글");
    const second = await request(t.app).get("/boards/005930/posts/2").expect(200);
    expect(second.text).toContain('이전글</span><a href="/boards/005930/posts/1" rel="prev">');
  });
});

function rowCount(html: string): number {
  const body = html.split("<tbody>")[1]!.split("</tbody>")[0]!;
  return (body.match(/<td class="title">/g) ?? []).length;
}

function postNumbers(html: string): number[] {
  return [...html.matchAll(/<a class="post-link" href="\/boards\/005930\/posts\/(\d+)"/g)].map((m) => Number(m[1]));
}
