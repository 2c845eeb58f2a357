// 클린봇 as people meet it (docs/product.md §13): a recruiter's post comes back refused with
// the match marked and the text kept; a promise of returns waits until an operator approves
// it from the queue, then every reader sees it; a reader opens a folded comment with 보기.
import { describe, expect, it } from "vitest";
import { screenshot, signInInBrowser, signUpInBrowser, useHarness } from "./harness.ts";

const h = useHarness();
const BOARD = "/boards/005930";

describe("클린봇", () => {
  it("refuses a recruiter's post with the match shown, and keeps what was typed", async () => {
    const page = await h.page();
    await signUpInBrowser(page, "급등주선생");
    const before = await h.t.db.post.count();
    await page.goto(`${BOARD}/write`);
    const body = "무료 리딩방 입장 open.kakao.com/o/gXyz 로 오세요";
    await page.getByLabel("제목").fill("내일 상한가 종목");
    await page.getByLabel("내용").fill(body);
    await page.getByRole("button", { name: "등록" }).click();
    await page.waitForLoadState("load");
    expect(page.url()).toMatch(/\/boards\/005930\/posts$/);
    expect(await page.getByText("외부 채팅·리딩방 유도(오픈채팅·메신저 링크)에 해당하는 내용이 있어 등록할 수 없습니다").first().isVisible()).toBe(true);
    const marked = page.getByRole("note", { name: "클린봇이 찾은 부분 (내용)" });
    expect(await marked.locator("mark").textContent()).toBe("open.kakao.com/o/gXyz");
    expect(await page.getByLabel("내용", { exact: true }).inputValue()).toBe(body);
    expect(await h.t.db.post.count()).toBe(before);
    await screenshot(page, "cleanbot-refused-desktop");
  });

  it("holds a promise of returns until an operator approves it from the queue", async () => {
    const writer = await h.page();
    await signUpInBrowser(writer, "수익왕");
    await writer.goto(`${BOARD}/write`);
    await writer.getByLabel("제목").fill("이번 주 추천 종목 공개");
    await writer.getByLabel("내용").fill("원금 보장, 3배 확정입니다");
    await writer.getByRole("button", { name: "등록" }).click();
    await writer.waitForURL(/\/posts\/\d+$/);
    const postUrl = new URL(writer.url()).pathname;
    expect(await writer.getByText("운영자가 확인한 뒤 공개합니다").first().isVisible()).toBe(true);

    const reader = await h.page();
    await reader.goto(postUrl);
    expect(await reader.getByText("클린봇이 보류해 운영자가 확인 중인 글입니다.").isVisible()).toBe(true);
    await reader.goto(BOARD);
    expect(await reader.getByRole("link", { name: "이번 주 추천 종목 공개" }).count()).toBe(0);

    const op = await h.page();
    const operator = await signUpInBrowser(op, "클린봇운영자");
    await h.t.db.user.update({ where: { loginId: operator.loginId }, data: { role: "operator" } });
    await op.locator(".user-menu summary").click();
    await op.getByRole("button", { name: "로그아웃" }).click();
    await signInInBrowser(op, operator.loginId, operator.password);
    await op.goto("/admin/reports");
    const item = op.locator(".held-queue .report-queue__item").first();
    expect(await item.locator("mark").first().textContent()).toBe("원금 보장");
    await screenshot(op, "cleanbot-held-queue-desktop");
    await item.getByRole("button", { name: "공개" }).click();
    await op.waitForURL(/\/admin\/reports/);
    expect(await op.getByText("공개했습니다.").isVisible()).toBe(true);

    await reader.goto(BOARD);
    expect(await reader.getByRole("link", { name: "이번 주 추천 종목 공개" }).count()).toBe(1);
    await reader.goto(postUrl);
    expect(await reader.getByText("원금 보장, 3배 확정입니다").isVisible()).toBe(true);
  });

  it("folds an abusive comment, which a reader opens with 보기", async () => {
    const writer = await h.page();
    await signUpInBrowser(writer, "화난개미");
    await writer.goto(`${BOARD}/posts/1`);
    await writer.getByLabel("댓글 내용").fill("이 ㅅㅂ 회사 언제 오르냐");
    await writer.getByRole("button", { name: "등록" }).click();
    await writer.waitForLoadState("networkidle");

    const reader = await h.page({ javaScriptEnabled: false });
    await reader.goto(`${BOARD}/posts/1`);
    const fold = reader.locator(".comment details.folded").last();
    expect(await fold.locator("summary").textContent()).toContain("클린봇이 부적절한 표현을 감지해 가렸습니다.");
    expect(await fold.getByText("이 ㅅㅂ 회사 언제 오르냐").isVisible()).toBe(false);
    await fold.locator("summary").click();
    expect(await fold.getByText("이 ㅅㅂ 회사 언제 오르냐").isVisible()).toBe(true);
    await screenshot(reader, "cleanbot-folded-comment-desktop");
  });
});
