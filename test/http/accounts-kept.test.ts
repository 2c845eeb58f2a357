// Accounts a person can keep (docs/product.md §5): email verified by a mailed link, 아이디 찾기
// and 비밀번호 재설정 through a real SMTP server in this process, 2단계 인증 with the test
// clock, 닉네임 변경, 회원탈퇴, consent and 내 정보 내려받기 — each read back from the rows
// and the mails, on SQLite and (npm run test:pg) PostgreSQL.
import crypto from "node:crypto";
import * as OTPAuth from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RATE_LIMITS } from "../../src/http/rate-limit.ts";
import { POLICY_VERSION } from "../../src/modules/accounts/policy.rules.ts";
import { createPost } from "../factories.ts";
import { agent, csrfFor, postForm, request, setUpTestApp, signIn, signUp, signedUpMember, tokenFrom, type Agent, type TestContext } from "../helpers.ts";
import { linkIn, startMailServer } from "../mail-server.ts";

let t: TestContext;
let mail: Awaited<ReturnType<typeof startMailServer>>;
beforeAll(async () => {
  mail = await startMailServer();
  t = await setUpTestApp({ env: mail.env });
});
afterAll(() => mail.close());

let seq = 0;
const address = () => `member${++seq}.${process.pid}@Example.COM`;
const normal = (a: string) => a.replace(/@.*/, (d) => d.toLowerCase());
const sent = async () => t.app.locals.mailer.flush();

/** Signs up with an email through the form; returns the member and their agent. */
async function memberWithEmail(verify = true) {
  const a = agent(t.app);
  const email = address();
  const page = await a.get("/signup");
  const loginId = `kept${process.pid % 1000}_${++seq}`;
  const user = { loginId, nickname: `지킴이${seq}`, password: "first pass 1234" };
  const res = await a.post("/signup").type("form").send({ ...user, passwordConfirm: user.password, email, agree: "on", _csrf: tokenFrom(page.text) });
  expect(res.status).toBe(303);
  const row = await t.db.user.findUniqueOrThrow({ where: { loginId } });
  await sent();
  if (verify) {
    const link = linkIn(mail.mailsTo(normal(email)).at(-1), "/account/email/verify/");
    const opened = await request(t.app).get(link);
    expect(opened.status).toBe(200);
  }
  return { a, id: row.id, email: normal(email), ...user };
}

describe("email, verified by a link", () => {
  it("becomes the account's only when the mailed link is opened, once, within a day", async () => {
    const m = await memberWithEmail(false);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: m.id } })).email).toBeNull();
    const message = mail.mailsTo(m.email).at(-1)!;
    expect(message.subject).toBe("[jongto] 이메일 주소를 확인해 주세요");
    const link = linkIn(message, "/account/email/verify/");
    // Only the token's hash is stored.
    const token = link.split("/").pop()!;
    const stored = await t.db.accountToken.findFirstOrThrow({ where: { userId: m.id } });
    expect(stored.tokenHash).toBe(crypto.createHash("sha256").update(token).digest("hex"));
    expect(stored.tokenHash).not.toContain(token);
    const security = await m.a.get("/account/security");
    expect(security.status).toBe(200);
    expect(security.text).toContain(`확인 메일의 링크를 아직 열지 않았습니다: ${m.email}`);

    const opened = await request(t.app).get(link);
    expect(opened.status).toBe(200);
    expect(opened.text).toContain("이메일을 확인했습니다");
    expect(opened.headers["referrer-policy"]).toBe("same-origin");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: m.id } })).email).toBe(m.email);

    // Reused and forged links: a clear page, nothing changed.
    await postForm(m.a, "/account/email/remove", {}, "/account/security");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: m.id } })).email).toBeNull();
    const again = await request(t.app).get(link);
    expect(again.status).toBe(400);
    expect(again.text).toContain("이미 쓰였거나 기한이 지났습니다");
    for (const forged of [link.replace(/.$/, (c) => (c === "A" ? "B" : "A")), "/account/email/verify/short", `/account/email/verify/${"x".repeat(5000)}`]) {
      expect((await request(t.app).get(forged)).status).toBe(400);
    }
    expect((await t.db.user.findUniqueOrThrow({ where: { id: m.id } })).email).toBeNull();
  });

  it("expires after 24 hours", async () => {
    const m = await memberWithEmail(false);
    const link = linkIn(mail.mailsTo(m.email).at(-1), "/account/email/verify/");
    t.time.advance(24 * 3_600_000 + 1000);
    expect((await request(t.app).get(link)).status).toBe(400);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: m.id } })).email).toBeNull();
  });

  it("refuses a malformed address with the text kept, and writes nothing", async () => {
    const a = agent(t.app);
    const before = await t.db.user.count();
    const page = await a.get("/signup");
    const res = await a.post("/signup").type("form").send({ loginId: "bad_email1", nickname: "메일틀림", password: "long enough pw", passwordConfirm: "long enough pw", email: "not an address", agree: "on", _csrf: tokenFrom(page.text) });
    expect(res.status).toBe(400);
    expect(res.text).toContain("이메일 주소 형식이 올바르지 않습니다");
    expect(res.text).toContain('value="not an address"');
    expect(await t.db.user.count()).toBe(before);
  });
});

