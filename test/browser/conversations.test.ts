// 답글 and 알림 as two members meet them, with JavaScript and without.
import { describe, expect, it } from "vitest";
import { screenshot, signUpInBrowser, useHarness } from "./harness.ts";

const h = useHarness();

async function conversation(javaScriptEnabled: boolean) {
  const a = await h.page({ javaScriptEnabled });
  const author = await signUpInBrowser(a);
  await a.goto("/boards/005930/write");
  await a.getByLabel("제목").fill(`대화 시험 ${javaScriptEnabled ? "JS" : "폼"}`);
  await a.getByLabel("내용").fill("의견 부탁드립니다.");
  await a.getByRole("button", { name: "등록" }).click();
  await a.waitForURL(/\/posts\/\d+$/);
  const postUrl = new URL(a.url()).pathname;

  // B comments on A's post.
  const b = await h.page({ javaScriptEnabled });
  const commenter = await signUpInBrowser(b);
  await b.goto(postUrl);
  await b.getByLabel("댓글 내용").fill("좋은 글이네요");
  await b.getByRole("button", { name: "등록" }).click();
  await expect.poll(() => b.locator(".comment").count()).toBe(1);

  // A's header shows 알림 1; opening it lands on B's comment.
  await a.goto("/");
  expect(await a.locator("[data-unread-count]").textContent()).toBe("1");
  await a.locator(".site-nav__alerts").click();
  await a.waitForURL(/\/notifications$/);
  await a.getByRole("link", { name: /댓글을 남겼습니다/ }).click();
  await a.waitForURL(/#comment-\d+$/);
  const commentId = /#comment-(\d+)$/.exec(a.url())![1];
  expect(await a.locator("[data-unread-count]").count()).toBe(0);

  // A replies to it.
  await a.locator(`#comment-${commentId}`).getByRole("link", { name: "답글" }).click();
  if (!javaScriptEnabled) await a.waitForURL(/\/reply$/);
  // The reply form opens under the comment (in place; the page's own form is above the list) or alone (reply page).
  const replyForm = javaScriptEnabled ? a.locator("form[data-reply-form]") : a.locator("form", { has: a.locator('textarea[name="body"]') }).first();
  await replyForm.locator('textarea[name="body"]').fill("감사합니다!");
  await replyForm.getByRole("button", { name: "등록" }).click();
  await expect.poll(() => a.locator(`#replies-${commentId} .comment--reply`).count()).toBe(1);

  // B hears of it and finds the reply under the comment.
  await b.goto("/");
  expect(await b.locator("[data-unread-count]").textContent()).toBe("1");
  await b.goto("/notifications");
  await b.getByRole("link", { name: /답글을 남겼습니다/ }).click();
  await b.waitForURL(/#comment-\d+$/);
  expect(await b.locator(`#replies-${commentId}`).textContent()).toContain("감사합니다!");
  if (javaScriptEnabled) await screenshot(b, "post-replies-desktop");

  // Both profiles list what they wrote, reached from the nickname.
  await b.getByRole("link", { name: author.nickname }).first().click();
  await b.waitForURL(/\/users\/\d+$/);
  expect(await b.locator("table").textContent()).toContain(`대화 시험 ${javaScriptEnabled ? "JS" : "폼"}`);
  await b.getByRole("link", { name: "작성댓글" }).click();
  expect(await b.locator(".profile-comments").textContent()).toContain("감사합니다!");
  await b.goto(postUrl);
  await b.locator(".comment__meta").getByRole("link", { name: commenter.nickname }).first().click();
  await b.getByRole("link", { name: "작성댓글" }).click();
  expect(await b.locator(".profile-comments").textContent()).toContain("좋은 글이네요");
}

describe("conversations", () => {
  it("with JavaScript: comment → 알림 → reply in place → 알림 → profiles", async () => {
    await conversation(true);
  });

  it("without JavaScript: the same with plain forms and the reply page", async () => {
    await conversation(false);
  });
});
