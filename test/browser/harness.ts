// A real server on a fresh SQLite file and Debian's Chromium driven by playwright-core.
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";
import { setUpTestApp, type TestContext } from "../helpers.ts";
import { toolSettings } from "../../src/config/env.ts";

export const CHROMIUM = toolSettings().chromiumPath ?? "/usr/bin/chromium";
export const SCREENSHOTS = path.resolve("screenshots");
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

export interface Harness {
  t: TestContext;
  baseURL: string;
  browser: Browser;
  /** A new browser profile (its own cookies), optionally without JavaScript. */
  page(options?: BrowserContextOptions): Promise<Page>;
}

/** `env`: settings for the app, read when it starts (after earlier beforeAll hooks ran). */
export function useHarness(options: { env?: () => Record<string, string> } = {}): Harness {
  const h = {} as Harness;
  let server: ReturnType<TestContext["app"]["listen"]> | undefined;
  // Registered here, at collection: an afterAll registered inside beforeAll never runs.
  afterAll(async () => {
    await h.browser?.close();
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
  });
  beforeAll(async () => {
    h.t = await setUpTestApp({ env: { PAGE_CACHE: "on", ...options.env?.() } }); // as readers meet the board
    server = h.t.app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server!.once("listening", resolve));
    h.baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    h.browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    h.page = async (options = {}) => {
      const context = await h.browser.newContext({ baseURL: h.baseURL, viewport: DESKTOP, locale: "ko-KR", ...options });
      const page = await context.newPage();
      page.on("pageerror", (error) => {
        throw new Error(`script error on ${page.url()}: ${error.message}`);
      });
      return page;
    };
  });
  return h;
}

let seq = 0;
/** Signs up through the real form, by its labels. */
export async function signUpInBrowser(page: Page, nickname?: string) {
  seq++;
  const loginId = `brow${process.pid % 1000}_${seq}`;
  const user = { loginId, nickname: nickname ?? `브라우저${seq}`, password: "browser pass 1234" };
  await page.goto("/signup");
  await page.getByLabel("아이디").fill(user.loginId);
  await page.getByLabel("닉네임").fill(user.nickname);
  await page.getByLabel("비밀번호", { exact: true }).fill(user.password);
  await page.getByLabel("비밀번호 확인").fill(user.password);
  await page.getByRole("checkbox", { name: /이용약관과 개인정보 처리방침에 동의합니다/ }).check();
  await page.getByRole("button", { name: "가입하기" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signup"));
  return user;
}

/** Fills in and sends the sign-in form already on the page (the sign-in page, or one a form was answered with). */
export async function submitSignIn(page: Page, loginId: string, password: string) {
  await page.getByLabel("아이디").fill(loginId);
  await page.getByLabel("비밀번호", { exact: true }).fill(password);
  await page.getByRole("button", { name: "로그인" }).click();
}

export async function signInInBrowser(page: Page, loginId: string, password: string) {
  await page.goto("/login");
  await submitSignIn(page, loginId, password);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Writes a post on 005930 through the form; returns its page's path. */
export async function writePostInBrowser(page: Page, title: string, body: string): Promise<string> {
  await page.goto("/boards/005930/write");
  await page.getByLabel("제목").fill(title);
  await page.getByLabel("내용").fill(body);
  await page.getByRole("button", { name: "등록" }).click();
  await page.waitForURL(/\/posts\/\d+$/);
  return new URL(page.url()).pathname;
}