describe("아이디 찾기 and 비밀번호 재설정", () => {
  it("mails the ids of a verified address, and answers an unknown one in the same words", async () => {
    const m = await memberWithEmail();
    const known = await postForm(agent(t.app), "/account/find-id", { email: m.email.toUpperCase().replace(/@.*/, (d) => d.toLowerCase()) === m.email ? m.email : m.email }, "/account/find-id");
    const unknown = await postForm(agent(t.app), "/account/find-id", { email: `nobody${seq}@example.com` }, "/account/find-id");
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    const answer = (html: string) => /id="recover-sent">([^<]*)</.exec(html)?.[1];
    expect(answer(known.text)).toBeTruthy();
    expect(answer(unknown.text)).toBe(answer(known.text));
    await sent();
    const found = mail.mailsTo(m.email).filter((x) => x.subject === "[jongto] 아이디 찾기 결과");
    expect(found).toHaveLength(1);
    expect(found[0]!.text).toContain(`- ${m.loginId}`);
    expect(mail.mailsTo(`nobody${seq}@example.com`)).toHaveLength(0);
  });

  it("answers a known and an unknown address in the same time, within noise", async () => {
    const m = await memberWithEmail();
    const time = async (email: string) => {
      const a = agent(t.app);
      const token = await csrfFor(a, "/account/forgot-password");
      const start = process.hrtime.bigint();
      const res = await a.post("/account/forgot-password").type("form").send({ email, _csrf: token });
      expect(res.status).toBe(200);
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 8; i++) {
      unknown.push(await time(`ghost${i}.${seq}@example.com`));
      known.push(await time(m.email));
    }
    await sent();
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1]!;
    // The mail is queued, not awaited: what differs is one INSERT of the link's row.
    expect(Math.abs(median(known) - median(unknown))).toBeLessThan(15);
  });

  it("resets the password from the mailed link once: every session ends, a notice is mailed", async () => {
    const m = await memberWithEmail();
    const second = agent(t.app);
    expect((await signIn(second, m.loginId, m.password)).status).toBe(303);
    expect(await t.db.session.count({ where: { userId: m.id } })).toBe(2);
    expect((await postForm(agent(t.app), "/account/forgot-password", { email: m.email }, "/account/forgot-password")).status).toBe(200);
    await sent();
    const resetMail = mail.mailsTo(m.email).filter((x) => x.subject === "[jongto] 비밀번호 재설정 링크").at(-1);
    expect(resetMail?.text).toContain(m.loginId);
    const link = linkIn(resetMail, "/account/reset-password/");
    const before = (await t.db.user.findUniqueOrThrow({ where: { id: m.id } })).passwordHash;

    const visitor = agent(t.app);
    const form = await visitor.get(link);
    expect(form.status).toBe(200);
    expect(form.headers["referrer-policy"]).toBe("same-origin");
    // A bad new password: the form again, nothing spent.
    const weak = await visitor.post(link).type("form").send({ password: "short", passwordConfirm: "short", _csrf: tokenFrom(form.text) });
    expect(weak.status).toBe(400);
    expect(weak.text).toContain("비밀번호는 8자 이상이어야 합니다.");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: m.id } })).passwordHash).toBe(before);

    const done = await visitor.post(link).type("form").send({ password: "second pass 5678", passwordConfirm: "second pass 5678", _csrf: tokenFrom(form.text) });
    expect(done.status).toBe(303);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: m.id } })).passwordHash).not.toBe(before);
    expect(await t.db.session.count({ where: { userId: m.id } })).toBe(0);
    expect((await m.a.get("/account/security")).status).toBe(303); // the old session is gone
    await sent();
    expect(mail.mailsTo(m.email).filter((x) => x.subject === "[jongto] 비밀번호가 바뀌었습니다")).toHaveLength(1);
    expect((await signIn(agent(t.app), m.loginId, "second pass 5678")).status).toBe(303);

    // The link is spent.
    const reused = await agent(t.app).get(link);
    expect(reused.status).toBe(400);
    const hash = (await t.db.user.findUniqueOrThrow({ where: { id: m.id } })).passwordHash;
    const reusedPost = await visitor.post(link).type("form").send({ password: "third pass 9012", passwordConfirm: "third pass 9012", _csrf: tokenFrom(form.text) });
    expect(reusedPost.status).toBe(400);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: m.id } })).passwordHash).toBe(hash);
  });

  it("gives one success to two tabs sending one reset link at once", async () => {
    const m = await memberWithEmail();
    await postForm(agent(t.app), "/account/forgot-password", { email: m.email }, "/account/forgot-password");
    await sent();
    const link = linkIn(mail.mailsTo(m.email).filter((x) => x.subject.includes("재설정")).at(-1), "/account/reset-password/");
    const tabs = [agent(t.app), agent(t.app)];
    const forms = await Promise.all(tabs.map((a) => a.get(link)));
    const results = await Promise.all(
      tabs.map((a, i) => a.post(link).type("form").send({ password: `racing pass ${i}0`, passwordConfirm: `racing pass ${i}0`, _csrf: tokenFrom(forms[i]!.text) })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([303, 400]);
    const winner = results.findIndex((r) => r.status === 303);
    expect((await signIn(agent(t.app), m.loginId, `racing pass ${winner}0`)).status).toBe(303);
    expect((await signIn(agent(t.app), m.loginId, `racing pass ${1 - winner}0`)).status).toBe(401);
  });

  it("lets a reset link lapse after an hour", async () => {
    const m = await memberWithEmail();
    await postForm(agent(t.app), "/account/forgot-password", { email: m.email }, "/account/forgot-password");
    await sent();
    const link = linkIn(mail.mailsTo(m.email).filter((x) => x.subject.includes("재설정")).at(-1), "/account/reset-password/");
    t.time.advance(61 * 60_000);
    expect((await agent(t.app).get(link)).status).toBe(400);
  });

  it("mails a notice after a password change on the security page", async () => {
    const m = await memberWithEmail();
    const res = await postForm(m.a, "/account/password", { currentPassword: m.password, newPassword: "changed pass 42", newPasswordConfirm: "changed pass 42" }, "/account/security");
    expect(res.status).toBe(303);
    await sent();
    expect(mail.mailsTo(m.email).filter((x) => x.subject === "[jongto] 비밀번호가 바뀌었습니다")).toHaveLength(1);
  });

  it("refuses the recovery forms without their CSRF token", async () => {
    for (const path of ["/account/find-id", "/account/forgot-password", "/login/code", `/account/reset-password/${"a".repeat(43)}`]) {
      const res = await request(t.app).post(path).type("form").send({ email: "a@example.com", code: "123456", password: "long enough pw", passwordConfirm: "long enough pw" });
      expect(res.status, path).toBe(403);
    }
  });

  it("limits requests per address and per client", async () => {
    const strict = await setUpTestApp({ env: mail.env, rateLimits: DEFAULT_RATE_LIMITS });
    const email = `limited${seq}@example.com`;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await postForm(agent(strict.app), "/account/forgot-password", { email }, "/account/forgot-password")).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await postForm(agent(strict.app), "/account/forgot-password", { email }, "/account/forgot-password");
    expect(refused.text).toContain("요청이 너무 많습니다");
    expect(refused.text).toContain(`value="${email}"`);
    expect(refused.headers["retry-after"]).toBeTruthy();

    // A reset link's form has no address: its tries count for the client, not in one bucket
    // that every member's reset would share (3 an hour for the whole board): the fourth POST
    // here is the one that bucket would refuse; the eleventh from this client would be refused.
    const member = await signedUpMember(strict);
    const own = `strict${seq}@example.com`;
    await strict.db.user.update({ where: { id: member.id }, data: { email: own, emailVerifiedAt: strict.clock() } });
    expect((await postForm(agent(strict.app), "/account/forgot-password", { email: own }, "/account/forgot-password")).status).toBe(200);
    await strict.app.locals.mailer.flush();
    const link = linkIn(mail.mailsTo(own).at(-1), "/account/reset-password/");
    const tab = agent(strict.app);
    const form = await tab.get(link);
    for (let i = 0; i < 3; i++) expect((await tab.post(link).type("form").send({ password: "short", passwordConfirm: "short", _csrf: tokenFrom(form.text) })).status).toBe(400);
    expect((await tab.post(link).type("form").send({ password: "strict pass 123", passwordConfirm: "strict pass 123", _csrf: tokenFrom(form.text) })).status).toBe(303);
  });
});

