// What a reader of a Korean stock board notices first (issue: looks and works like one on every
// screen): every page at 1280 and 390 px in light and dark, the phone home page, 글쓰기 in
// reach, deleting that asks first, invalid fields that show and take focus, touch targets,
// and focus kept while voting.
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { createComment, createPost, createUser } from "../factories.ts";
import { DESKTOP, PHONE, screenshot, signUpInBrowser, useHarness } from "./harness.ts";
import { decodeText, readTable } from "../../src/lib/tabular.ts";
import { readListing } from "../../src/modules/boards/listing.rules.ts";
import { importListing } from "../../src/modules/boards/listing.service.ts";
import { readQuotes } from "../../src/modules/quotes/quotes.rules.ts";
import { importQuotes } from "../../src/modules/quotes/quotes.service.ts";

const h = useHarness();
// The fixture's boards and prices: the directory, the search and the price header as a
// board with data shows them.
beforeAll(async () => {
  const table = (file: string) => readTable(decodeText(fs.readFileSync(file)).text);
  await importListing(h.t, readListing(table("test/fixtures/listing-krx.xls")), { delist: false });
  await importQuotes(h.t, readQuotes(table("test/fixtures/quotes-daily.csv")).quotes);
});

/** Every page a member or a visitor can reach, by name (signed in unless `anonymous`), and its status. */
const PAGES: [path: string, name: string, anonymous?: boolean, status?: number][] = [
  ["/", "index"],
  ["/boards/005930", "list"],
  ["/boards/005930?page=2", "list-page-2"],
  ["/boards/005930/posts/1", "post"],
  ["/boards/005930/jury", "jury"],
  ["/boards/005930/write", "write"],
  ["/login", "login", true],
  ["/signup", "signup", true],
  ["/account/security", "account"],
  ["/notifications", "notifications"],
  ["/users/1", "profile"],
  ["/moderation", "moderation-log"],
  ["/boards/005930/posts/1/report", "report"],
  ["/boards", "directory"],
  ["/boards?q=ㅅㅅ", "board-search"],
  ["/boards/005930?sort=views", "list-views"],
  ["/boards/005930?field=title&q=삼성", "list-search"],
  ["/boards/005930?page=999", "list-past-the-end"],
  ["/boards/005930/posts/999999", "post-not-found", false, 404],
];

/** Enough posts for a second list page, one of them with a long title and comments. */
async function fillBoard() {
  const author = await createUser(h.t.db, { nickname: "긴제목작성자" });
  for (let i = 0; i < 22; i++) {
    const post = await createPost(h.t, { authorId: author.id, title: i === 21 ? "외국인 순매수 이어지는 가운데 반도체 업황 회복 기대감, 4분기 실적 발표 앞두고 목표주가 상향 잇따라" : `삼성전자 토론 ${i + 1}` });
    if (i === 21) await createComment(h.t.db, post.id, author.id, "좋은 분석입니다");
  }
}

describe("every page at both sizes and both schemes", () => {
  it("takes screenshots into screenshots/ without overflowing sideways", async () => {
    await fillBoard();
    const problems: string[] = [];
    for (const colorScheme of ["light", "dark"] as const) {
      for (const [viewport, size] of [[DESKTOP, "desktop"], [PHONE, "phone"]] as const) {
        const member = await h.page({ colorScheme, viewport });
        // A 12-character nickname, the longest sign-up takes: the header must still fit.
        await signUpInBrowser(member, `가나다라마바사아자차${{ "light-desktop": "카타", "light-phone": "카파", "dark-desktop": "카하", "dark-phone": "타파" }[`${colorScheme}-${size}`]}`);
        const visitor = await h.page({ colorScheme, viewport });
        for (const [path, name, anonymous, status = 200] of PAGES) {
          const page = anonymous ? visitor : member;
          const res = await page.goto(path);
          if (res?.status() !== status) problems.push(`${path}: ${res?.status()}`);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          if (overflow > 0) problems.push(`${path} (${size}): ${overflow} px wider than the screen`);
          await screenshot(page, `${name}-${size}-${colorScheme}`);
        }
        await member.context().close();
        await visitor.context().close();
      }
    }
    expect(problems.join("\n")).toBe("");
  }, 180_000);
});

