// 신고, the operators' queue and actions, suspension, the public moderation log, and what
// jurors see of reports. Each refusal leaves the database as it was.
import { spawnSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { REPORTS_PER_DAY } from "../../src/modules/moderation/moderation.rules.ts";
import { createComment, createPost } from "../factories.ts";
import { aboveNeighbours, csrfFor, databaseSnapshot, postForm, request, setUpTestApp, signIn, signedUpMember, type TestContext } from "../helpers.ts";
import { childEnv } from "../../src/config/env.ts";

const FAMILY = "👨‍👩‍👧"; // one character a person sees, five code points

let t: TestContext;
beforeAll(async () => {
  t = await setUpTestApp();
});

type Member = Awaited<ReturnType<typeof signedUpMember>>;
const member = () => signedUpMember(t);

async function operator(): Promise<Member> {
  const m = await member();
  await t.db.user.update({ where: { id: m.id }, data: { role: "operator" } });
  return m;
}

const reportJson = async (m: Member, path: string, fields: Record<string, unknown>) => {
  const token = await csrfFor(m.a, "/"); // not the post page: reading it would count a view
  return m.a.post(path).set("Accept", "application/json").set("X-CSRF-Token", token).send(fields);
};

const postPath = (number: number, code = "005930") => `/boards/${code}/posts/${number}`;

describe("신고", () => {
  let author: Member;
  let reader: Member;
  let post: Awaited<ReturnType<typeof createPost>>;

  beforeAll(async () => {
    author = await member();
    reader = await member();
    post = await createPost(t, { authorId: author.id, title: "리딩방 모집합니다" });
  });

  it("works without JavaScript: a report page with the categories, a form post, back to the post", async () => {
    const form = await reader.a.get(`${postPath(post.number)}/report`).expect(200);
    expect(form.text).toContain("스팸·광고(리딩방)");
    expect(form.text).toContain("허위사실·시세조종");
    const res = await postForm(reader.a, `${postPath(post.number)}/report`, { category: "spam", reason: "카톡방 홍보" }, `${postPath(post.number)}/report`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(postPath(post.number));
    const page = await reader.a.get(postPath(post.number));
    expect(page.text).toContain("신고가 접수되었습니다.");
    const rows = await t.db.report.findMany({ where: { postId: post.id } });
    expect(rows).toMatchObject([{ reporterId: reader.id, category: "spam", reason: "카톡방 홍보", commentId: null, closedAt: null }]);
  });

  it("takes a report without a reason (an empty or blank textarea)", async () => {
    const other = await createPost(t, { authorId: author.id });
    const path = `${postPath(other.number)}/report`;
    const res = await postForm(reader.a, path, { category: "other", reason: "  \n " }, path);
    expect(res.status).toBe(303);
    expect(await t.db.report.findFirst({ where: { postId: other.id } })).toMatchObject({ reason: null, category: "other" });
  });

  it("refuses a second report by the same member with 409, writing nothing", async () => {
    const before = await t.db.report.count();
    const res = await reportJson(reader, `${postPath(post.number)}/report`, { category: "abuse" });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "conflict", message: "이미 신고한 글입니다. 같은 글은 한 번만 신고할 수 있습니다." });
    expect(await t.db.report.count()).toBe(before);
    // Without JavaScript the form comes back with the message and the reason as typed.
    const form = await postForm(reader.a, `${postPath(post.number)}/report`, { category: "abuse", reason: "두 번째 신고" }, `${postPath(post.number)}/report`);
    expect(form.status).toBe(409);
    expect(form.text).toContain("이미 신고한 글입니다.");
    expect(form.text).toContain("두 번째 신고");
  });

  it("refuses bad input with Korean messages and the text kept: unknown category, a reason over 200 characters", async () => {
    const other = await createPost(t, { authorId: author.id });
    const path = `${postPath(other.number)}/report`;
    const before = await databaseSnapshot(t);
    const unknown = await postForm(reader.a, path, { category: "bogus", reason: "이유" }, path);
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain("신고 사유를 골라 주세요.");
    const long = FAMILY.repeat(201);
    const tooLong = await postForm(reader.a, path, { category: "other", reason: long }, path);
    expect(tooLong.status).toBe(400);
    expect(tooLong.text).toContain("200자");
    expect(tooLong.text).toContain(long);
    // 200 graphemes of several code points each are fine, up to four code units a character.
    const json = await reportJson(reader, path, { category: "other", reason: "👍🏽".repeat(200) });
    expect(json.status).toBe(201);
    const after = await databaseSnapshot(t);
    expect(after.posts).toEqual(before.posts);
    expect(await t.db.report.count({ where: { postId: other.id } })).toBe(1);
  });

  it("answers 404 for a post or comment that does not exist, and 403 for one's own, deleted or blinded targets", async () => {
    expect((await reportJson(reader, `${postPath(99999)}/report`, { category: "spam" })).status).toBe(404);
    await reader.a.get(`${postPath(99999)}/report`).expect(404);
    await reader.a.get(`${postPath(post.number)}/comments/99999/report`).expect(404);
    expect((await reportJson(reader, `${postPath(post.number)}/comments/99999/report`, { category: "spam" })).status).toBe(404);
    const own = await reportJson(author, `${postPath(post.number)}/report`, { category: "spam" });
    expect(own.status).toBe(403);
    expect(own.body.error.message).toBe("내가 쓴 글은 신고할 수 없습니다.");
    const deleted = await createPost(t, { authorId: author.id });
    await t.db.post.update({ where: { id: deleted.id }, data: { deletedAt: new Date() } });
    expect((await reportJson(reader, `${postPath(deleted.number)}/report`, { category: "spam" })).body.error.message).toBe("삭제된 글은 신고할 수 없습니다.");
    const blinded = await createPost(t, { authorId: author.id });
    await t.db.post.update({ where: { id: blinded.id }, data: { blindedAt: new Date() } });
    expect((await reportJson(reader, `${postPath(blinded.number)}/report`, { category: "spam" })).status).toBe(403);
  });

  it("sends a signed-out reader to sign in, and never tells the author who reported", async () => {
    const res = await request(t.app).get(`${postPath(post.number)}/report`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/login\?returnTo=/);
    const page = await author.a.get(postPath(post.number));
    expect(page.text).not.toContain(reader.nickname);
    expect(page.text).not.toContain("신고 1");
  });

  it("reports a comment, in place with JSON", async () => {
    const comment = await createComment(t.db, post.id, author.id, "욕설 댓글");
    const res = await reportJson(reader, `${postPath(post.number)}/comments/${comment.id}/report`, { category: "abuse" });
    expect(res.status).toBe(201);
    expect(res.body.message).toContain("신고가 접수되었습니다.");
    expect(await t.db.report.findFirst({ where: { commentId: comment.id } })).toMatchObject({ targetKey: `comment:${comment.id}`, postId: post.id });
  });

  it(`caps reports at ${REPORTS_PER_DAY} a day (KST) with 429`, async () => {
    const busy = await member();
    const posts = [];
    for (let i = 0; i <= REPORTS_PER_DAY; i++) posts.push(await createPost(t, { authorId: author.id }));
    for (const p of posts.slice(0, REPORTS_PER_DAY)) expect((await reportJson(busy, `${postPath(p.number)}/report`, { category: "other" })).status).toBe(201);
    const refused = await reportJson(busy, `${postPath(posts.at(-1)!.number)}/report`, { category: "other" });
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toContain(`신고는 하루에 ${REPORTS_PER_DAY}개까지 할 수 있습니다.`);
    expect(await t.db.report.count({ where: { reporterId: busy.id } })).toBe(REPORTS_PER_DAY);
  });
});