/** The current code of a member's app, from the secret the setup page showed. */
const codeAt = (secret: string, at: Date) => new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret.replace(/\s/g, "")) }).generate({ timestamp: at.getTime() });

async function turnOnTwoStep(m: { a: Agent }) {
  const setup = await postForm(m.a, "/account/two-step/setup", {}, "/account/security");
  expect(setup.status).toBe(200);
  expect(setup.text).toContain("<svg");
  const secret = /id="two-step-secret">([^<]+)</.exec(setup.text)![1]!;
  const enabled = await m.a.post("/account/two-step/enable").type("form").send({ code: codeAt(secret, t.clock()), _csrf: tokenFrom(setup.text) });
  expect(enabled.status).toBe(200);
  const codes = [...enabled.text.matchAll(/<li><code>([0-9A-Z-]{19})<\/code><\/li>/g)].map((x) => x[1]!);
  expect(codes).toHaveLength(10);
  t.time.advance(30_000); // the next code is a new step
  return { secret, codes };
}

/** Password, then the code page; returns the code page. */
async function startSignIn(a: Agent, loginId: string, password: string) {
  const res = await signIn(a, loginId, password);
  expect(res.status).toBe(200);
  expect(res.text).toContain("2단계 인증");
  return res;
}
const sendCode = (a: Agent, page: { text: string }, code: string) =>
  a.post("/login/code").type("form").send({ code, challenge: /name="challenge" value="([^"]+)"/.exec(page.text)![1], _csrf: tokenFrom(page.text) });

