// A new user finding a board: typing initials on the home page, choosing with the keyboard,
// the board's 인기 tab, and the price header after quotes:import. With and without JavaScript.
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeText, readTable } from "../../src/lib/tabular.ts";
import { readListing } from "../../src/modules/boards/listing.rules.ts";
import { importListing } from "../../src/modules/boards/listing.service.ts";
import { readQuotes } from "../../src/modules/quotes/quotes.rules.ts";
import { importQuotes } from "../../src/modules/quotes/quotes.service.ts";
import { createPost, createUser } from "../factories.ts";
import { PHONE, screenshot, useHarness } from "./harness.ts";

const h = useHarness();
const table = (file: string) => readTable(decodeText(fs.readFileSync(file)).text);

beforeAll(async () => {
  await importListing(h.t, readListing(table("test/fixtures/listing-krx.xls")), { delist: false });
  await importQuotes(h.t, readQuotes(table("test/fixtures/quotes-daily.csv")).quotes);
  const author = await createUser(h.t.db, { nickname: "인기작성자" });
  const quiet = await createPost(h.t, { authorId: author.id, title: "조용한 글" });
  const liked = await createPost(h.t, { authorId: author.id, title: "추천 받은 글" });
  await h.t.db.post.update({ where: { id: liked.id }, data: { upCount: 5 } });
  await h.t.db.post.update({ where: { id: quiet.id }, data: { viewCount: 3 } });
});

describe("the 종목 search box", () => {
  it("suggests 삼성전자 first for ㅅㅅ, moves with the arrow keys, and opens the board with Enter", async () => {
    const page = await h.page();
    await page.goto("/");
    const box = page.getByRole("combobox", { name: "종목 검색" });
    await box.pressSequentially("ㅅㅅ");
    const options = page.getByRole("listbox", { name: "추천 종목" }).getByRole("option");
    await expect.poll(() => options.count()).toBeGreaterThan(1);
    expect(await options.first().innerText()).toContain("삼성전자");
    expect(await box.getAttribute("aria-expanded")).toBe("true");
    expect(await box.getAttribute("aria-activedescendant")).toBeNull(); // nothing chosen until ↓
    await box.press("ArrowDown"); // the first ↓ chooses the first suggestion
    expect(await box.getAttribute("aria-activedescendant")).toBe(await options.first().getAttribute("id"));
    expect(await options.first().getAttribute("aria-selected")).toBe("true");
    await screenshot(page, "stock-search-suggestions");
    await box.press("ArrowDown");
    expect(await box.getAttribute("aria-activedescendant")).toBe(await options.nth(1).getAttribute("id"));
    await box.press("ArrowUp");
    await box.press("Escape");
    expect(await box.getAttribute("aria-expanded")).toBe("false");
    await box.press("ArrowDown"); // opens the list again, the first one chosen
    await expect.poll(() => box.getAttribute("aria-expanded")).toBe("true");
    await box.press("Enter");
    await page.waitForURL(/\/boards\/005930$/);
    expect(await page.locator("h1").innerText()).toBe("삼성전자 종목토론");
    await page.context().close();
  });

  it("finds a board by a code prefix and by a mixed query, and opens one by a click", async () => {
    const page = await h.page();
    await page.goto("/boards");
    const box = page.getByRole("combobox", { name: "종목 검색" });
    await box.fill("0865");
    await expect.poll(() => page.getByRole("option").first().innerText()).toContain("에코프로 086520");
    await box.fill("에코ㅍ");
    await expect.poll(() => page.getByRole("option").allInnerTexts()).toEqual([expect.stringContaining("에코프로"), expect.stringContaining("에코프로비엠")]);
    await page.getByRole("option").nth(1).click();
    await page.waitForURL(/\/boards\/247540$/);
    await page.context().close();
  });

  it("works without JavaScript: Enter lists the matches, and an exact code goes to the board", async () => {
    const page = await h.page({ javaScriptEnabled: false });
    await page.goto("/");
    await page.getByRole("combobox", { name: "종목 검색" }).fill("ㅅㅅ");
    await page.getByRole("combobox", { name: "종목 검색" }).press("Enter");
    await page.waitForURL(/\/boards\?q=/);
    expect(await page.getByRole("status").innerText()).toMatch(/‘ㅅㅅ’ 종목 검색 결과 \d+개/);
    await page.getByRole("link", { name: "삼성전자" }).first().click();
    await page.waitForURL(/\/boards\/005930$/);
    await page.goto("/");
    await page.getByRole("combobox", { name: "종목 검색" }).fill("035720");
    await page.getByRole("button", { name: "찾기" }).click();
    await page.waitForURL(/\/boards\/035720$/);
    await page.context().close();
  });
});

describe("the header's 종목 search", () => {
  it("jumps from a post page to SK하이닉스 on a phone", async () => {
    const page = await h.page({ viewport: PHONE });
    await page.goto("/boards/005930/posts/1");
    const box = page.locator("header").getByRole("combobox", { name: "종목 검색" });
    expect(await box.isVisible()).toBe(true);
    await box.pressSequentially("하이닉스");
    const options = page.locator("header").getByRole("option");
    await expect.poll(() => options.first().innerText()).toContain("SK하이닉스");
    await box.press("ArrowDown");
    await box.press("Enter");
    await page.waitForURL(/\/boards\/000660$/);
    expect(page.url()).toMatch(/\/boards\/000660$/);
    await page.context().close();
  });
});

describe("a board", () => {
  it("lists today's posts by score on its 인기 tab and shows the last close, the change and the chart", async () => {
    const page = await h.page();
    await page.goto("/boards/005930");
    await page.getByRole("navigation", { name: "정렬" }).getByRole("link", { name: "인기" }).click();
    await page.waitForURL(/sort=popular/);
    const titles = await page.locator("a.post-link").allInnerTexts();
    expect(titles.indexOf("추천 받은 글")).toBeLessThan(titles.indexOf("조용한 글"));
    const header = page.locator(".stock-header");
    expect(await header.locator(".quote__close").innerText()).toBe("75,400");
    expect(await header.locator(".quote__change").innerText()).toContain("1,400 (+1.89%)");
    const chart = page.getByRole("img", { name: "최근 3개월 종가 추이" });
    expect(await chart.isVisible()).toBe(true);
    // 상승 in red: the price's colour is the theme's --up.
    const colour = await header.locator(".quote__price").evaluate((el) => getComputedStyle(el).color);
    expect(colour).toBe("rgb(198, 40, 40)");
    await screenshot(page, "board-popular-with-prices");
    await page.context().close();
  });
});
