// 클린봇 over HTTP on a real database (SQLite, or PostgreSQL under `npm run test:pg`), with the
// page cache on: a recruiter's post refused with the match marked and nothing written; a
// promise held until an operator approves it, then shown to the next anonymous reader; abuse
// folded for readers (open for one who asked); personal data, nicknames and reasons refused;
// the operators' rules applied at the next text, on another instance too; /moderation's
// counts (docs/product.md §13).
import { beforeAll, describe, expect, it } from "vitest";
import { openCtx } from "../../src/context.ts";
import { parseEnv } from "../../src/config/env.ts";
import { screen } from "../../src/modules/cleanbot/cleanbot.service.ts";
import { capturedLog, csrfFor, postForm, request, setUpTestApp, signedUpMember, signUp, agent, type TestContext, backToForm } from "../helpers.ts";

let t: TestContext;
type Member = Awaited<ReturnType<typeof signedUpMember>>;
let writer: Member;
let reader: Member;
let operator: Member;

const BOARD = "/boards/005930";
const write = (m: Member, fields: Record<string, string>) => postForm(m.a, `${BOARD}/posts`, fields, `${BOARD}/write`);
const anonymous = (path: string) => request(t.app).get(path);
const comment = (m: Member, number: number, body: string) => postForm(m.a, `${BOARD}/posts/${number}/comments`, { body }, `${BOARD}/posts/${number}`);
const numberOf = (location: string) => Number(/posts\/(\d+)/.exec(location)![1]);
const rowCounts = async () => ({ posts: await t.db.post.count(), comments: await t.db.comment.count(), reports: await t.db.report.count(), appeals: await t.db.appeal.count() });

beforeAll(async () => {
  t = await setUpTestApp({ env: { PAGE_CACHE: "on" } });
  writer = await signedUpMember(t);
  reader = await signedUpMember(t);
  operator = await signedUpMember(t);
  await t.db.user.update({ where: { id: operator.id }, data: { role: "operator" } });
});

describe("a recruiter's post", () => {
  it("is refused with what was found named and marked, the text kept, and nothing written", async () => {
    const before = await rowCounts();
    const events = await t.db.cleanbotEvent.count();
    const body = "무료 리딩방 입장하세요 ｏｐｅｎ．ｋａｋａｏ．ｃｏｍ/o/gXyz 문의는 공일공 일이삼사 오육칠팔";
    const res = await write(writer, { title: "급등주 정보 드립니다", body });
    expect(res.status).toBe(400);
    expect(res.text).toContain("외부 채팅·리딩방 유도(오픈채팅·메신저 링크, 전화번호)에 해당하는 내용이 있어 등록할 수 없습니다");
    expect(res.text).toContain("<mark>ｏｐｅｎ．ｋａｋａｏ．ｃｏｍ/o/gXyz</mark>");
    expect(res.text).toContain("<mark>공일공 일이삼사 오육칠팔</mark>");
    expect(res.text).toContain(`>${body}</textarea>`); // the text as typed
    expect(await rowCounts()).toEqual(before);
    expect(await t.db.cleanbotEvent.count()).toBe(events + 1);
    expect(await t.db.cleanbotEvent.findFirst({ orderBy: { id: "desc" } })).toMatchObject({ category: "recruiting", action: "refuse", target: "post" });
  });

  it("is refused when an edit brings the link in", async () => {
    const posted = await write(writer, { title: "평범한 글", body: "실적 기대됩니다" });
    expect(posted.status).toBe(303);
    const location = posted.headers.location!;
    const before = await t.db.post.findFirstOrThrow({ where: { number: numberOf(location), board: { stockCode: "005930" } } });
    const edited = await postForm(writer.a, `${location}/edit`, { title: "평범한 글", body: "자세한 건 t.me/pumpking" }, `${location}/edit`);
    expect(edited.status).toBe(400);
    expect(edited.text).toContain("<mark>t.me/pumpking</mark>");
    expect(await t.db.post.findUniqueOrThrow({ where: { id: before.id } })).toEqual(before);
  });

  it("cannot put abuse in a title, which no list can fold", async () => {
    const before = await rowCounts();
    const res = await write(writer, { title: "ㅅㅂ 또 떨어지네", body: "오늘 장 너무하네요" });
    expect(res.status).toBe(400);
    expect(res.text).toContain("제목은 목록에 그대로 보이므로 가려서 올릴 수 없습니다");
    expect(await rowCounts()).toEqual(before);
  });
});

