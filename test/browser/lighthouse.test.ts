// Lighthouse (pinned 12.x) on the list and post pages, in Debian's Chromium: accessibility,
// best practices and SEO must each score 100, on a phone and on a desktop. Lighthouse drives
// its own Chromium over the DevTools protocol (chrome-launcher), beside the harness's server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { CHROMIUM, useHarness } from "./harness.ts";

const h = useHarness();
let chrome: chromeLauncher.LaunchedChrome | undefined;

beforeAll(async () => {
  chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});
afterAll(async () => {
  await chrome?.kill();
});

const CATEGORIES = ["accessibility", "best-practices", "seo"] as const;

async function audit(path: string, formFactor: "mobile" | "desktop") {
  const result = await lighthouse(`${h.baseURL}${path}`, {
    port: chrome!.port,
    output: "json",
    logLevel: "error",
    onlyCategories: [...CATEGORIES],
    formFactor,
    screenEmulation: formFactor === "desktop" ? { mobile: false, width: 1280, height: 800, deviceScaleFactor: 1, disabled: false } : undefined,
    // The page is local: no network throttling to simulate for these categories.
    throttlingMethod: "provided",
  });
  const lhr = result!.lhr;
  const problems: string[] = [];
  for (const id of CATEGORIES) {
    const category = lhr.categories[id]!;
    if (category.score === 1) continue;
    const failing = category.auditRefs
      .map((ref) => lhr.audits[ref.id]!)
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "manual")
      .map((a) => `${a.id}: ${a.title}`);
    problems.push(`${path} (${formFactor}) ${id} ${Math.round((category.score ?? 0) * 100)}: ${failing.join("; ")}`);
  }
  return problems;
}

describe("Lighthouse", () => {
  it("scores 100 in accessibility, best practices and SEO on the list and post pages", async () => {
    const problems: string[] = [];
    for (const path of ["/boards/005930", "/boards/005930/posts/1"]) {
      for (const formFactor of ["mobile", "desktop"] as const) problems.push(...(await audit(path, formFactor)));
    }
    expect(problems.join("\n")).toBe("");
  }, 240_000);
});
