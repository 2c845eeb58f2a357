import { beforeAll, describe, expect, it } from "vitest";
import { createDemoData, DEMO_BOARD, DEMO_JURORS, DEMO_PASSWORD, DEMO_SPAM_TITLE } from "../../src/modules/jury/demo.service.ts";
import { GRAPHEME_CASES } from "../fixtures/graphemes.ts";
import { PHONE, screenshot, signInInBrowser, signUpInBrowser, useHarness } from "./harness.ts";

const h = useHarness();
const OVER = "가".repeat(1001);
let spamNumber = 0;
// Before any page is visited: the first visit of the month chooses the jury for good.
beforeAll(async () => {
  ({ spamNumber } = await createDemoData(h.t));
});

describe("with JavaScript", () => {
  it("counts characters exactly like the server", async () => {
    const page = await h.page();
    await page.goto("/boards/005930/posts/1");
    // A string, not a function: the test runner must not rewrite the browser's own import.
    const counts = await page.evaluate(
      `import("/js/graphemes.js").then((m) => ${JSON.stringify(GRAPHEME_CASES)}.map((c) => m.countGraphemes(c[1])))`,
    );
    expect(counts).toEqual(GRAPHEME_CASES.map(([, , n]) => n));
  });

  it("sign up → write a post → comment past 1000 and back → vote in place", async () => {
    const page = await h.page();
    await signUpInBrowser(page, "첫손님");
    await expect.poll(() => page.getByText("첫손님님, 가입을 환영합니다.").isVisible()).toBe(true);

    await page.goto("/boards/005930");
    await page.getByRole("link", { name: "글쓰기" }).first().click();
    await page.getByLabel("제목").fill("브라우저에서 쓴 글");
    await page.getByLabel("내용").fill("첫 문단\n\n둘째 문단");
    await page.getByRole("button", { name: "등록" }).click();
    await page.waitForURL(/\/boards\/005930\/posts\/\d+$/);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("브라우저에서 쓴 글");

    // A marker that a full reload would wipe out.
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    const textarea = page.getByLabel("댓글 내용");
    await textarea.fill(OVER);
    await expect.poll(() => page.locator("#comment-counter").textContent()).toBe("1001 / 1000");
    // Over the limit the form says why it will not send, and a press keeps the text and moves focus to it.
    expect(await page.locator(".counter-note").textContent()).toBe("1000자를 1자 넘었습니다. 줄여야 등록할 수 있습니다.");
    await page.getByRole("button", { name: "등록" }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("comment-body");
    expect(await page.locator(".comment").count()).toBe(0);
    expect(await textarea.getAttribute("aria-invalid")).toBe("true");
    await textarea.press("Backspace");
    expect(await page.locator(".counter-note").isVisible()).toBe(false);
    expect(await textarea.getAttribute("aria-invalid")).toBeNull();
    await expect.poll(() => page.locator("#comment-counter").textContent()).toBe("1000 / 1000");
    await page.getByRole("button", { name: "등록" }).click();
    await expect.poll(() => page.locator(".comment").count()).toBe(1);
    expect(await page.locator("#comment-counter").textContent()).toBe("0 / 1000");
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    await screenshot(page, "post-own-desktop");

    await page.goto("/boards/005930/posts/1");
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 2));
    const up = page.getByRole("button", { name: /추천/ });
    await up.click();
    await expect.poll(() => up.getAttribute("aria-pressed")).toBe("true");
    expect(await up.textContent()).toBe("1추천");
    await page.getByRole("button", { name: /반대/ }).click();
    await expect.poll(() => page.getByRole("button", { name: /반대/ }).textContent()).toBe("1반대");
    expect(await up.textContent()).toBe("0추천");
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(2);
    expect(await page.locator("[data-vote-status]").textContent()).toBe("반대했습니다.");
  });

  it("four demo jurors take a post down, and the list shows the placeholder", async () => {
    const path = `/boards/${DEMO_BOARD.stockCode}/posts/${spamNumber}`;
    for (const [i, juror] of DEMO_JURORS.slice(0, 4).entries()) {
      const page = await h.page();
      await signInInBrowser(page, juror.loginId, DEMO_PASSWORD);
      await page.goto(path);
      expect(await page.locator(".jury-box__status").textContent()).toContain("운영배심원으로 선정");
      await page.getByRole("button", { name: "글 내리기", exact: true }).click();
      if (i < 3) {
        await expect.poll(() => page.locator('[data-count="opinions"]').textContent()).toBe(String(i + 1));
        expect(await page.getByRole("button", { name: "글 내리기 취소" }).isVisible()).toBe(true);
      } else {
        await expect.poll(() => page.locator(".post__notice").textContent()).toContain("운영배심원 의견에 따라 블라인드 처리된 글입니다.");
        // One notice, not the same sentence in the title, the body and the jury box.
        const shown = (await page.locator("article.post, .jury-box").allTextContents()).join(" ");
        expect(shown.split("블라인드 처리된 글입니다").length - 1).toBe(1);
        expect(await page.getByRole("link", { name: "블라인드 기록 보기" }).getAttribute("href")).toBe(`/boards/${DEMO_BOARD.stockCode}/jury#log-title`);
        await screenshot(page, "post-blinded-desktop");
      }
      await page.context().close();
    }
    const reader = await h.page();
    await reader.goto(`/boards/${DEMO_BOARD.stockCode}`);
    const list = await reader.locator("table.board-table").textContent();
    expect(list).toContain("운영배심원 의견에 따라 블라인드 처리된 글입니다.");
    expect(list).not.toContain(DEMO_SPAM_TITLE);
    await reader.goto(`/boards/${DEMO_BOARD.stockCode}/jury`);
    await screenshot(reader, "jury-desktop");
  });
});