describe("personal data, nicknames and reasons", () => {
  it("refuses a comment with someone's 주민등록번호 or account, rows unchanged", async () => {
    const before = await rowCounts();
    for (const body of ["이 사람 주민번호 900101-1234567 입니다", "입금은 신한 110-123-456789 로"]) {
      const res = await backToForm(reader.a, await comment(reader, 1, body), `${BOARD}/posts/1`);
      expect(res.text).toContain("개인정보");
      expect(res.text).toContain(body.slice(0, 6)); // what they typed, kept
    }
    expect(await rowCounts()).toEqual(before);
  });

  it("answers a JSON client with the refusal", async () => {
    const token = await csrfFor(reader.a, `${BOARD}/posts/1`);
    const res = await reader.a.post(`${BOARD}/posts/1/comments`).set("Accept", "application/json").set("X-CSRF-Token", token).send({ body: "카톡 아이디 money1004 추가" });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain("메신저 아이디");
  });

  it("refuses a nickname with anything it finds", async () => {
    const a = agent(t.app);
    const users = await t.db.user.count();
    const page = await a.get("/signup");
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const res = await a.post("/signup").type("form").send({ loginId: "nickcheck1", nickname: "시1발맨", password: "correct horse battery", agree: "on", passwordConfirm: "correct horse battery", _csrf: token });
    expect(res.status).toBe(400);
    expect(res.text).toContain("닉네임에 욕설·비하");
    expect(await t.db.user.count()).toBe(users);
  });

  it("refuses a phone number in a report's reason, and lets the abuse it quotes through", async () => {
    const target = await write(writer, { title: "신고 대상 글", body: "평범한 내용" });
    const n = numberOf(target.headers.location!);
    const path = `${BOARD}/posts/${n}/report`;
    const before = await rowCounts();
    const refused = await postForm(reader.a, path, { category: "spam", reason: "이 번호로 연락하래요 010-9876-5432" }, path);
    expect(refused.status).toBe(400);
    expect(await rowCounts()).toEqual(before);
    const quoted = await postForm(reader.a, path, { category: "abuse", reason: "댓글에 시발이라고 씀" }, path);
    expect(quoted.status).toBe(303);
    expect(await t.db.report.count()).toBe(before.reports + 1);
  });
});