describe("on a phone", () => {
  it("starts each home-page card of the newest posts with the stock's name, the post under it", async () => {
    const page = await h.page({ viewport: PHONE });
    await page.goto("/");
    const row = page.locator(".board-index tbody tr").first();
    const stock = await row.locator("th").boundingBox();
    const title = await row.locator("td.title").boundingBox();
    const time = await row.locator("td.date").boundingBox();
    expect(stock!.y).toBeLessThan(title!.y);
    expect(title!.y).toBeLessThan(time!.y + 1);
    expect(await row.locator("th a").textContent()).toBe("삼성전자");
  });

  it("shows a list row in two lines, the whole row opening the post", async () => {
    const page = await h.page({ viewport: PHONE });
    await page.goto("/boards/005930");
    const row = page.locator(".board-table tbody tr").first();
    const box = (await row.boundingBox())!;
    expect(box.height).toBeLessThan(70); // two lines and padding, not three
    const href = await row.locator("a.post-link").getAttribute("href");
    await page.mouse.click(box.x + box.width - 8, box.y + box.height - 6); // the counts' line, right edge
    await page.waitForURL((url) => url.pathname === href);
  });
});

describe("글쓰기", () => {
  it("is visible without scrolling on the list page, at both sizes", async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await h.page({ viewport });
      await page.goto("/boards/005930");
      const box = (await page.getByRole("link", { name: "글쓰기" }).first().boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
      if (viewport === PHONE) expect(box.height).toBeGreaterThanOrEqual(44);
      // The list page has no 목록 button linking to itself.
      expect(await page.getByRole("link", { name: "목록", exact: true }).count()).toBe(0);
    }
  });
});

async function writePost(page: Page, title: string) {
  await page.goto("/boards/005930/write");
  await page.getByLabel("제목").fill(title);
  await page.getByLabel("내용").fill("지울 글");
  await page.getByRole("button", { name: "등록" }).click();
  await page.waitForURL(/\/posts\/\d+$/);
  return new URL(page.url()).pathname;
}

