// The walkthrough's findings in a real browser (issue 31): work that is kept, a page that
// agrees with itself, a header that fits a phone, and a dark badge one can read.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { createPost, createUser } from "../factories.ts";
import { DESKTOP, PHONE, signUpInBrowser, submitSignIn, useHarness } from "./harness.ts";

const h = useHarness();

/** WCAG contrast of two computed CSS colours (rgb(…) strings). */
function contrast(a: string, b: string): number {
  const lum = (rgb: string) => {
    const [r, g, bl] = (rgb.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const top = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => Math.round(el.getBoundingClientRect().top));

describe("a double click on 등록", () => {
  it("writes one post and shows the button as busy", async () => {
    const page = await h.page();
    await signUpInBrowser(page);
    await page.goto("/boards/005930/write");
    await page.getByLabel("제목").fill("두 번 눌러 본 글");
    await page.getByLabel("내용").fill("한 번만 올라가야 합니다");
    const button = page.getByRole("button", { name: "등록" });
    await button.dblclick();
    await page.waitForURL(/\/boards\/005930\/posts\/\d+$/);
    expect(await h.t.db.post.count({ where: { title: "두 번 눌러 본 글" } })).toBe(1);
    await page.context().close();
  });
});

describe("a signed-out reader", () => {
  it("pressing 추천 is told why, and the 추천 counts once signed in", async () => {
    const author = await createUser(h.t.db, { nickname: "추천받을이" });
    const post = await createPost(h.t, { authorId: author.id, title: "로그인 전에 추천" });
    const setup = await h.page();
    const member = await signUpInBrowser(setup);
    await setup.context().close();
    const page = await h.page();
    await page.goto(`/boards/005930/posts/${post.number}`);
    await page.getByRole("button", { name: /추천/ }).first().click();
    await expect.poll(() => page.getByText("로그인 후 추천할 수 있습니다.").isVisible()).toBe(true);
    await submitSignIn(page, member.loginId, member.password);
    await page.waitForURL(new RegExp(`/posts/${post.number}#votes$`));
    expect(await page.getByText("로그인했습니다. 추천했습니다.").isVisible()).toBe(true);
    expect((await h.t.db.post.findUniqueOrThrow({ where: { id: post.id } })).upCount).toBe(1);
    await page.context().close();
  });
});

describe("the post page agrees with itself", () => {
  it("moves the list row's 추천 and [댓글] with an in-place vote and comment", async () => {
    const author = await createUser(h.t.db, { nickname: "목록확인" });
    const post = await createPost(h.t, { authorId: author.id, title: "목록과 같은 숫자" });
    const page = await h.page();
    await signUpInBrowser(page);
    await page.goto(`/boards/005930/posts/${post.number}`);
    const row = page.locator("tr.is-current");
    expect(await row.locator('[data-count-of="up"]').textContent()).toBe("0");
    await page.locator(".votes").getByRole("button", { name: /추천/ }).click();
    await expect.poll(() => row.locator('[data-count-of="up"]').textContent()).toBe("1");
    await page.getByLabel("댓글 내용").fill("목록도 바뀌나요");
    await page.locator(".comment-form").getByRole("button", { name: "등록" }).click();
    await expect.poll(() => row.locator(".comment-count").textContent()).toBe("[1]");
    expect(page.url()).toMatch(new RegExp(`/posts/${post.number}$`)); // no reload
    await page.context().close();
  });
});

describe("the header and the lists", () => {
  it("keeps the phone header on one line with a 12-character nickname, and Esc closes the menu", async () => {
    const page = await h.page({ viewport: PHONE });
    await signUpInBrowser(page, "가나다라마바사아자차카타");
    await page.goto("/boards/005930");
    expect(await top(page, ".site-nav__alerts")).toBe(await top(page, ".user-menu summary"));
    // The logo, 알림 and the menu on one line (the 종목 search has a row of its own under it).
    expect(Math.abs((await top(page, ".site-logo")) - (await top(page, ".site-nav__alerts")))).toBeLessThan(12);
    await page.locator(".user-menu summary").click();
    expect(await page.locator(".user-menu__list").isVisible()).toBe(true);
    await page.keyboard.press("Escape");
    expect(await page.locator(".user-menu__list").isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("SUMMARY");
    await page.context().close();
  });

  it("cuts a long nickname in the desktop list with an ellipsis", async () => {
    const author = await createUser(h.t.db, { nickname: "하나둘셋넷다섯여섯일곱" });
    await createPost(h.t, { authorId: author.id, title: "긴 닉네임의 글" });
    const page = await h.page({ viewport: DESKTOP });
    await page.goto("/boards/005930");
    const link = page.locator("td.author a", { hasText: "하나둘셋넷" }).first();
    const style = await link.evaluate((el) => ({ overflow: getComputedStyle(el).textOverflow, cut: el.scrollWidth > el.clientWidth }));
    expect(style).toEqual({ overflow: "ellipsis", cut: true });
    await page.context().close();
  });

  it("reads the dark-mode 알림 badge at 4.5:1 or more", async () => {
    const page = await h.page({ colorScheme: "dark" });
    const member = await signUpInBrowser(page);
    const other = await createUser(h.t.db, { nickname: "알림보낼이" });
    const me = await h.t.db.user.findUniqueOrThrow({ where: { loginId: member.loginId } });
    const post = await createPost(h.t, { authorId: me.id });
    await h.t.db.notification.create({ data: { userId: me.id, kind: "comment", actorId: other.id, boardId: post.boardId, postId: post.id, createdAt: new Date(), updatedAt: new Date() } });
    await page.goto("/");
    const colors = await page.locator("[data-unread-count]").evaluate((el) => ({ fg: getComputedStyle(el).color, bg: getComputedStyle(el).backgroundColor }));
    expect(contrast(colors.fg, colors.bg)).toBeGreaterThanOrEqual(4.5);
    await page.context().close();
  });

  it("starts no phone 최신 글 row with a stray separator, and shades the current post's whole row", async () => {
    const page = await h.page({ viewport: PHONE });
    await page.goto("/");
    const second = await page.locator(".board-index--recent tbody tr").first().locator("td.date").evaluate((el) => getComputedStyle(el, "::before").content);
    expect(second === "none" || second === "normal").toBe(true);
    await page.goto("/boards/005930/posts/1");
    const shade = await page.locator("tr.is-current").evaluate((tr) => ({ row: getComputedStyle(tr).backgroundColor, cell: getComputedStyle(tr.querySelector("td")!).backgroundColor }));
    expect(shade.row).not.toBe("rgba(0, 0, 0, 0)");
    expect(shade.cell).toBe("rgba(0, 0, 0, 0)");
    await page.context().close();
  });
});

describe("sign-in and sign-up forms", () => {
  it("put the caret in the first field on a desktop, and pop no keyboard on a phone", async () => {
    const phone = await h.page({ viewport: PHONE, hasTouch: true, isMobile: true });
    await phone.goto("/signup");
    expect(await phone.evaluate(() => document.activeElement?.tagName)).toBe("BODY");
    await phone.context().close();
    const desktop = await h.page({ viewport: DESKTOP });
    await desktop.goto("/signup");
    await expect.poll(() => desktop.evaluate(() => document.activeElement?.id)).toBe("signup-login-id");
    await desktop.context().close();
  });

  it("says why a signed-out 자세히보기 goes to sign-in", async () => {
    const page = await h.page();
    await page.goto("/boards/005930/posts/1");
    await page.getByRole("link", { name: /자세히보기/ }).click();
    await page.waitForURL(/\/login/);
    expect(await page.getByText("계정 보안에서는 내 계정의 최근 로그인 기록을 확인하고 비밀번호를 바꿀 수 있습니다.").isVisible()).toBe(true);
    await page.context().close();
  });
});

// Signing in again keeps an in-place comment typed while the session ended.
describe("a session that ends while typing a comment", () => {
  it("brings the comment back after signing in", async () => {
    const page = await h.page();
    const member = await signUpInBrowser(page);
    await page.goto("/boards/005930/posts/1");
    await page.getByLabel("댓글 내용").fill("세션이 끝나도 남는 댓글");
    await page.context().clearCookies({ name: "jongto.sid" });
    await page.locator(".comment-form").getByRole("button", { name: "등록" }).click();
    await page.waitForURL(/\/comments$/);
    expect(await page.getByText("로그인이 끝나 등록하지 못했습니다.").isVisible()).toBe(true);
    await submitSignIn(page, member.loginId, member.password);
    await page.waitForURL(/\/boards\/005930\/posts\/1$/);
    expect(await page.getByLabel("댓글 내용").inputValue()).toBe("세션이 끝나도 남는 댓글");
    await page.context().close();
  });
});