describe("2단계 인증", () => {
  it("is set up with the app's first code; sign-in asks for a code after the password", async () => {
    const m = await signedUpMember(t);
    const { secret, codes } = await turnOnTwoStep(m);
    const row = await t.db.twoStep.findUniqueOrThrow({ where: { userId: m.id } });
    expect(row.enabledAt).not.toBeNull();
    const stored = await t.db.recoveryCode.findMany({ where: { userId: m.id } });
    expect(stored).toHaveLength(10);
    expect(stored.map((s) => s.codeHash)).not.toContain(codes[0]);
    expect((await m.a.get("/account/security")).text).toMatch(/id="two-step-state">켜짐</);

    const a = agent(t.app);
    const page = await startSignIn(a, m.loginId, m.password);
    expect(await t.db.session.count({ where: { userId: m.id } })).toBe(1); // only m.a's: none yet for a
    const signedIn = await sendCode(a, page, codeAt(secret, t.clock()));
    expect(signedIn.status).toBe(303);
    expect((await a.get("/account/security")).status).toBe(200);

    // The same code again (same step): refused.
    const b = agent(t.app);
    const reused = await sendCode(b, await startSignIn(b, m.loginId, m.password), codeAt(secret, t.clock()));
    expect(reused.status).toBe(400);
    expect(reused.text).toContain("이미 사용한 코드입니다");
  });

  it("makes wrong codes wait, then takes a right one", async () => {
    const m = await signedUpMember(t);
    const { secret } = await turnOnTwoStep(m);
    const a = agent(t.app);
    const page = await startSignIn(a, m.loginId, m.password);
    const wrong = codeAt(secret, new Date(t.clock().getTime() + 3_600_000));
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await sendCode(a, page, wrong)).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400]);
    const waiting = await sendCode(a, page, codeAt(secret, t.clock()));
    expect(waiting.status).toBe(429);
    expect(waiting.text).toContain("후에 다시 입력할 수 있습니다");
    expect(waiting.headers["retry-after"]).toBe("30");
    expect(await t.db.session.count({ where: { userId: m.id } })).toBe(1);
    t.time.advance(31_000);
    const page2 = await startSignIn(a, m.loginId, m.password);
    expect((await sendCode(a, page2, codeAt(secret, t.clock()))).status).toBe(303);
    expect((await t.db.twoStep.findUniqueOrThrow({ where: { userId: m.id } })).failures).toBe(0);
  });

  it("takes a recovery code once, refuses forged and expired challenges, and turns off only with a code", async () => {
    const m = await signedUpMember(t);
    const { secret, codes } = await turnOnTwoStep(m);
    const a = agent(t.app);
    const page = await startSignIn(a, m.loginId, m.password);
    expect((await sendCode(a, page, codes[0]!.toLowerCase())).status).toBe(303);
    const b = agent(t.app);
    const again = await sendCode(b, await startSignIn(b, m.loginId, m.password), codes[0]!);
    expect(again.status).toBe(400);
    expect(again.text).toContain("이미 사용한 복구 코드입니다");

    // A challenge edited to name another member, or past its five minutes: start again.
    const c = agent(t.app);
    const cPage = await startSignIn(c, m.loginId, m.password);
    const challenge = /name="challenge" value="([^"]+)"/.exec(cPage.text)![1]!;
    const forged = await c.post("/login/code").type("form").send({ code: codeAt(secret, t.clock()), challenge: challenge.replace(/^\d+/, "1"), _csrf: tokenFrom(cPage.text) });
    expect(forged.status).toBe(400);
    expect(forged.text).toContain("아이디와 비밀번호부터 다시 입력해 주세요");
    t.time.advance(6 * 60_000);
    expect((await sendCode(c, cPage, codeAt(secret, t.clock()))).status).toBe(400);

    // Off: a wrong code changes nothing; the right one removes the secret and the codes.
    await postForm(m.a, "/account/two-step/disable", { code: "000000" }, "/account/security");
    expect(await t.db.twoStep.count({ where: { userId: m.id, enabledAt: { not: null } } })).toBe(1);
    t.time.advance(30_000);
    const off = await postForm(m.a, "/account/two-step/disable", { code: codeAt(secret, t.clock()) }, "/account/security");
    expect(off.status).toBe(303);
    expect(await t.db.twoStep.count({ where: { userId: m.id } })).toBe(0);
    expect(await t.db.recoveryCode.count({ where: { userId: m.id } })).toBe(0);
    expect((await signIn(agent(t.app), m.loginId, m.password)).status).toBe(303);
  });
});

