// The 신고 loop as people meet it: readers report (in place and with the plain page), an
// operator made with `npm run user:role` hides the post and suspends its author, readers see
// the notice and the public log, and the author is signed out and cannot sign in.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { screenshot, signInInBrowser, signUpInBrowser, useHarness } from "./harness.ts";
import { childEnv } from "../../src/config/env.ts";

const h = useHarness();

function userRole(loginId: string, role: string) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/user-role.ts", loginId, role], {
    encoding: "utf8",
    env: childEnv({ NODE_ENV: "", DATABASE_URL: h.t.url }),
    timeout: 30_000,
  });
  expect(result.status, result.stderr).toBe(0);
}

describe("reports and operators", () => {
  it("A posts; B and C report; an operator hides it and suspends A; readers and A see the outcome", async () => {
    const a = await h.page();
    const author = await signUpInBrowser(a, "리딩방장");
    await a.goto("/boards/005930/write");
    // A pitch 클린봇 lets through (one saying 무료 리딩 it holds: test/browser/cleanbot.test.ts),
    // so readers have to report it.
    await a.getByLabel("제목").fill("내일 급등할 종목 알려드림");
    await a.getByLabel("내용").fill("매일 급등주 추천, 카톡 오픈채팅으로 오세요.");
    await a.getByRole("button", { name: "등록" }).click();
    await a.waitForURL(/\/boards\/005930\/posts\/\d+$/);
    const postUrl = new URL(a.url()).pathname;

    // B reports in place, with JavaScript.
    const b = await h.page();
    await signUpInBrowser(b);
    await b.goto(postUrl);
    await b.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    await b.locator(".post__report").getByRole("link", { name: "신고" }).click();
    await b.getByLabel("스팸·광고(리딩방)").check();
    await b.getByLabel(/신고 내용/).fill("리딩방 홍보");
    await b.locator("form[data-report-form]").getByRole("button", { name: "신고" }).click();
    await expect.poll(() => b.locator("[data-report-status]").textContent()).toContain("신고가 접수되었습니다.");
    expect(await b.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1); // no reload

    // C reports without JavaScript, on the report page.
    const c = await h.page({ javaScriptEnabled: false });
    await signUpInBrowser(c);
    await c.goto(postUrl);
    await c.locator(".post__report").getByRole("link", { name: "신고" }).click();
    await c.waitForURL(/\/report$/);
    await c.getByLabel("허위사실·시세조종").check();
    await c.getByRole("button", { name: "신고" }).click();
    await c.waitForURL((url) => url.pathname === postUrl);
    expect(await c.getByText("신고가 접수되었습니다.").isVisible()).toBe(true);

    // An operator, made from the command line, sees it first in the queue and hides it.
    const op = await h.page();
    const operator = await signUpInBrowser(op, "운영하는사람");
    userRole(operator.loginId, "operator");
    await op.locator(".user-menu summary").click(); // the nickname opens the menu
    await op.getByRole("button", { name: "로그아웃" }).click();
    await signInInBrowser(op, operator.loginId, operator.password);
    await op.getByRole("link", { name: "신고 처리" }).click();
    await op.waitForURL(/\/admin\/reports$/);
    const first = op.locator(".report-queue__item").first();
    expect(await first.textContent()).toContain("내일 급등할 종목 알려드림");
    expect(await first.textContent()).toContain("신고 2건");
    await screenshot(op, "admin-reports-desktop");
    await first.getByLabel("숨김 사유").selectOption("spam");
    await first.getByRole("button", { name: "숨김" }).click();
    await op.waitForURL(/\/admin\/reports$/);
    expect(await op.getByText("숨김 처리했습니다.").isVisible()).toBe(true);

    // Readers see the notice, in the list and on the page.
    const reader = await h.page();
    await reader.goto("/boards/005930");
    expect(await reader.getByText("운영정책에 따라 숨김 처리된 글입니다.").first().isVisible()).toBe(true);
    await reader.goto(postUrl);
    expect(await reader.getByRole("heading", { level: 1 }).textContent()).toBe("숨김 처리된 글");
    expect(await reader.locator(".post__notice").textContent()).toBe("운영정책에 따라 숨김 처리된 글입니다.");
    expect(await reader.content()).not.toContain("카톡 오픈채팅");

    // The public log shows the action, reached from the footer.
    await reader.getByRole("link", { name: "운영 기록" }).click();
    await reader.waitForURL(/\/moderation$/);
    const row = reader.locator("tbody tr").first();
    expect(await row.textContent()).toContain("숨김");
    expect(await row.textContent()).toContain("스팸·광고(리딩방)");
    expect(await row.textContent()).toContain("운영하는사람");

    // The operator suspends A for seven days from the post page; A's next request is signed out.
    await op.goto(postUrl);
    expect(await op.content()).toContain("카톡 오픈채팅"); // operators still see the text
    await op.getByLabel("작성자 이용 제한").selectOption("7");
    await op.locator(".operator-tools").getByRole("button", { name: "이용 제한" }).click();
    await op.waitForURL(/\/admin\/suspensions$/);
    expect(await op.locator("tbody").textContent()).toContain("리딩방장");

    await a.goto("/boards/005930");
    expect(await a.getByRole("link", { name: "로그인", exact: true }).first().isVisible()).toBe(true);
    await a.goto("/login");
    await a.getByLabel("아이디").fill(author.loginId);
    await a.getByLabel("비밀번호", { exact: true }).fill(author.password);
    await a.getByRole("button", { name: "로그인" }).click();
    await a.waitForLoadState();
    const refusal = await a.getByRole("alert").first().textContent();
    expect(refusal).toContain("이용이 제한된 계정입니다.");
    expect(refusal).toMatch(/제한 기간: \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}까지/);
    await screenshot(a, "signin-suspended-desktop");
  });
});