describe("a promise of returns", () => {
  let number: number;
  let postId: number;

  it("is held: only its author and the operators see it", async () => {
    const listBefore = await anonymous(BOARD);
    expect(listBefore.status).toBe(200);
    const res = await write(writer, { title: "이번 주 추천 종목", body: "원금 보장, 10배 확정 종목입니다. 믿고 따라오세요" });
    expect(res.status).toBe(303);
    number = numberOf(res.headers.location!);
    const row = await t.db.post.findFirstOrThrow({ where: { number, board: { stockCode: "005930" } } });
    postId = row.id;
    expect(row.heldAt).not.toBeNull();
    expect(row.cleanbot).toBe("promise");
    const mine = await writer.a.get(res.headers.location!);
    expect(mine.status).toBe(200);
    expect(mine.text).toContain("클린봇이 수익 보장·목표가 광고로 보이는 표현을 찾아 운영자가 확인한 뒤 공개합니다");
    expect(mine.text).toContain("원금 보장, 10배 확정");
    const other = await anonymous(`${BOARD}/posts/${number}`);
    expect(other.status).toBe(200);
    expect(other.text).toContain("클린봇이 보류해 운영자가 확인 중인 글입니다.");
    expect(other.text).not.toContain("10배 확정");
    const list = await anonymous(BOARD);
    expect(list.status).toBe(200);
    expect(list.text).not.toContain("이번 주 추천 종목");
    // Nor the JSON API or the feeds; no comment can reach it meanwhile.
    expect((await anonymous(`/api/v1/boards/005930/posts/${number}`)).status).toBe(404);
    expect((await anonymous(`${BOARD}/posts/${number}/feed.atom`)).status).toBe(404);
    const feed = await anonymous(`${BOARD}/feed.atom`);
    expect(feed.status).toBe(200);
    expect(feed.text).not.toContain("이번 주 추천 종목");
    const refused = await comment(reader, number, "좋네요");
    expect(refused.status).toBe(403);
  });

  it("waits in the operators' queue, with what was found marked", async () => {
    const queue = await operator.a.get("/admin/reports");
    expect(queue.status).toBe(200);
    expect(queue.text).toContain("클린봇 보류");
    expect(queue.text).toContain("<mark>원금 보장</mark>");
    expect(queue.text).toContain(`/admin/held/post/${postId}/approve`);
  });

  it("is published when an operator approves it, and the next anonymous reader sees it", async () => {
    const res = await postForm(operator.a, `/admin/held/post/${postId}/approve`, {}, "/admin/reports");
    expect(res.status).toBe(303);
    const row = await t.db.post.findUniqueOrThrow({ where: { id: postId } });
    expect(row.heldAt).toBeNull();
    expect(row.cleanbot).toBeNull();
    const page = await anonymous(`${BOARD}/posts/${number}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("10배 확정");
    const list = await anonymous(BOARD);
    expect(list.text).toContain("이번 주 추천 종목");
    expect(await t.db.notification.count({ where: { userId: writer.id, kind: "held_approved" } })).toBe(1);
    // A second decision finds nothing held.
    const again = await postForm(operator.a, `/admin/held/post/${postId}/approve`, {}, "/admin/reports");
    expect(again.status).toBe(409);
  });

  it("is hidden with a reason when an operator removes it", async () => {
    const res = await write(writer, { title: "무료 리딩 합니다", body: "무료 리딩방 초대" });
    const n = numberOf(res.headers.location!);
    const row = await t.db.post.findFirstOrThrow({ where: { number: n, board: { stockCode: "005930" } } });
    expect(row.heldAt).not.toBeNull();
    const removed = await postForm(operator.a, `/admin/held/post/${row.id}/remove`, { category: "spam" }, "/admin/reports");
    expect(removed.status).toBe(303);
    const after = await t.db.post.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.heldAt).toBeNull();
    expect(after.hiddenAt).not.toBeNull();
    expect(after.hiddenReason).toBe("spam");
    const page = await anonymous(`${BOARD}/posts/${n}`);
    expect(page.text).toContain("운영정책에 따라 숨김 처리된 글입니다.");
    expect(page.text).not.toContain("무료 리딩방 초대");
  });

  it("is decided once when two operators approve at the same moment", async () => {
    const second = await signedUpMember(t);
    await t.db.user.update({ where: { id: second.id }, data: { role: "operator" } });
    const res = await comment(reader, 1, "원금 보장 해드림");
    expect(res.status).toBe(303);
    const held = await t.db.comment.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(held.heldAt).not.toBeNull();
    const before = (await t.db.post.findUniqueOrThrow({ where: { id: held.postId } })).commentCount;
    const [a, b] = await Promise.all([operator, second].map((o) => postForm(o.a, `/admin/held/comment/${held.id}/approve`, {}, "/admin/reports")));
    expect([a!.status, b!.status].sort()).toEqual([303, 409]);
    expect((await t.db.post.findUniqueOrThrow({ where: { id: held.postId } })).commentCount).toBe(before + 1);
    expect(await t.db.notification.count({ where: { kind: "held_approved", commentId: held.id } })).toBe(1);
  });

  it("in a comment is held out of the count until approved, then counted and told", async () => {
    const before = await t.db.post.findUniqueOrThrow({ where: { id: postId } });
    const res = await comment(reader, number, "수익 보장 해드려요");
    expect(res.status).toBe(303);
    const held = await t.db.comment.findFirstOrThrow({ where: { postId }, orderBy: { id: "desc" } });
    expect(held.heldAt).not.toBeNull();
    expect((await t.db.post.findUniqueOrThrow({ where: { id: postId } })).commentCount).toBe(before.commentCount);
    expect(await t.db.notification.count({ where: { userId: writer.id, kind: "comment", commentId: held.id } })).toBe(0);
    const other = await anonymous(`${BOARD}/posts/${number}`);
    expect(other.text).not.toContain("수익 보장 해드려요");
    const own = await reader.a.get(`${BOARD}/posts/${number}`);
    expect(own.text).toContain("수익 보장 해드려요");
    expect(own.text).toContain("클린봇이 확인이 필요한 표현을 찾아");
    const approved = await postForm(operator.a, `/admin/held/comment/${held.id}/approve`, {}, "/admin/reports");
    expect(approved.status).toBe(303);
    expect((await t.db.post.findUniqueOrThrow({ where: { id: postId } })).commentCount).toBe(before.commentCount + 1);
    expect(await t.db.notification.count({ where: { userId: writer.id, kind: "comment", commentId: held.id } })).toBe(1);
    const now = await anonymous(`${BOARD}/posts/${number}`);
    expect(now.text).toContain("수익 보장 해드려요");
  });
});

describe("abuse", () => {
  let number: number;

  it("is published folded, for the next anonymous reader too", async () => {
    const posted = await write(writer, { title: "오늘 장 후기", body: "오늘도 물렸네 ㅅㅂ 내일은 오르겠지" });
    expect(posted.status).toBe(303);
    number = numberOf(posted.headers.location!);
    const row = await t.db.post.findFirstOrThrow({ where: { number, board: { stockCode: "005930" } } });
    expect(row.heldAt).toBeNull();
    expect(row.cleanbot).toBe("abuse");
    const page = await anonymous(`${BOARD}/posts/${number}`);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<details class="folded">\s*<summary>클린봇이 부적절한 표현을 감지해 가렸습니다\. <span class="folded__open">보기<\/span><\/summary>\s*<section class="post__body"/);
    expect(page.text).not.toContain('name="description" content="삼성전자 종목토론: 오늘도 물렸네');
    expect(await anonymous(BOARD).then((r) => r.text)).toContain("오늘 장 후기"); // listed as usual
    const api = await anonymous(`/api/v1/boards/005930/posts/${number}`);
    expect(api.status).toBe(200);
    expect(api.body.post).toMatchObject({ title: "오늘 장 후기", folded: true });
    const feed = await anonymous(`${BOARD}/feed.atom`);
    expect(feed.text).toContain("오늘 장 후기");
    expect(feed.text).not.toContain("ㅅㅂ");
  });

  it("in a comment is folded; a reader who asked sees it open", async () => {
    const res = await comment(reader, number, "이 병신같은 회사");
    expect(res.status).toBe(303);
    const c = await t.db.comment.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(c.cleanbot).toBe("abuse");
    const folded = await anonymous(`${BOARD}/posts/${number}`);
    expect(folded.text).toMatch(/<details class="folded">\s*<summary>클린봇이 부적절한 표현을 감지해 가렸습니다\.[\s\S]*?이 병신같은 회사/);
    const set = await postForm(writer.a, "/account/cleanbot", { showFolded: "on" }, "/account/security");
    expect(set.status).toBe(303);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: writer.id } })).showFolded).toBe(true);
    const open = await writer.a.get(`${BOARD}/posts/${number}`);
    expect(open.text).toContain("이 병신같은 회사");
    expect(open.text).not.toContain('<details class="folded">');
    const security = await writer.a.get("/account/security");
    expect(security.text).toMatch(/name="showFolded" checked/);
    await postForm(writer.a, "/account/cleanbot", {}, "/account/security");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: writer.id } })).showFolded).toBe(false);
  });

  it("edited out, the post loses its fold", async () => {
    const path = `${BOARD}/posts/${number}`;
    const res = await postForm(writer.a, `${path}/edit`, { title: "오늘 장 후기", body: "오늘도 물렸네 내일은 오르겠지" }, `${path}/edit`);
    expect(res.status).toBe(303);
    expect((await t.db.post.findFirstOrThrow({ where: { number, board: { stockCode: "005930" } } })).cleanbot).toBeNull();
    const page = await anonymous(path);
    expect(page.text).toContain('<section class="post__body" aria-label="게시글 내용" dir="auto"><p>오늘도 물렸네 내일은 오르겠지</p></section>');
    expect(page.text).not.toMatch(/<summary>[^]*?<\/summary>\s*<section class="post__body"/);
  });
});

describe("the operators' rules", () => {
  it("refuse a rule that would match almost anything, and write nothing", async () => {
    const before = await t.db.cleanbotRule.count();
    for (const text of ["##", "a", "실적", "작전\u0000세력"]) {
      const res = await postForm(operator.a, "/admin/cleanbot/rules", { text, category: "promise", action: "refuse" }, "/admin/cleanbot");
      expect(res.status).toBe(400);
      if (!text.includes("\u0000")) expect(res.text).toContain(`value="${text}"`);
    }
    expect(await t.db.cleanbotRule.count()).toBe(before);
  });

  it("show what a rule would match before it is saved", async () => {
    const res = await postForm(operator.a, "/admin/cleanbot/rules", { text: "작전세력 모집", category: "promise", action: "refuse", sample: "지금 작전 세력 모집 중, 수익 보장", intent: "test" }, "/admin/cleanbot");
    expect(res.status).toBe(200);
    expect(res.text).toContain("<mark>작전 세력 모집</mark>");
    expect(res.text).toContain("추가할 규칙");
    expect(await t.db.cleanbotRule.count()).toBe(0);
  });

  it("apply at the next text, on another instance too, and are logged with who and when", async () => {
    const other = await openCtx(parseEnv({ NODE_ENV: "test", DATABASE_URL: t.url, SESSION_SECRET: "test-secret-test-secret-test-secret-0123" }), t.time.clock, capturedLog().logger);
    try {
      const text = "작전 세력 모집합니다";
      expect((await screen(other, { target: "post" }, [{ name: "body", label: "내용", text }])).outcome).toBeNull(); // compiled there, before the rule
      const added = await postForm(operator.a, "/admin/cleanbot/rules", { text: "작전세력 모집", category: "promise", action: "refuse" }, "/admin/cleanbot");
      expect(added.status).toBe(303);
      const rule = await t.db.cleanbotRule.findFirstOrThrow({ orderBy: { id: "desc" } });
      expect(rule).toMatchObject({ text: "작전세력 모집", category: "promise", action: "refuse", createdById: operator.id, removedAt: null });
      await expect(screen(other, { target: "post" }, [{ name: "body", label: "내용", text }])).rejects.toThrow(/수익 보장·목표가 광고/);
      const refused = await write(writer, { title: "모집", body: text });
      expect(refused.status).toBe(400);
      const page = await operator.a.get("/admin/cleanbot");
      expect(page.text).toContain("작전세력 모집");
      expect(page.text).toContain(operator.nickname);
      const removed = await postForm(operator.a, `/admin/cleanbot/rules/${rule.id}/remove`, {}, "/admin/cleanbot");
      expect(removed.status).toBe(303);
      expect((await t.db.cleanbotRule.findUniqueOrThrow({ where: { id: rule.id } })).removedById).toBe(operator.id);
      expect((await screen(other, { target: "post" }, [{ name: "body", label: "내용", text }])).outcome).toBeNull();
      expect((await write(writer, { title: "모집", body: text })).status).toBe(303);
    } finally {
      await other.db.$disconnect();
    }
  });

  it("switch a built-in word off", async () => {
    const off = await postForm(operator.a, "/admin/cleanbot/rules", { text: "새끼", category: "abuse", action: "allow" }, "/admin/cleanbot");
    expect(off.status).toBe(303);
    const res = await write(writer, { title: "강아지", body: "강아지 새끼 분양합니다" });
    const n = numberOf(res.headers.location!);
    expect((await t.db.post.findFirstOrThrow({ where: { number: n, board: { stockCode: "005930" } } })).cleanbot).toBeNull();
  });

  it("are the operators' own: 404 for everyone else, rows unchanged", async () => {
    const before = await t.db.cleanbotRule.count();
    expect((await reader.a.get("/admin/cleanbot")).status).toBe(404);
    const res = await postForm(reader.a, "/admin/cleanbot/rules", { text: "아무말대잔치", category: "abuse", action: "fold" }, "/");
    expect(res.status).toBe(404);
    expect(await t.db.cleanbotRule.count()).toBe(before);
  });
});

describe("/moderation", () => {
  it("counts 클린봇's actions by category per day", async () => {
    const res = await anonymous("/moderation");
    expect(res.status).toBe(200);
    expect(res.text).toContain("클린봇 처리 건수 (최근 7일)");
    const refusals = await t.db.cleanbotEvent.count({ where: { category: "recruiting", action: "refuse" } });
    expect(refusals).toBeGreaterThan(0);
    expect(res.text).toMatch(new RegExp(`data-label="외부 채팅·리딩방 유도">[^<]*거부 ${refusals}`));
  });
});

describe("hostile text", () => {
  it("answers a body of 6,000 jamo or digits or links without a fault", async () => {
    for (const body of ["ㅅㅏ".repeat(3000), "1".repeat(6000), "t.me/x ".repeat(850)]) {
      const res = await write(writer, { title: "긴 글", body });
      expect([303, 400]).toContain(res.status);
    }
  });

  it("signs up and writes as usual when nothing is found", async () => {
    const a = agent(t.app);
    await signUp(a, { nickname: "평범한개미" });
    expect((await postForm(a, `${BOARD}/posts`, { title: "질문", body: "PER 8배면 싼가요?" }, `${BOARD}/write`)).status).toBe(303);
  });
});