describe("닉네임 변경", () => {
  it("changes once in 30 days, shows 이전 닉네임 and holds the old name", async () => {
    const m = await signedUpMember(t);
    const old = m.nickname;
    const changed = await postForm(m.a, "/account/nickname", { nickname: `새이름${seq}` }, "/account/security");
    expect(changed.status).toBe(303);
    const row = await t.db.user.findUniqueOrThrow({ where: { id: m.id } });
    expect(row.nickname).toBe(`새이름${seq}`);
    const profile = await request(t.app).get(`/users/${m.id}`);
    expect(profile.status).toBe(200);
    expect(profile.text).toContain(`이전 닉네임: <bdi>${old}</bdi>`);
    expect((await m.a.get("/")).text).toContain(`새이름${seq}`); // the header, from the session

    // Inside 30 days: refused, nothing changed.
    const tooSoon = await postForm(m.a, "/account/nickname", { nickname: `또바꿈${seq}` }, "/account/security");
    expect(tooSoon.status).toBe(400);
    expect(tooSoon.text).toContain("닉네임은 30일에 한 번 바꿀 수 있습니다.");
    expect(tooSoon.text).toContain(`value="또바꿈${seq}"`);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: m.id } })).nickname).toBe(`새이름${seq}`);

    // Nobody else takes the old name meanwhile.
    const other = agent(t.app);
    const page = await other.get("/signup");
    const taken = await other.post("/signup").type("form").send({ loginId: `taker${seq}`, nickname: old, password: "long enough pw", passwordConfirm: "long enough pw", agree: "on", _csrf: tokenFrom(page.text) });
    expect(taken.status).toBe(400);
    expect(taken.text).toContain("최근까지 다른 회원이 쓰던 닉네임");
    expect(await t.db.user.count({ where: { loginId: `taker${seq}` } })).toBe(0);

    // After 30 days the hold lapses and the member may change again.
    t.time.advance(31 * 86_400_000);
    expect((await request(t.app).get(`/users/${m.id}`)).text).not.toContain("이전 닉네임");
    await signUp(agent(t.app), { nickname: old });
    expect((await postForm(m.a, "/account/nickname", { nickname: `또바꿈${seq}` }, "/account/security")).status).toBe(303);
  });

  it("gives a name two members race for to one of them", async () => {
    const [x, y] = [await signedUpMember(t), await signedUpMember(t)];
    const wanted = `경쟁${seq}`;
    const tokens = await Promise.all([csrfFor(x.a, "/account/security"), csrfFor(y.a, "/account/security")]);
    const results = await Promise.all([x, y].map((m, i) => m.a.post("/account/nickname").type("form").send({ nickname: wanted, _csrf: tokens[i] })));
    expect(results.map((r) => r.status).sort()).toEqual([303, 400]);
    expect(results.find((r) => r.status === 400)!.text).toContain("이미 사용 중인 닉네임입니다.");
    expect(await t.db.user.count({ where: { nickname: wanted } })).toBe(1);
  });

  it("keeps the page cache exact: the next anonymous reader sees the new name", async () => {
    const c = await setUpTestApp({ env: { ...mail.env, PAGE_CACHE: "on" } });
    const m = await signedUpMember(c);
    await createPost(c, { stockCode: "005930", authorId: m.id, title: "이름 바뀌는 글" });
    await request(c.app).get("/boards/005930");
    const hit = await request(c.app).get("/boards/005930");
    expect(hit.headers["x-cache"]).toBe("hit");
    expect(hit.text).toContain(m.nickname);
    expect((await postForm(m.a, "/account/nickname", { nickname: "캐시새이름" }, "/account/security")).status).toBe(303);
    const next = await request(c.app).get("/boards/005930");
    expect(next.status).toBe(200);
    expect(next.text).toContain("캐시새이름");
    expect(next.text).not.toContain(`>${m.nickname}<`);

    // 회원탈퇴 too: the cached list shows 탈퇴한 회원 to the next reader.
    await request(c.app).get("/boards/005930");
    expect((await request(c.app).get("/boards/005930")).headers["x-cache"]).toBe("hit");
    expect((await postForm(m.a, "/account/withdraw", { password: m.password, confirm: "on" }, "/account/withdraw")).status).toBe(303);
    const after = await request(c.app).get("/boards/005930");
    expect(after.status).toBe(200);
    expect(after.text).not.toContain("캐시새이름");
    expect(after.text).toContain('<span class="withdrawn">탈퇴한 회원</span>');
  });
});

