// Accounts a person can keep, in Chromium (issue 33): sign up with an email and open the
// mailed link, forget the password and set a new one from the mail, turn on 2단계 인증 and
// sign in with a code, change the nickname, and withdraw — every mail through a real SMTP
// server, every code from the app's clock (the test clock), as a phone's authenticator would.
import * as OTPAuth from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkIn, startMailServer } from "../mail-server.ts";
import { PHONE, screenshot, submitSignIn, useHarness } from "./harness.ts";

let mail: Awaited<ReturnType<typeof startMailServer>>;
beforeAll(async () => {
  mail = await startMailServer();
});
afterAll(() => mail.close());
const h = useHarness({ env: () => mail.env });

const codeNow = (secret: string) => new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret.replace(/\s/g, "")) }).generate({ timestamp: h.t.clock().getTime() });
async function lastMail(to: string, subject: string) {
  await h.t.app.locals.mailer.flush();
  await expect.poll(() => mail.mailsTo(to).filter((m) => m.subject === subject).length).toBeGreaterThan(0);
  return mail.mailsTo(to).filter((m) => m.subject === subject).at(-1);
}

describe("a member keeps their account", () => {
  it("signs up with an email, resets a forgotten password, signs in with a code, renames, withdraws", async () => {
    const page = await h.page({ viewport: PHONE });
    const email = `journey${process.pid}@example.com`;
    const loginId = `journey${process.pid % 1000}`;

    // Sign up with an email and the required consent.
    await page.goto("/signup");
    await page.getByLabel("아이디").fill(loginId);
    await page.getByLabel("닉네임").fill("여정회원");
    await page.getByLabel("비밀번호", { exact: true }).fill("journey pass 1");
    await page.getByLabel("비밀번호 확인").fill("journey pass 1");
    await page.getByLabel("이메일 (선택)").fill(email);
    await page.getByRole("button", { name: "가입하기" }).click();
    await expect.poll(() => page.locator("#signup-agree-error").textContent()).toContain("동의해야 가입할 수 있습니다");
    await page.getByRole("checkbox", { name: /이용약관과 개인정보 처리방침에 동의합니다/ }).check();
    await page.getByLabel("비밀번호", { exact: true }).fill("journey pass 1");
    await page.getByLabel("비밀번호 확인").fill("journey pass 1");
    await page.getByRole("button", { name: "가입하기" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/signup"));
    await page.goto(linkIn(await lastMail(email, "[jongto] 이메일 주소를 확인해 주세요"), "/account/email/verify/"));
    await expect.poll(() => page.locator("h1").textContent()).toBe("이메일을 확인했습니다");

    // Forget the password: from the sign-in page, by email, to a new password.
    const visitor = await h.page({ viewport: PHONE });
    await visitor.goto("/login");
    await visitor.getByRole("link", { name: "비밀번호 재설정" }).click();
    await visitor.getByLabel("이메일").fill(email);
    await visitor.getByRole("button", { name: "재설정 메일 받기" }).click();
    await expect.poll(() => visitor.locator("#recover-sent").isVisible()).toBe(true);
    await visitor.goto(linkIn(await lastMail(email, "[jongto] 비밀번호 재설정 링크"), "/account/reset-password/"));
    await visitor.getByLabel("새 비밀번호", { exact: true }).fill("journey pass 2");
    await visitor.getByLabel("새 비밀번호 확인").fill("journey pass 2");
    await visitor.getByRole("button", { name: "비밀번호 정하기" }).click();
    await visitor.waitForURL(/\/login/);
    await expect.poll(() => visitor.locator(".flash").first().textContent()).toContain("비밀번호를 새로 정했습니다");
    await lastMail(email, "[jongto] 비밀번호가 바뀌었습니다");
    await submitSignIn(visitor, loginId, "journey pass 2");
    await visitor.waitForURL((url) => !url.pathname.startsWith("/login"));

    // Turn on 2단계 인증 with the app's first code; keep the recovery codes.
    await visitor.goto("/account/security");
    await visitor.getByRole("button", { name: "2단계 인증 켜기" }).click();
    const secret = (await visitor.locator("#two-step-secret").textContent())!;
    await expect.poll(() => visitor.locator(".qr svg").count()).toBe(1);
    await visitor.getByLabel("인증 코드").fill(codeNow(secret));
    await visitor.getByRole("button", { name: "2단계 인증 켜기" }).click();
    await expect.poll(() => visitor.locator("#recovery-codes li").count()).toBe(10);
    await screenshot(visitor, "two-step-recovery-codes-phone");
    await visitor.getByRole("link", { name: "적어 두었습니다" }).click();
    await expect.poll(() => visitor.locator("#two-step-state").textContent()).toBe("켜짐");
    h.t.time.advance(30_000);

    // Sign in elsewhere: the password, then the code.
    const laptop = await h.page();
    await laptop.goto("/login");
    await submitSignIn(laptop, loginId, "journey pass 2");
    await expect.poll(() => laptop.locator("h1").textContent()).toBe("2단계 인증");
    await laptop.getByLabel("인증 코드").fill("000000");
    await laptop.getByRole("button", { name: "확인" }).click();
    await expect.poll(() => laptop.locator("#code-error").textContent()).toContain("인증 코드가 맞지 않습니다");
    await laptop.getByLabel("인증 코드").fill(codeNow(secret));
    await laptop.getByRole("button", { name: "확인" }).click();
    await laptop.waitForURL((url) => !url.pathname.startsWith("/login"));
    await expect.poll(() => laptop.locator(".flash").first().textContent()).toContain("로그인했습니다");

    // A new nickname, shown with the old one on the profile.
    await laptop.goto("/account/security");
    await laptop.getByLabel("새 닉네임").fill("새여정회원");
    await laptop.getByRole("button", { name: "닉네임 바꾸기" }).click();
    await expect.poll(() => laptop.locator(".flash").first().textContent()).toContain("'새여정회원'");
    const id = (await h.t.db.user.findUniqueOrThrow({ where: { loginId } })).id;
    await laptop.goto(`/users/${id}`);
    await expect.poll(() => laptop.locator("#previous-nickname").textContent()).toContain("여정회원");

    // Withdraw, with the password and a code.
    h.t.time.advance(30_000);
    await laptop.goto("/account/withdraw");
    await laptop.getByLabel("비밀번호", { exact: true }).fill("journey pass 2");
    await laptop.getByLabel("2단계 인증 코드").fill(codeNow(secret));
    await laptop.getByRole("checkbox", { name: /되돌릴 수 없다는 것을 압니다/ }).check();
    await laptop.getByRole("button", { name: "탈퇴하기" }).click();
    await laptop.waitForURL((url) => url.pathname === "/");
    await expect.poll(() => laptop.locator(".flash").first().textContent()).toContain("회원탈퇴가 끝났습니다");
    const row = await h.t.db.user.findUniqueOrThrow({ where: { id } });
    expect([row.withdrawnAt !== null, row.email, row.loginId]).toEqual([true, null, `#${id}`]);
    // The other device's session ended with the account.
    await visitor.goto("/account/security");
    await visitor.waitForURL(/\/login/);
  });
});