describe("deleting", () => {
  it("asks in a dialog with JavaScript: 취소 keeps the post, 삭제 removes it", async () => {
    const page = await h.page();
    await signUpInBrowser(page);
    const path = await writePost(page, "대화상자로 지울 글");
    expect(await page.getByRole("status").first().textContent()).toBe("글을 등록했습니다.");
    await page.getByRole("link", { name: "삭제" }).first().click();
    const dialog = page.getByRole("dialog");
    expect(await dialog.textContent()).toContain("이 글을 삭제할까요?");
    await dialog.getByRole("button", { name: "취소" }).click();
    expect(await dialog.count()).toBe(0);
    expect(page.url()).toContain(path);
    await page.getByRole("link", { name: "삭제" }).first().click();
    await page.getByRole("dialog").getByRole("button", { name: "삭제" }).click();
    await page.waitForURL((url) => url.pathname === "/boards/005930");
    expect(await page.getByRole("status").first().textContent()).toBe("글을 삭제했습니다.");
    expect(await page.locator(`a[href="${path}"]`).count()).toBe(0);
  });

  it("asks on a page of its own without JavaScript, for posts and comments", async () => {
    const page = await h.page({ javaScriptEnabled: false });
    await signUpInBrowser(page);
    const path = await writePost(page, "확인 페이지로 지울 글");
    await page.getByLabel("댓글 내용").fill("지울 댓글");
    await page.getByRole("button", { name: "등록" }).click();
    await page.waitForURL(/#comment-\d+$/);
    await page.locator(".comment").getByRole("link", { name: "삭제" }).click();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("이 댓글을 삭제할까요?");
    await page.getByRole("button", { name: "삭제" }).click();
    await page.waitForURL(/#comment-\d+$/);
    expect(await page.locator(".comment__body").first().textContent()).toBe("삭제된 댓글입니다.");
    await page.locator(".post__owner-actions").getByRole("link", { name: "삭제" }).click();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("이 글을 삭제할까요?");
    await page.getByRole("link", { name: "취소" }).click();
    expect(new URL(page.url()).pathname).toBe(path);
  });
});

/** The contrast ratio of two CSS colours (rgb or rgba, taken as opaque). */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = c.match(/[\d.]+/g)!.slice(0, 3).map((v) => Number(v) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe("forms", () => {
  for (const colorScheme of ["light", "dark"] as const) {
    it(`marks every invalid field at once, with a visible border, and focuses the first (${colorScheme})`, async () => {
      const taken = await h.page();
      const existing = await signUpInBrowser(taken);
      const page = await h.page({ colorScheme, javaScriptEnabled: false });
      await page.goto("/signup");
      await page.getByLabel("아이디").fill("ab"); // too short
      await page.getByLabel("닉네임").fill(existing.nickname); // taken
      await page.getByLabel("비밀번호", { exact: true }).fill("password 1234");
      await page.getByLabel("비밀번호 확인").fill("password 1234");
      await page.getByRole("checkbox", { name: /이용약관과 개인정보 처리방침에 동의합니다/ }).check();
      await page.getByRole("button", { name: "가입하기" }).click();
      await page.waitForLoadState();
      const invalid = await page.locator('[aria-invalid="true"]').evaluateAll((els) => els.map((el) => el.id));
      expect(invalid).toEqual(["signup-login-id", "signup-nickname"]);
      expect(await page.locator("#signup-nickname-error").textContent()).toBe("이미 사용 중인 닉네임입니다.");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("signup-login-id");
      const [border, background] = await page.locator("#signup-nickname").evaluate((el) => [getComputedStyle(el).borderTopColor, getComputedStyle(document.body).backgroundColor]);
      expect(contrast(border!, background!)).toBeGreaterThanOrEqual(3);
      // Plain fields and the focus ring are ≥ 3:1 too (WCAG 1.4.11).
      const plain = await page.locator("#signup-password").evaluate((el) => getComputedStyle(el).borderTopColor);
      expect(contrast(plain, background!)).toBeGreaterThanOrEqual(3);
      await page.locator("#signup-password").focus();
      const ring = await page.locator("#signup-password").evaluate((el) => getComputedStyle(el).outlineColor);
      expect(contrast(ring, background!)).toBeGreaterThanOrEqual(3);
    });
  }

  it("uses 16 px controls on a phone (no zoom on focus)", async () => {
    const page = await h.page({ viewport: PHONE });
    await page.goto("/login");
    expect(await page.getByLabel("아이디").evaluate((el) => getComputedStyle(el).fontSize)).toBe("16px");
  });
});

describe("targets and focus", () => {
  it("has no target under 24 × 24 px on the list and post pages (links inside sentences excepted)", async () => {
    const page = await h.page({ viewport: PHONE });
    await signUpInBrowser(page);
    const small: string[] = [];
    for (const path of ["/boards/005930", "/boards/005930/posts/1"]) {
      await page.goto(path);
      small.push(
        ...(await page.evaluate(() =>
          [...document.querySelectorAll("a, button, input, select, textarea, summary")]
            .filter((el) => !el.closest(".visually-hidden, .skip-link, [hidden]") && el.getClientRects().length > 0)
            .filter((el) => {
              // WCAG 2.5.8's inline exception: a link in a sentence is sized by the line.
              if (el.tagName === "A" && getComputedStyle(el).display === "inline") {
                const block = el.parentElement!;
                if ((block.textContent ?? "").trim().length > (el.textContent ?? "").trim().length + 2) return false;
              }
              const r = el.getBoundingClientRect();
              return r.width < 24 || r.height < 24;
            })
            .map((el) => `${location.pathname} ${el.tagName.toLowerCase()} "${(el.textContent ?? "").trim().slice(0, 20)}" ${Math.round(el.getBoundingClientRect().width)}×${Math.round(el.getBoundingClientRect().height)}`),
        )),
      );
    }
    expect(small.join("\n")).toBe("");
  });

  it("keeps focus on the pressed vote button", async () => {
    const page = await h.page();
    await signUpInBrowser(page);
    await page.goto("/boards/005930/posts/1");
    const up = page.getByRole("button", { name: /추천/ });
    await up.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => up.getAttribute("aria-pressed")).toBe("true");
    expect(await up.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it("asks before leaving a half-written post, and not after sending it", async () => {
    const page = await h.page();
    await signUpInBrowser(page);
    await page.goto("/boards/005930/write");
    await page.getByLabel("제목").fill("반쯤 쓴 글");
    const asked: string[] = [];
    page.on("dialog", async (dialog) => {
      asked.push(dialog.type());
      await dialog.dismiss(); // stay
    });
    await page.getByRole("link", { name: "취소" }).click();
    await expect.poll(() => asked).toEqual(["beforeunload"]);
    expect(new URL(page.url()).pathname).toBe("/boards/005930/write");
    await page.getByLabel("내용").fill("본문까지 썼습니다");
    await page.getByRole("button", { name: "등록" }).click();
    await page.waitForURL(/\/posts\/\d+$/);
    expect(asked).toEqual(["beforeunload"]);
  });

  it("shows and hides the password on request", async () => {
    const page = await h.page();
    await page.goto("/login");
    await page.getByLabel("비밀번호", { exact: true }).fill("secret words");
    await page.getByRole("button", { name: "비밀번호 보기" }).click();
    expect(await page.getByLabel("비밀번호", { exact: true }).getAttribute("type")).toBe("text");
    await page.getByRole("button", { name: "비밀번호 숨기기" }).click();
    expect(await page.getByLabel("비밀번호", { exact: true }).getAttribute("type")).toBe("password");
  });
});