describe("회원탈퇴", () => {
  it("refuses a wrong password and changes nothing", async () => {
    const m = await signedUpMember(t);
    const before = await t.db.user.findUniqueOrThrow({ where: { id: m.id } });
    const res = await postForm(m.a, "/account/withdraw", { password: "wrong password", confirm: "on" }, "/account/withdraw");
    expect(res.status).toBe(400);
    expect(res.text).toContain("비밀번호가 올바르지 않습니다.");
    expect(await t.db.user.findUniqueOrThrow({ where: { id: m.id } })).toEqual(before);
    expect(await t.db.session.count({ where: { userId: m.id } })).toBe(1);
    const unconfirmed = await postForm(m.a, "/account/withdraw", { password: m.password }, "/account/withdraw");
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.text).toContain("확인란에 표시해 주세요");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: m.id } })).withdrawnAt).toBeNull();
  });

  it("deletes the personal data at once; writing stays as 탈퇴한 회원; the id never returns", async () => {
    const m = await memberWithEmail();
    const other = await signedUpMember(t);
    const post = await createPost(t, { stockCode: "005930", authorId: m.id, title: "탈퇴 전에 쓴 글" });
    const token = await csrfFor(m.a, "/boards/005930");
    await m.a.post("/boards/005930/follow").set("Accept", "application/json").set("X-CSRF-Token", token).send({});
    await m.a.post(`/users/${other.id}/block`).set("Accept", "application/json").set("X-CSRF-Token", token).send({});
    await other.a.post("/boards/005930/posts/" + post.number + "/vote").set("Accept", "application/json").set("X-CSRF-Token", await csrfFor(other.a, "/")).send({ value: "up" });
    const upBefore = (await t.db.post.findUniqueOrThrow({ where: { id: post.id } })).upCount;
    await t.db.clientSignal.create({ data: { userId: m.id, kind: "network", key: "k", firstSeenAt: t.clock(), lastSeenAt: t.clock() } });
    await t.db.notification.create({ data: { userId: m.id, kind: "comment", createdAt: t.clock(), updatedAt: t.clock() } });
    expect(await t.db.follow.count({ where: { userId: m.id } })).toBe(1);
    expect(await t.db.block.count({ where: { userId: m.id } })).toBe(1);

    const res = await postForm(m.a, "/account/withdraw", { password: m.password, confirm: "on" }, "/account/withdraw");
    expect(res.status).toBe(303);
    const row = await t.db.user.findUniqueOrThrow({ where: { id: m.id } });
    expect(row.withdrawnAt).not.toBeNull();
    expect([row.loginId, row.email, row.passwordHash, row.policyVersion]).toEqual([`#${m.id}`, null, null, null]);
    expect(row.nickname).not.toBe(m.nickname);
    for (const [name, n] of Object.entries({
      loginEvents: await t.db.loginEvent.count({ where: { userId: m.id } }),
      sessions: await t.db.session.count({ where: { userId: m.id } }),
      follows: await t.db.follow.count({ where: { userId: m.id } }),
      blocks: await t.db.block.count({ where: { userId: m.id } }),
      signals: await t.db.clientSignal.count({ where: { userId: m.id } }),
      notifications: await t.db.notification.count({ where: { userId: m.id } }),
      tokens: await t.db.accountToken.count({ where: { userId: m.id } }),
    })) expect([name, n]).toEqual([name, 0]);
    expect(JSON.stringify(await t.db.retiredLoginId.findMany())).not.toContain(m.loginId);

    // The post stays, its votes counted, under 탈퇴한 회원 with no link.
    const page = await request(t.app).get(`/boards/005930/posts/${post.number}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<span class="withdrawn">탈퇴한 회원</span>');
    expect(page.text).not.toContain(`href="/users/${m.id}"`);
    expect(page.text).not.toContain(`#${m.id}`);
    expect((await t.db.post.findUniqueOrThrow({ where: { id: post.id } })).upCount).toBe(upBefore);
    expect((await request(t.app).get(`/users/${m.id}`)).status).toBe(404);
    const api = await request(t.app).get(`/api/v1/boards/005930/posts/${post.number}`);
    expect(api.status).toBe(200);
    expect(api.body.post.author.nickname).toBe("탈퇴한 회원");
    expect((await signIn(agent(t.app), m.loginId, m.password)).status).toBe(401);

    // The id is never registered again; the nickname only after 30 days.
    const again = agent(t.app);
    const signup = await again.get("/signup");
    const refused = await again.post("/signup").type("form").send({ loginId: m.loginId, nickname: m.nickname, password: "long enough pw", passwordConfirm: "long enough pw", agree: "on", _csrf: tokenFrom(signup.text) });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain("이미 사용 중인 아이디입니다.");
    expect(refused.text).toContain("최근까지 다른 회원이 쓰던 닉네임");
    t.time.advance(31 * 86_400_000);
    await signUp(agent(t.app), { nickname: m.nickname });
  });

  it("asks for the code when 2단계 인증 is on, and empties a juror's seat", async () => {
    const m = await signedUpMember(t);
    const { secret } = await turnOnTwoStep(m);
    const board = await t.db.board.findUniqueOrThrow({ where: { stockCode: "000660" } });
    const month = new Date(t.clock().getTime() + 9 * 3_600_000).toISOString().slice(0, 7);
    const panel = await t.db.juryPanel.upsert({ where: { boardId_month: { boardId: board.id, month } }, update: {}, create: { boardId: board.id, month, createdAt: t.clock() } });
    await t.db.juryMember.create({ data: { panelId: panel.id, userId: m.id, rank: 99, score: 1, posts: 1, comments: 0, upsReceived: 0 } });

    const noCode = await postForm(m.a, "/account/withdraw", { password: m.password, confirm: "on" }, "/account/withdraw");
    expect(noCode.status).toBe(400);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: m.id } })).withdrawnAt).toBeNull();
    const res = await postForm(m.a, "/account/withdraw", { password: m.password, code: codeAt(secret, t.clock()), confirm: "on" }, "/account/withdraw");
    expect(res.status).toBe(303);
    expect(await t.db.twoStep.count({ where: { userId: m.id } })).toBe(0);
    expect((await t.db.juryMember.findFirstOrThrow({ where: { userId: m.id } })).leftAt).not.toBeNull();
    const jury = await request(t.app).get("/boards/000660/jury");
    expect(jury.status).toBe(200);
    expect(jury.text).toContain("탈퇴한 배심원");
  });
});

