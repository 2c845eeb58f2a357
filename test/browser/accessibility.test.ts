import fs from "node:fs";
import { createRequire } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { DESKTOP, PHONE, screenshot, signUpInBrowser, useHarness, writePostInBrowser } from "./harness.ts";
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
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const PAGES = [
  ["/", "index"],
  ["/boards/005930", "list"],
  ["/boards/005930/posts/1", "post"],
  ["/boards/005930/jury", "jury"],
  ["/login", "login"],
  ["/signup", "signup"],
  ["/boards/005930/write", "write"],
  ["/account/security", "account"],
  ["/notifications", "notifications"],
  ["/users/1", "profile"],
  ["/moderation", "moderation-log"],
  ["/boards/005930/posts/1/report", "report"],
  ["/boards", "directory"],
  ["/boards?q=ㅅㅅ", "board-search"],
  ["/boards/005930?sort=popular", "list-popular"],
  ["/boards/005930?field=title&q=삼성", "list-search"],
  ["/account/find-id", "find-id"],
  ["/account/forgot-password", "forgot-password"],
  ["/terms", "terms"],
  ["/privacy", "privacy"],
  ["/account/withdraw", "withdraw"],
] as const;

async function runAxe(page: Page, path: string, name: string, colorScheme: string, problems: string[]) {
  await page.goto(path);
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run({ resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  for (const v of violations) {
    if (v.impact === "serious" || v.impact === "critical") problems.push(`${path}: ${v.id} (${v.impact}) ${v.targets.join(", ")}`);
  }
  await screenshot(page, `${name}-desktop-${colorScheme}`);
}

describe("axe-core", () => {
  for (const colorScheme of ["light", "dark"] as const) {
    it(`finds no serious or critical violations (${colorScheme})`, async () => {
      // axe is injected with evaluate, which the page's CSP (no inline script) would refuse.
      const anonymous = await h.page({ colorScheme, bypassCSP: true });
      const page = await h.page({ colorScheme, bypassCSP: true });
      await signUpInBrowser(page);
      const problems: string[] = [];
      for (const [path, name] of PAGES) {
        // The sign-in and sign-up pages are for visitors; a signed-in user is sent on from them.
        const target = path === "/login" || path === "/signup" ? anonymous : page;
        await runAxe(target, path, name, colorScheme, problems);
      }
      // A member's own post (수정, 삭제, comment actions), the page that asks before deleting
      // it, and the 404 page.
      const own = await writePostInBrowser(page, "접근성 점검 글", "본문");
      await page.getByLabel("댓글 내용").fill("내 댓글");
      await page.getByRole("button", { name: "등록" }).click();
      await page.locator(".comment").first().waitFor();
      for (const [path, name] of [[own, "post-own"], [`${own}/delete`, "confirm-delete"], ["/no-such-page", "not-found"]] as const) {
        await runAxe(page, path, name, colorScheme, problems);
      }
      expect(problems.join("\n")).toBe("");
    });
  }


  it("has a working skip link and visible focus", async () => {
    const page = await h.page({ viewport: DESKTOP });
    await page.goto("/boards/005930/posts/1");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "본문 바로가기" });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    const box = await skip.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    const outline = await skip.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe("none");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
  });

  it("reads like the seed page at 1280 and 390 px", async () => {
    for (const [viewport, name] of [[DESKTOP, "seed-post-desktop"], [PHONE, "seed-post-phone"]] as const) {
      const page = await h.page({ viewport });
      await page.goto("/boards/005930/posts/1");
      const order = await page.evaluate(() =>
        ["종목정보", "게시글 제목", "작성자 정보", "게시글 정보", "게시글 내용", "게시글 찬성/반대", "운영배심원의견", "댓글목록", "댓글 작성하기"].map((label) => {
          const el = [...document.querySelectorAll("h1,h2,span,section,p")].find((e) => e.textContent?.trim().startsWith(label) || e.getAttribute("aria-label") === label);
          return el ? el.getBoundingClientRect().top + window.scrollY : -1;
        }),
      );
      expect(order.every((y) => y >= 0), JSON.stringify(order)).toBe(true);
      const sorted = [...order].sort((a, b) => a - b);
      expect(order).toEqual(sorted);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(page, name);
    }
  });
});