describe("the operators' pages", () => {
  let op: Member;
  let author: Member;
  let readers: Member[];

  beforeAll(async () => {
    op = await operator();
    author = await member();
    readers = [await member(), await member(), await member()];
  });

  it("are 404 for everyone but operators, and a forged or foreign action changes nothing", async () => {
    const post = await createPost(t, { authorId: author.id });
    await reportJson(readers[0]!, `${postPath(post.number)}/report`, { category: "spam" });
    await request(t.app).get("/admin/reports").expect(404);
    await readers[0]!.a.get("/admin/reports").expect(404);
    await readers[0]!.a.get("/admin/suspensions").expect(404);
    const before = await databaseSnapshot(t);
    const reports = await t.db.report.findMany({ orderBy: { id: "asc" } });
    for (const action of ["dismiss", "hide", "suspend"]) {
      const token = await csrfFor(readers[0]!.a, "/");
      await readers[0]!.a.post(`/admin/reports/post/${post.id}/${action}`).type("form").send({ _csrf: token, category: "spam", term: "7" }).expect(404);
      await request(t.app).post(`/admin/reports/post/${post.id}/${action}`).type("form").send({ category: "spam", term: "7" }).expect(404);
    }
    // An operator without the CSRF token: 403.
    await op.a.post(`/admin/reports/post/${post.id}/hide`).type("form").send({ category: "spam" }).expect(403);
    expect(await databaseSnapshot(t)).toEqual(before);
    expect(await t.db.report.findMany({ orderBy: { id: "asc" } })).toEqual(reports);
    expect(await t.db.moderationLog.count()).toBe(0);
  });

  it("queue open reports by target, most reported first, and 숨김 hides with a public reason", async () => {
    const quiet = await createPost(t, { authorId: author.id, title: "조용한 글" });
    const loud = await createPost(t, { authorId: author.id, title: "작전주 리딩방 홍보" });
    await reportJson(readers[0]!, `${postPath(quiet.number)}/report`, { category: "other" });
    for (const [i, r] of readers.entries()) {
      await reportJson(r, `${postPath(loud.number)}/report`, { category: i === 2 ? "manipulation" : "spam", reason: `이유 ${i}` });
    }
    const queue = await op.a.get("/admin/reports").expect(200);
    // The most reported target first; the one-report targets after it, oldest first, over pages.
    expect(queue.text.split('class="report-queue__item"')[1]).toContain("작전주 리딩방 홍보");
    const pages = [queue.text, (await op.a.get("/admin/reports?page=2").expect(200)).text].join("");
    expect(pages.indexOf("조용한 글")).toBeGreaterThan(pages.indexOf("작전주 리딩방 홍보"));
    expect(queue.text).toContain("신고 3건");
    expect(queue.text).toContain("스팸·광고(리딩방) 2");
    expect(queue.text).toContain("허위사실·시세조종 1");
    expect(queue.text).toContain("이유 2"); // the newest reason
    for (const r of readers) expect(queue.text).not.toContain(r.nickname); // reporters stay anonymous

    const hide = await postForm(op.a, `/admin/reports/post/${loud.id}/hide`, { category: "spam" }, "/admin/reports");
    expect(hide.status).toBe(303);
    expect(await t.db.report.count({ where: { postId: loud.id, closedAt: null } })).toBe(0);
    expect((await t.db.report.findFirstOrThrow({ where: { postId: loud.id } })).outcome).toBe("hidden");

    // Readers see the notice in the list and on the page; the author sees the text and the reason.
    const list = await request(t.app).get("/boards/005930").expect(200);
    expect(list.text).toContain("운영정책에 따라 숨김 처리된 글입니다.");
    expect(list.text).not.toContain("작전주 리딩방 홍보");
    const page = await request(t.app).get(postPath(loud.number)).expect(200);
    expect(page.text).toContain("운영정책에 따라 숨김 처리된 글입니다.");
    expect(page.text).not.toContain("작전주 리딩방 홍보");
    const own = await author.a.get(postPath(loud.number)).expect(200);
    expect(own.text).toContain("작전주 리딩방 홍보");
    expect(own.text).toContain("사유: 스팸·광고(리딩방)");
    // Hidden posts take no votes, comments or search hits.
    const token = await csrfFor(readers[0]!.a, postPath(loud.number));
    const vote = await readers[0]!.a.post(`${postPath(loud.number)}/vote`).set("Accept", "application/json").set("X-CSRF-Token", token).send({ value: "up" });
    expect(vote.status).toBe(403);
    const search = await request(t.app).get("/boards/005930?field=title&q=%EC%9E%91%EC%A0%84%EC%A3%BC").expect(200);
    expect(search.text).not.toContain("작전주 리딩방 홍보");

    // The public log shows the action without the hidden title, with the operator's nickname.
    const log = await request(t.app).get("/moderation").expect(200);
    expect(log.text).toContain("숨김");
    expect(log.text).toContain(`삼성전자 ${loud.number}번 글`);
    expect(log.text).toContain(op.nickname);
    expect(log.text).not.toContain("작전주 리딩방 홍보");

    // A second action on the handled target: a clear message, no second log row.
    const logRows = await t.db.moderationLog.count();
    const again = await op.a
      .post(`/admin/reports/post/${loud.id}/hide`)
      .set("Accept", "application/json")
      .set("X-CSRF-Token", await csrfFor(op.a, "/admin/reports"))
      .send({ category: "spam" });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe("이미 숨김 처리된 글입니다.");
    const dismissAgain = await postForm(op.a, `/admin/reports/post/${loud.id}/dismiss`, {}, "/admin/reports");
    expect(dismissAgain.status).toBe(409);
    expect(dismissAgain.text).toContain("이미 처리된 신고입니다.");
    expect(await t.db.moderationLog.count()).toBe(logRows);

    // 복원: visible again, searchable again, logged.
    const restore = await postForm(op.a, `/admin/posts/${loud.id}/restore`, {}, postPath(loud.number));
    expect(restore.status).toBe(303);
    expect((await request(t.app).get(postPath(loud.number))).text).toContain("작전주 리딩방 홍보");
    expect((await request(t.app).get("/boards/005930?field=title&q=%EC%9E%91%EC%A0%84%EC%A3%BC")).text).toContain("작전주 리딩방 홍보");
    expect(await t.db.moderationLog.count({ where: { action: "restore", postId: loud.id } })).toBe(1);
  });

  it("기각 closes the reports and the log shows dismissals as a count per day", async () => {
    const posts = [await createPost(t, { authorId: author.id }), await createPost(t, { authorId: author.id })];
    for (const p of posts) {
      await reportJson(readers[1]!, `${postPath(p.number)}/report`, { category: "other" });
      expect((await postForm(op.a, `/admin/reports/post/${p.id}/dismiss`, {}, "/admin/reports")).status).toBe(303);
    }
    expect(await t.db.report.count({ where: { postId: { in: posts.map((p) => p.id) }, outcome: "dismissed" } })).toBe(2);
    const log = await request(t.app).get("/moderation").expect(200);
    expect(log.text).toMatch(/신고 기각 \d+건/);
    expect(await t.db.moderationLog.count({ where: { action: "dismiss" } })).toBeGreaterThanOrEqual(2);
    expect((log.text.match(/신고 기각 \d+건/g) ?? []).length).toBe(1); // one row for the day
  });

  it("hides a comment: readers see the notice, its author the text", async () => {
    const post = await createPost(t, { authorId: readers[2]!.id });
    const comment = await createComment(t.db, post.id, author.id, "개인정보 010-0000-0000");
    await reportJson(readers[0]!, `${postPath(post.number)}/comments/${comment.id}/report`, { category: "privacy" });
    expect((await postForm(op.a, `/admin/reports/comment/${comment.id}/hide`, { category: "privacy" }, "/admin/reports")).status).toBe(303);
    const page = await request(t.app).get(postPath(post.number)).expect(200);
    expect(page.text).toContain("운영정책에 따라 숨김 처리된 댓글입니다.");
    expect(page.text).not.toContain("010-0000-0000");
    const own = await author.a.get(postPath(post.number));
    expect(own.text).toContain("010-0000-0000");
    expect(own.text).toContain("사유: 개인정보 노출");
    const asOperator = await op.a.get(postPath(post.number));
    expect(asOperator.text).toContain(`/admin/comments/${comment.id}/restore`);
  });

  it("이용 제한: the author's sessions end at once, sign-in says until when and why, and lifting restores it", async () => {
    const suspect = await member();
    const post = await createPost(t, { authorId: suspect.id, title: "급등주 무료 추천방" });
    await reportJson(readers[0]!, `${postPath(post.number)}/report`, { category: "spam" });
    expect((await suspect.a.get("/")).text).toContain(suspect.nickname);
    const res = await postForm(op.a, `/admin/reports/post/${post.id}/suspend`, { category: "spam", term: "7" }, "/admin/reports");
    expect(res.status).toBe(303);
    // The next request is anonymous: the session row is gone.
    const next = await suspect.a.get("/");
    expect(next.text).not.toContain(suspect.nickname);
    expect(next.text).toContain("로그인");
    const signInAgain = await signIn(suspect.a, suspect.loginId, suspect.password);
    expect(signInAgain.status).toBe(403);
    expect(signInAgain.text).toContain("이용이 제한된 계정입니다. 제한 기간: 2026/12/05 12:00까지 · 사유: 스팸·광고(리딩방)");
    // The post stays.
    expect((await request(t.app).get(postPath(post.number))).text).toContain("급등주 무료 추천방");
    const log = await request(t.app).get("/moderation");
    expect(log.text).toContain("이용 제한 (2026/12/05 12:00까지)");
    expect(log.text).toContain(suspect.nickname);
    const list = await op.a.get("/admin/suspensions").expect(200);
    expect(list.text).toContain(suspect.nickname);
    expect((await postForm(op.a, `/admin/users/${suspect.id}/lift`, {}, "/admin/suspensions")).status).toBe(303);
    expect((await signIn(suspect.a, suspect.loginId, suspect.password)).status).toBe(303);
    expect(await t.db.moderationLog.count({ where: { action: "lift", userId: suspect.id } })).toBe(1);
    // Lifting twice: a message, no second row.
    expect((await postForm(op.a, `/admin/users/${suspect.id}/lift`, {}, "/admin/suspensions")).status).toBe(409);
    expect(await t.db.moderationLog.count({ where: { action: "lift", userId: suspect.id } })).toBe(1);
  });

  it("a suspended account cannot write even with a session that outlived the suspension", async () => {
    const m = await member();
    const target = await createPost(t, { authorId: author.id });
    const token = await csrfFor(m.a, "/boards/005930/write"); // the form was open before the suspension
    const survivor = await t.db.session.findFirstOrThrow({ where: { userId: m.id } });
    await t.db.user.update({ where: { id: m.id }, data: { suspendedUntil: new Date("9999-12-31T00:00:00Z"), suspensionReason: "욕설·비방" } });
    const before = await databaseSnapshot(t);
    // Each write comes with the session as it was loaded before the suspension deleted it.
    const outlived = async () => {
      await t.db.session.deleteMany({ where: { sid: survivor.sid } });
      await t.db.session.create({ data: survivor });
    };
    await outlived();
    const write = await m.a.post("/boards/005930/posts").type("form").send({ _csrf: token, title: "제목", body: "내용" });
    expect(write.status).toBe(403);
    expect(write.text).toContain("제한 기간: 영구 · 사유: 욕설·비방");
    expect(await t.db.session.count({ where: { userId: m.id } })).toBe(0); // and it ends there
    const json = async (path: string, body: object) => {
      await outlived();
      return m.a.post(path).set("Accept", "application/json").set("X-CSRF-Token", token).send(body);
    };
    for (const [path, body] of [
      [`${postPath(target.number)}/comments`, { body: "댓글" }],
      [`${postPath(target.number)}/vote`, { value: "up" }],
      [`${postPath(target.number)}/report`, { category: "spam" }],
    ] as const) {
      const res = await json(path, body);
      expect(res.status, path).toBe(403);
      expect(res.body.error.message, path).toContain("제한 기간: 영구 · 사유: 욕설·비방");
    }
    expect({ ...(await databaseSnapshot(t)), sessions: before.sessions }).toEqual(before);
  });

  it("operators cannot suspend operators, and carry the 운영자 badge where their nickname appears", async () => {
    const other = await operator();
    const post = await createPost(t, { authorId: other.id, title: "운영자 공지" });
    await createComment(t.db, post.id, other.id, "운영자 댓글");
    await reportJson(readers[0]!, `${postPath(post.number)}/report`, { category: "other" });
    const res = await postForm(op.a, `/admin/reports/post/${post.id}/suspend`, { category: "other", term: "1" }, "/admin/reports");
    expect(res.status).toBe(403);
    expect(res.text).toContain("운영자 계정은 이용 제한할 수 없습니다.");
    const list = await request(t.app).get("/boards/005930");
    expect(list.text).toContain(`<bdi>${other.nickname}</bdi></a> <span class="badge badge--operator">운영자</span>`);
    const page = await request(t.app).get(postPath(post.number));
    expect((aboveNeighbours(page.text).match(/badge--operator">운영자/g) ?? []).length).toBe(2); // the post and the comment
  });
});

describe("roles from the command line", () => {
  it("npm run user:role grants and removes the operator role, and refuses an unknown id", async () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ["--import", "tsx", "scripts/user-role.ts", ...args], {
        encoding: "utf8",
        env: childEnv({ NODE_ENV: "", DATABASE_URL: t.url }),
        timeout: 30_000,
      });
    {
      const m = await member();
      const grant = run(m.loginId, "operator");
      expect(grant.status, grant.stderr).toBe(0);
      expect(grant.stdout).toContain("member → operator");
      expect((await t.db.user.findUniqueOrThrow({ where: { id: m.id } })).role).toBe("operator");
      await m.a.get("/admin/reports").expect(200);
      expect(run(m.loginId, "member").status).toBe(0);
      await m.a.get("/admin/reports").expect(404); // asked of the database each time
      const unknown = run("nobody_here", "operator");
      expect(unknown.status).toBe(2);
      expect(unknown.stderr).toContain('아이디가 "nobody_here"인 회원이 없습니다');
      const badRole = run(m.loginId, "admin");
      expect(badRole.status).toBe(2);
      expect(badRole.stderr).not.toMatch(/^\s+at /m);
    }
  }, 60_000);
});

describe("the jury and reports", () => {
  it("leaves a suspended member off the panel, and shows the panel's jurors the posts readers flagged", async () => {
    const october = new Date("2026-10-10T03:00:00Z");
    const [juror, suspended] = [await member(), await member()];
    for (const m of [juror, suspended]) {
      await t.db.user.update({ where: { id: m.id }, data: { createdAt: new Date("2026-09-01T00:00:00Z") } });
      for (let i = 0; i < 3; i++) await createPost(t, { stockCode: "035720", authorId: m.id, createdAt: october });
    }
    await t.db.user.update({ where: { id: suspended.id }, data: { suspendedUntil: new Date("2026-12-20T00:00:00Z"), suspensionReason: "기타" } });
    await request(t.app).get("/boards/035720/jury").expect(200); // chooses November's panel
    const panel = await t.db.juryPanel.findFirstOrThrow({ where: { board: { stockCode: "035720" }, month: "2026-11" }, include: { members: true } });
    expect(panel.members.map((m) => m.userId)).toEqual([juror.id]);

    const flagged = await createPost(t, { stockCode: "035720", title: "허위 공시 루머" });
    const few = await createPost(t, { stockCode: "035720", title: "신고 두 건뿐" });
    const reporters = [await member(), await member(), await member()];
    for (const r of reporters) await reportJson(r, `${postPath(flagged.number, "035720")}/report`, { category: "manipulation" });
    for (const r of reporters.slice(0, 2)) await reportJson(r, `${postPath(few.number, "035720")}/report`, { category: "other" });
    const asJuror = await juror.a.get("/boards/035720/jury").expect(200);
    expect(asJuror.text).toContain("신고가 많은 글");
    expect(asJuror.text).toContain("허위 공시 루머");
    expect(asJuror.text).toContain("신고 3건");
    expect(asJuror.text).not.toContain("신고 두 건뿐");
    const asReader = await request(t.app).get("/boards/035720/jury").expect(200);
    expect(asReader.text).not.toContain("허위 공시 루머");
    expect(asReader.text).toContain('href="/moderation"');
  });

  it("lists jury blindings in the public log, marked as the jury's", async () => {
    const post = await createPost(t, { title: "블라인드된 글" });
    await t.db.post.update({ where: { id: post.id }, data: { blindedAt: new Date() } });
    await t.db.blindLog.create({ data: { boardId: post.boardId, postId: post.id, opinionCount: 4, upCount: 0, downCount: 5 } });
    const log = await request(t.app).get("/moderation").expect(200);
    const row = log.text.split("<tr>").find((r) => r.includes(`삼성전자 ${post.number}번 글</a>`));
    expect(row).toContain("블라인드");
    expect(row).toContain("운영배심원");
    expect(log.text).not.toContain("블라인드된 글");
  });
});
