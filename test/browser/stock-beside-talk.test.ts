// The stock beside the talk in a real Chromium, at desktop and phone sizes: a 투자경고 board's
// badge and banner, today's 공시, a post written with 본인 표시 through the form, its price then
// and now, and the board's 7-day chart — each fitting the screen, and axe-clean.
import fs from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { jsonItemsOf } from "../../src/cli/json-file.ts";
import { csvRows } from "../../src/cli/table-stream.ts";
import { decodeText, readTable } from "../../src/lib/tabular.ts";
import { importAlerts } from "../../src/modules/boards/alerts.service.ts";
import { importDisclosures } from "../../src/modules/disclosures/disclosures.service.ts";
import { readQuotes } from "../../src/modules/quotes/quotes.rules.ts";
import { importQuotes } from "../../src/modules/quotes/quotes.service.ts";
import { DESKTOP, PHONE, screenshot, signUpInBrowser, useHarness } from "./harness.ts";

const h = useHarness();
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const quotes = readQuotes(readTable(decodeText(fs.readFileSync("test/fixtures/quotes-daily.csv")).text)).quotes;

beforeAll(async () => {
  h.t.time.set("2026-11-26T03:00:00Z"); // noon in Seoul: 카카오 is under 투자경고 and filed twice today
  await importQuotes(h.t, quotes.filter((q) => q.day <= "2026-11-25"));
  await importDisclosures(h.t, () => jsonItemsOf("test/fixtures/dart-list.json"));
  await importAlerts(h.t, () => csvRows("test/fixtures/market-alerts.csv", "utf-8"));
});

async function axeProblems(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return (await axe.run({ resultTypes: ["violations"] })).violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${page.url()}: ${v.id} ${v.targets.join(", ")}`);
}

/** Nothing wider than the screen: no sideways scrolling on a phone. */
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe("the stock beside the talk", () => {
  it("writes a post with 본인 표시 and shows the badges, the banner, today's 공시 and the chart at both sizes, axe-clean", async () => {
    const page = await h.page({ bypassCSP: true });
    await signUpInBrowser(page);
    await page.goto("/boards/035720/write");
    const stated = page.getByRole("group", { name: /본인 표시/ });
    await stated.getByLabel("보유", { exact: true }).check();
    await stated.getByLabel("매수").check();
    await page.getByLabel("제목").fill("실적 보고 샀습니다");
    await page.getByLabel("내용").fill("공시 확인하고 들어갔습니다.");
    await page.getByRole("button", { name: "등록" }).click();
    await page.waitForURL(/\/boards\/035720\/posts\/\d+$/);
    const postPath = new URL(page.url()).pathname;
    expect(await page.locator(".self-stated").innerText()).toMatch(/본인 표시[\s\S]*:\s*보유\s*매수/);
    // A later close arrives: the post compares the two.
    await importQuotes(h.t, quotes.filter((q) => q.day <= "2026-11-27"));
    const problems: string[] = [];
    for (const viewport of [DESKTOP, PHONE]) {
      const reader = await h.page({ viewport, bypassCSP: true });
      const size = viewport === PHONE ? "phone" : "desktop";
      await reader.goto("/boards/035720");
      await expect.poll(() => reader.locator(".stock-header .badge--warning").isVisible()).toBe(true);
      const banner = reader.getByRole("note", { name: "투자경고 안내" });
      expect(await banner.innerText()).toContain("투자경고 종목입니다.");
      expect(await reader.locator(".filings-today").innerText()).toContain("오늘 공시 2건");
      const chart = reader.locator(".stance-chart svg");
      expect(await chart.isVisible()).toBe(true);
      expect((await chart.boundingBox())!.width).toBeLessThanOrEqual(viewport.width);
      expect(await reader.locator(".stance-chart table").innerText()).toMatch(/11\.26\s+1\s+0\s+0/);
      expect(await fitsWidth(reader)).toBe(true);
      await screenshot(reader, `stock-beside-talk-board-${size}`);
      problems.push(...(await axeProblems(reader)));

      await reader.goto(postPath);
      expect(await reader.locator(".price-since").innerText()).toMatch(/^작성 시 [\d,]+원 →\s*최근 종가 [\d,]+원 \([+-]?\d+\.\d%\)/);
      expect(await fitsWidth(reader)).toBe(true);
      await screenshot(reader, `stock-beside-talk-post-${size}`);
      problems.push(...(await axeProblems(reader)));

      await reader.goto("/boards/035720/disclosures");
      expect(await reader.locator("table.disclosures").getByRole("link", { name: /조회공시요구\(풍문또는보도\)/ }).getAttribute("href")).toBe("https://dart.fss.or.kr/dsaf001/main.do?rcpNo=20261126801023");
      expect(await fitsWidth(reader)).toBe(true);
      problems.push(...(await axeProblems(reader)));
      await reader.context().close();
    }
    for (const viewport of [DESKTOP, PHONE]) {
      await page.setViewportSize(viewport);
      await page.goto("/boards/035720/write");
      expect(await fitsWidth(page)).toBe(true);
      problems.push(...(await axeProblems(page)));
    }
    await screenshot(page, "stock-beside-talk-write-phone");
    expect(problems.join("\n")).toBe("");
    await page.context().close();
  });
});