describe("without JavaScript", () => {
  it("signs up, posts, comments (refused above 1000, text kept), votes and 글 내리기 with plain forms", async () => {
    const page = await h.page({ javaScriptEnabled: false });
    await signUpInBrowser(page);
    await page.goto("/boards/005930/write");
    await page.getByLabel("제목").fill("스크립트 없이 쓴 글");
    await page.getByLabel("내용").fill("폼만으로도 글이 올라갑니다.");
    await page.getByRole("button", { name: "등록" }).click();
    await page.waitForURL(/\/boards\/005930\/posts\/\d+$/);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("스크립트 없이 쓴 글");

    await page.goto("/boards/005930/posts/1");
    await page.getByLabel("댓글 내용").fill(OVER);
    await page.getByRole("button", { name: "등록" }).click();
    await page.waitForLoadState();
    expect(await page.getByRole("alert").first().textContent()).toContain("댓글은 1,000자 이내로 입력해 주세요. (현재 1,001자)");
    expect(await page.getByLabel("댓글 내용").inputValue()).toBe(OVER);
    expect(await page.locator("#comment-counter").textContent()).toBe("1001 / 1000 (1자 초과)");
    expect(await page.locator("#comment-counter").getAttribute("class")).toContain("counter--over");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("comment-body");
    await page.getByLabel("댓글 내용").fill("자바스크립트 없이 쓴 댓글");
    await page.getByRole("button", { name: "등록" }).click();
    await page.waitForURL(/#comment-\d+$/);
    expect(await page.locator(".comment__body").last().textContent()).toBe("자바스크립트 없이 쓴 댓글");

    await page.getByRole("button", { name: /추천/ }).click();
    await page.waitForURL(/#votes$/);
    expect(await page.getByRole("button", { name: /추천/ }).getAttribute("aria-pressed")).toBe("true");

    const juror = await h.page({ javaScriptEnabled: false });
    await signInInBrowser(juror, DEMO_JURORS[4]!.loginId, DEMO_PASSWORD);
    const post = await h.t.db.post.findFirstOrThrow({ where: { board: { stockCode: DEMO_BOARD.stockCode }, blindedAt: null, author: { loginId: "demo_writer" } } }).catch(() => null);
    const target = post ?? (await h.t.db.post.findFirstOrThrow({ where: { board: { stockCode: DEMO_BOARD.stockCode }, blindedAt: null, authorId: { not: (await h.t.db.user.findUniqueOrThrow({ where: { loginId: DEMO_JURORS[4]!.loginId } })).id } } }));
    await juror.goto(`/boards/${DEMO_BOARD.stockCode}/posts/${target.number}`);
    await juror.getByRole("button", { name: "글 내리기", exact: true }).click();
    await juror.waitForURL(/#jury$/);
    expect(await juror.getByRole("button", { name: "글 내리기 취소" }).isVisible()).toBe(true);
  });
});

describe("on a phone", () => {
  it("collapses the list to two-line rows without horizontal scrolling", async () => {
    const page = await h.page({ viewport: PHONE, isMobile: true, hasTouch: true });
    for (const [path, name] of [["/", "index"], ["/boards/005930", "list"], ["/boards/005930/posts/1", "post"], ["/boards/005930/jury", "jury"], ["/login", "login"]] as const) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
      await screenshot(page, `${name}-phone`);
    }
    await page.goto("/boards/005930");
    const row = page.locator("tbody tr").first();
    const title = await row.locator("td.title").boundingBox();
    const date = await row.locator("td.date").boundingBox();
    expect(date!.y).toBeGreaterThan(title!.y); // the date sits on the second line
    expect(await page.locator("thead").isVisible()).toBe(false);
  });
});