describe("약관·개인정보 처리방침 consent", () => {
  it("is required at sign-up and stored with its version and time", async () => {
    const a = agent(t.app);
    const page = await a.get("/signup");
    const before = await t.db.user.count();
    const res = await a.post("/signup").type("form").send({ loginId: `noagree${seq}`, nickname: `동의안함${seq}`, password: "long enough pw", passwordConfirm: "long enough pw", _csrf: tokenFrom(page.text) });
    expect(res.status).toBe(400);
    expect(res.text).toContain("이용약관과 개인정보 처리방침에 동의해야 가입할 수 있습니다.");
    expect(res.text).toContain(`value="noagree${seq}"`);
    expect(await t.db.user.count()).toBe(before);
    const m = await signedUpMember(t);
    const row = await t.db.user.findUniqueOrThrow({ where: { id: m.id } });
    expect([row.policyVersion, row.policyAgreedAt?.getTime()]).toEqual([POLICY_VERSION, row.createdAt.getTime()]);
    for (const path of ["/terms", "/privacy"]) expect((await request(t.app).get(path)).status).toBe(200);
    expect((await request(t.app).get("/privacy")).text).toContain("접속 신호");
  });

  it("tells a member who agreed to an older version, until they accept the new one", async () => {
    const m = await signedUpMember(t);
    await t.db.user.update({ where: { id: m.id }, data: { policyVersion: "2020-01-01" } });
    const a = agent(t.app);
    expect((await signIn(a, m.loginId, m.password)).status).toBe(303);
    const home = await a.get("/");
    expect(home.status).toBe(200);
    expect(home.text).toContain('id="policy-notice"');
    const board = await a.get("/boards/005930");
    expect(board.text).toContain('name="returnTo" value="/boards/005930"');
    const accepted = await a.post("/account/policy").type("form").send({ _csrf: tokenFrom(board.text), returnTo: "/boards/005930" });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.location).toBe("/boards/005930");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: m.id } })).policyVersion).toBe(POLICY_VERSION);
    expect((await a.get("/")).text).not.toContain('id="policy-notice"');
  });
});

