// Hot threads and my stocks at phone size (issue 32): follow two boards and find them on the
// home page, block a member and see their comment folded, page through 120 comments with
// 더보기 and without JavaScript, weigh a comment, and jump to SK하이닉스 from a post's header.
import { describe, expect, it } from "vitest";
import { createPost, createUser } from "../factories.ts";
import path from "node:path";
import { PHONE, SCREENSHOTS, screenshot, signUpInBrowser, useHarness } from "./harness.ts";

const h = useHarness();

/** A post with 120 comments, the 7th by `pest`. */
async function hotPost(pestId: number) {
  const author = await createUser(h.t.db);
  const post = await createPost(h.t, { authorId: author.id, title: "댓글 120개 달린 글" });
  const start = h.t.clock().getTime() - 200_000;
  await h.t.db.comment.createMany({
    data: Array.from({ length: 120 }, (_, i) => ({
      postId: post.id,
      authorId: i === 6 ? pestId : author.id,
      body: i === 6 ? "리딩방 무료 초대 받으세요" : `의견 ${i + 1}번입니다`,
      createdAt: new Date(start + i * 1000),
    })),
  });
  await h.t.db.post.update({ where: { id: post.id }, data: { commentCount: 120 } });
  return post;
}

describe("a member on a phone", () => {
  it("follows two boards, blocks a member, pages through 120 comments and jumps to SK하이닉스", async () => {
    const pest = await createUser(h.t.db, { nickname: "리딩방실장" });
    const post = await hotPost(pest.id);
    const page = await h.page({ viewport: PHONE });
    await signUpInBrowser(page);

    for (const code of ["005930", "000660"]) {
      await page.goto(`/boards/${code}`);
      await page.getByRole("button", { name: "관심종목 추가" }).click();
      await expect.poll(() => page.getByRole("button", { name: "관심종목 해제" }).isVisible()).toBe(true);
    }
    await page.goto("/");
    const mine = page.getByRole("region", { name: /내 관심종목/ });
    expect(await mine.getByRole("link", { name: "삼성전자" }).isVisible()).toBe(true);
    expect(await mine.getByRole("link", { name: "SK하이닉스" }).isVisible()).toBe(true);
    await screenshot(page, "home-follows-phone");

    // Block the member from their profile.
    await page.goto(`/users/${pest.id}`);
    await page.getByRole("button", { name: "차단", exact: true }).click();
    await expect.poll(() => page.getByRole("button", { name: "차단 해제" }).isVisible()).toBe(true);

    // Their comment is folded; 보기 opens it.
    await page.goto(`/boards/005930/posts/${post.number}`);
    const list = page.locator("ol[data-comment-list] > li");
    await expect.poll(() => list.count()).toBe(50);
    const folded = page.locator("details.folded", { hasText: "차단한 회원의 댓글입니다." });
    expect(await folded.count()).toBe(1);
    expect(await page.getByText("리딩방 무료 초대 받으세요").isVisible()).toBe(false);
    await folded.locator("summary").click();
    expect(await page.getByText("리딩방 무료 초대 받으세요").isVisible()).toBe(true);

    // The form is above the list.
    const formTop = await page.locator("#comment-body").evaluate((el) => el.getBoundingClientRect().top);
    const firstTop = await list.first().evaluate((el) => el.getBoundingClientRect().top);
    expect(formTop).toBeLessThan(firstTop);

    // 더보기 twice: all 120, each once, in order.
    const more = page.getByRole("link", { name: "댓글 더보기" });
    await more.click();
    await expect.poll(() => list.count()).toBe(100);
    await more.click();
    await expect.poll(() => list.count()).toBe(120);
    expect(await more.count()).toBe(0);
    const texts = await page.locator("ol[data-comment-list] > li .comment__body").allInnerTexts();
    expect(texts.at(-1)).toBe("의견 120번입니다");
    expect(new Set(texts).size).toBe(120);

    // 공감 in place.
    const first = list.first();
    await first.getByRole("button", { name: /^공감/ }).click();
    await expect.poll(() => first.getByRole("button", { name: /^공감/ }).getAttribute("aria-pressed")).toBe("true");
    expect(await first.locator('[data-count="up"]').innerText()).toBe("1");
    await page.locator("#comments-title").scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, "comments-phone.png") }); // the first screen of the list

    // From this post's header to SK하이닉스.
    const box = page.locator("header").getByRole("combobox", { name: "종목 검색" });
    await box.pressSequentially("SK하이닉스");
    await expect.poll(() => page.locator("header").getByRole("option").first().innerText()).toContain("SK하이닉스");
    await box.press("ArrowDown");
    await box.press("Enter");
    await page.waitForURL(/\/boards\/000660$/);
    expect(await page.getByRole("button", { name: "관심종목 해제" }).isVisible()).toBe(true);
    await page.context().close();
  });

  it("pages through the comments by links without JavaScript", async () => {
    const pest = await createUser(h.t.db);
    const post = await hotPost(pest.id);
    const page = await h.page({ viewport: PHONE, javaScriptEnabled: false });
    await page.goto(`/boards/005930/posts/${post.number}`);
    await page.getByRole("navigation", { name: "댓글 페이지" }).getByRole("link", { name: "다음 페이지" }).click();
    await page.waitForURL(/cpage=2/);
    expect(await page.getByText("의견 51번입니다", { exact: true }).isVisible()).toBe(true);
    await page.getByRole("navigation", { name: "댓글 정렬" }).getByRole("link", { name: "최신순" }).click();
    await page.waitForURL(/csort=new/);
    expect(await page.locator("ol[data-comment-list] > li .comment__body").first().innerText()).toBe("의견 120번입니다");
    await page.context().close();
  });
});
