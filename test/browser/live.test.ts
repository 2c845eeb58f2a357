// The live board in a real browser (issue 34): two readers on the board, one writes, the other
// sees "새 글 1개 — 보기" and then the comment arrive in place; a reader without JavaScript
// sees the same page as before and everything on a reload.
import { describe, expect, it } from "vitest";
import { signUpInBrowser, screenshot, useHarness, writePostInBrowser } from "./harness.ts";

const h = useHarness();

describe("two readers and a writer", () => {
  it("see new posts counted in a bar and new comments arrive; without JavaScript the page stays as it was", async () => {
    const writer = await h.page();
    await signUpInBrowser(writer, "실시간작성자");
    const reader = await h.page();
    const plain = await h.page({ javaScriptEnabled: false });
    await reader.goto("/boards/005930");
    await plain.goto("/boards/005930");
    // The reader's stream is open before the post is written.
    const listening = () => h.t.app.locals.live.usage().listeners;
    await expect.poll(listening).toBe(1);

    const postPath = await writePostInBrowser(writer, "장 시작 전 실시간 글", "오늘 시초가를 지켜봅니다.");

    const bar = reader.getByRole("status").filter({ hasText: "새 글 1개 — 보기" });
    await expect.poll(() => bar.isVisible(), { timeout: 5_000 }).toBe(true);
    // The list itself is not reshuffled under the reader.
    expect(await reader.getByRole("link", { name: "장 시작 전 실시간 글" }).count()).toBe(0);
    await screenshot(reader, "live-board-bar");
    await bar.getByRole("link").click();
    await reader.waitForURL(/\/boards\/005930$/);
    expect(await reader.getByRole("link", { name: "장 시작 전 실시간 글" }).isVisible()).toBe(true);

    // Without JavaScript: no bar, the same list, and the post on a reload.
    expect(await plain.getByText(/새 글 \d+개/).count()).toBe(0);
    expect(await plain.getByRole("link", { name: "장 시작 전 실시간 글" }).count()).toBe(0);
    await plain.reload();
    expect(await plain.getByRole("link", { name: "장 시작 전 실시간 글" }).isVisible()).toBe(true);

    // Both readers on the post; the writer comments; the JavaScript reader sees it arrive.
    await reader.goto(postPath);
    await plain.goto(postPath);
    await expect.poll(listening).toBe(2); // the writer and the reader on the post (the list's stream closed with its page)
    await writer.getByLabel("댓글 내용").fill("시초가 72,000원 지지 확인");
    await writer.getByRole("button", { name: "등록" }).click();
    const arrived = reader.locator("ol[data-comment-list] > li", { hasText: "시초가 72,000원 지지 확인" });
    await expect.poll(() => arrived.isVisible(), { timeout: 5_000 }).toBe(true);
    await expect.poll(() => reader.locator("#comments-title").textContent()).toContain("(1)");
    expect(await writer.locator("ol[data-comment-list] > li", { hasText: "시초가 72,000원 지지 확인" }).count()).toBe(1); // once, not twice
    await screenshot(reader, "live-post-comment");

    expect(await plain.getByText("시초가 72,000원 지지 확인").count()).toBe(0);
    await plain.reload();
    expect(await plain.getByText("시초가 72,000원 지지 확인").isVisible()).toBe(true);
    for (const p of [writer, reader, plain]) await p.context().close();
  });
});

describe("a tab hidden for five minutes", () => {
  it("closes its stream, and when shown again resumes with what arrived meanwhile", async () => {
    const writer = await h.page();
    await signUpInBrowser(writer, "숨은탭작성자");
    const postPath = await writePostInBrowser(writer, "숨은 탭이 지켜보는 글", "탭을 숨겨도 댓글은 놓치지 않습니다.");
    await writer.goto("/"); // the writer's own stream closes with the post page

    const reader = await h.page();
    await reader.clock.install(); // the page's timers, fast-forwarded below
    await reader.goto(postPath);
    const listening = () => h.t.app.locals.live.usage().listeners;
    await expect.poll(listening).toBe(1);
    const setVisibility = (state: "hidden" | "visible") =>
      reader.evaluate((s) => {
        Object.defineProperty(document, "visibilityState", { configurable: true, get: () => s });
        document.dispatchEvent(new Event("visibilitychange"));
      }, state);
    await setVisibility("hidden");
    await reader.clock.fastForward(4 * 60_000);
    expect(listening()).toBe(1); // four minutes hidden: still open
    await reader.clock.fastForward(60_000 + 1_000);
    await expect.poll(listening).toBe(0);

    await writer.goto(postPath);
    await expect.poll(listening).toBe(1); // the writer's page
    await writer.getByLabel("댓글 내용").fill("숨어 있던 사이의 댓글");
    await writer.getByRole("button", { name: "등록" }).click();
    await expect.poll(() => writer.locator("ol[data-comment-list] > li", { hasText: "숨어 있던 사이의 댓글" }).count()).toBe(1);

    await setVisibility("visible");
    await expect.poll(listening).toBe(2);
    const arrived = reader.locator("ol[data-comment-list] > li", { hasText: "숨어 있던 사이의 댓글" });
    await expect.poll(() => arrived.count(), { timeout: 5_000 }).toBe(1);
  });
});