describe("내 정보 내려받기", () => {
  it("gives the member's posts, comments, votes, follows and sign-ins as JSON, to them only", async () => {
    const m = await signedUpMember(t);
    const post = await createPost(t, { stockCode: "005930", authorId: m.id, title: "내보낼 글" });
    const token = await csrfFor(m.a, "/boards/005930");
    await m.a.post(`/boards/005930/posts/${post.number}/comments`).set("Accept", "application/json").set("X-CSRF-Token", token).send({ body: "내보낼 댓글" });
    await m.a.post("/boards/005930/follow").set("Accept", "application/json").set("X-CSRF-Token", token).send({});
    const res = await m.a.get("/account/my-data.json");
    expect(res.status).toBe(200);
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="jongto-my-data-/);
    const data = JSON.parse(res.text);
    expect(data.account.loginId).toBe(m.loginId);
    expect(data.posts.map((p: { title: string }) => p.title)).toContain("내보낼 글");
    expect(data.comments.map((c: { body: string }) => c.body)).toContain("내보낼 댓글");
    expect(data.follows.map((f: { stockCode: string }) => f.stockCode)).toEqual(["005930"]);
    expect(data.signIns.length).toBeGreaterThanOrEqual(1);
    expect(Array.isArray(data.votes)).toBe(true);
    expect((await request(t.app).get("/account/my-data.json")).status).toBe(303);
  });
});
