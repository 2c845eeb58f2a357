// The fair jury as people meet it with the demo data: four jurors blind the spam post; its
// author appeals; three other jurors vote 복원; the post is back, and the jury page shows the
// blinding, the appeal and (once the month is over) the panel's record, as totals only.
import { beforeAll, describe, expect, it } from "vitest";
import { createDemoData, DEMO_BOARD, DEMO_JURORS, DEMO_PASSWORD, DEMO_SPAM_TITLE, DEMO_WRITER } from "../../src/modules/jury/demo.service.ts";
import { screenshot, signInInBrowser, useHarness } from "./harness.ts";

const h = useHarness();
let spamNumber = 0;
beforeAll(async () => {
  ({ spamNumber } = await createDemoData(h.t));
});

describe("an appeal", () => {
  it("blinded by four, appealed by the author, restored by three others, on the record", async () => {
    const path = `/boards/${DEMO_BOARD.stockCode}/posts/${spamNumber}`;
    for (const juror of DEMO_JURORS.slice(0, 4)) {
      const page = await h.page();
      await signInInBrowser(page, juror.loginId, DEMO_PASSWORD);
      await page.goto(path);
      await page.getByRole("button", { name: "글 내리기", exact: true }).click();
      await expect.poll(() => page.getByRole("button", { name: "글 내리기 취소" }).or(page.locator(".post__notice")).first().isVisible()).toBe(true);
      await page.context().close();
    }
    const author = await h.page();
    await signInInBrowser(author, DEMO_WRITER.loginId, DEMO_PASSWORD);
    await author.goto(path);
    expect(await author.locator(".post__notice--author").textContent()).toContain("블라인드 처리되었습니다");
    await author.getByRole("link", { name: "이의 신청하기" }).click();
    await author.waitForURL(/\/appeal$/);
    await author.getByLabel("이의 신청 사유").fill("홍보 글이 아니라 종목 의견입니다. 다시 봐 주세요.");
    await author.getByRole("button", { name: "신청" }).click();
    await author.waitForURL(/#appeal$/);
    expect(await author.locator("#appeal").textContent()).toContain("복원 0");

    for (const juror of DEMO_JURORS.slice(5, 8)) {
      const page = await h.page();
      await signInInBrowser(page, juror.loginId, DEMO_PASSWORD);
      await page.goto(`/boards/${DEMO_BOARD.stockCode}/jury`);
      await page.locator("#hear-title").waitFor();
      await page.getByRole("link", { name: `${spamNumber}번 글` }).first().click();
      await page.getByRole("button", { name: "복원", exact: true }).click();
      await page.waitForURL(/#appeal$/);
      await page.context().close();
    }

    const reader = await h.page();
    await reader.goto(path);
    expect(await reader.getByRole("heading", { level: 1 }).textContent()).toBe(DEMO_SPAM_TITLE);
    await reader.goto(`/boards/${DEMO_BOARD.stockCode}/jury`);
    const appeals = await reader.locator("section[aria-labelledby=appeals-title]").textContent();
    expect(appeals).toContain(`${spamNumber}번 글`);
    expect(appeals).toContain("복원");
    expect(await reader.locator("section[aria-labelledby=log-title]").textContent()).toContain(`${spamNumber}번 글`);
    await screenshot(reader, "jury-appeal-desktop");

    // Next month the panel's record is public, as the panel's totals (no juror's own counts).
    const next = new Date(h.t.clock().getTime() + 40 * 24 * 60 * 60 * 1000);
    h.t.time.set(next);
    await reader.goto(`/boards/${DEMO_BOARD.stockCode}/jury`);
    const record = await reader.locator(".jury-record").first().textContent();
    expect(record).toMatch(/블라인드 1건 \(그중 이의 신청으로 복원 1건\) · 이의 심사 투표 3건/);
    expect(record).not.toContain(DEMO_JURORS[0]!.nickname);
  });
});
