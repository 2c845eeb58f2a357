// The pure rules of accounts a person can keep: mailed links, 2단계 codes, nickname changes,
// the policy version (docs/product.md §5).
import * as OTPAuth from "otpauth";
import { describe, expect, it } from "vitest";
import { maskEmail, normalizeEmail, passwordChangedMail, resetPasswordMail, tokenLifetimeMs, verifyEmailMail } from "../../src/modules/accounts/account-mail.rules.ts";
import { emailField, optionalEmailField } from "../../src/modules/accounts/accounts.fields.ts";
import { holdUntil, nextNicknameChange } from "../../src/modules/accounts/nickname.rules.ts";
import { needsPolicyNotice, POLICY_VERSION } from "../../src/modules/accounts/policy.rules.ts";
import { codeWaitMessage, readCode, recoveryCodeFrom, waitAfterCodeFailures } from "../../src/modules/accounts/two-step.rules.ts";
import { isWithdrawnNickname, shownName, withdrawnNickname } from "../../src/lib/withdrawn.ts";

describe("mailed links", () => {
  it("last a day for verification and an hour for a reset", () => {
    expect(tokenLifetimeMs("verify-email")).toBe(24 * 3_600_000);
    expect(tokenLifetimeMs("reset-password")).toBe(3_600_000);
  });
  it("spell an address one way and mask it for the page", () => {
    expect(normalizeEmail("Kim.Lee@Example.COM")).toBe("Kim.Lee@example.com");
    expect(maskEmail("kimlee@example.com")).toBe("ki****@example.com");
    expect(maskEmail("k@example.com")).toBe("k*@example.com");
  });
  it("say what each mail is for and carry its link", () => {
    expect(verifyEmailMail("세자", "http://x/v").text).toContain("http://x/v");
    expect(resetPasswordMail("seja", "http://x/r").text).toContain("아이디 seja");
    expect(passwordChangedMail("seja", new Date("2026-12-03T01:00:00Z")).text).toContain("2026");
  });
  it("accept a valid address and refuse the rest with a reason", () => {
    expect(emailField.parse(" a.b+c@Example.com ")).toBe("a.b+c@example.com");
    for (const bad of ["", "no-at", "a@b", "a b@example.com", "a@exa mple.com", `${"a".repeat(250)}@example.com`, "a@example.com\r\nBcc: x@y.z"]) {
      expect(emailField.safeParse(bad).success, bad).toBe(false);
    }
    expect(optionalEmailField.parse("")).toBeUndefined();
    expect(optionalEmailField.parse(undefined)).toBeUndefined();
  });
});

describe("2단계 codes", () => {
  it("read six digits as a TOTP code and 16 base32 characters as a recovery code", () => {
    expect(readCode(" 123 456 ")).toEqual({ kind: "totp", code: "123456" });
    expect(readCode("abcd-efgh-jkmn-pqrs")).toEqual({ kind: "recovery", code: "ABCDEFGHJKMNPQRS" });
    expect(readCode("0O1I-0000-0000-0000")).toEqual({ kind: "recovery", code: "0011000000000000" });
    for (const bad of ["", "12345", "1234567", "uuuu-uuuu-uuuu-uuuu", "x".repeat(64)]) expect(readCode(bad).kind, bad).toBe("malformed");
  });
  it("make recovery codes of 80 bits in four groups", () => {
    const code = recoveryCodeFrom(new Uint8Array(10).fill(255));
    expect(code).toBe("ZZZZ-ZZZZ-ZZZZ-ZZZZ");
    expect(readCode(recoveryCodeFrom(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))).kind).toBe("recovery");
  });
  it("wait after five wrong codes, doubling up to 15 minutes", () => {
    expect([0, 4, 5, 6, 7, 20].map(waitAfterCodeFailures)).toEqual([0, 0, 30, 60, 120, 900]);
    expect(codeWaitMessage(90)).toContain("2분");
  });
  it("agree with RFC 6238's test vector (SHA-1, 59 s → 94287082 in 8 digits)", () => {
    const secret = OTPAuth.Secret.fromLatin1("12345678901234567890");
    expect(new OTPAuth.TOTP({ secret, digits: 8 }).generate({ timestamp: 59_000 })).toBe("94287082");
  });
});

describe("nicknames", () => {
  it("change once in 30 days and are held 30 days", () => {
    const now = new Date("2026-12-03T00:00:00Z");
    expect(nextNicknameChange(null, now)).toBeNull();
    expect(nextNicknameChange(new Date("2026-11-20T00:00:00Z"), now)?.toISOString()).toBe("2026-12-20T00:00:00.000Z");
    expect(nextNicknameChange(new Date("2026-11-01T00:00:00Z"), now)).toBeNull();
    expect(holdUntil(now).toISOString()).toBe("2027-01-02T00:00:00.000Z");
  });
  it("show a withdrawn member as 탈퇴한 회원", () => {
    expect(isWithdrawnNickname(withdrawnNickname(7))).toBe(true);
    expect(shownName(withdrawnNickname(7))).toBe("탈퇴한 회원");
    expect(shownName("세자")).toBe("세자");
  });
});

describe("the policy version", () => {
  it("tells whoever agreed to another version", () => {
    expect(needsPolicyNotice(POLICY_VERSION)).toBe(false);
    expect(needsPolicyNotice("2020-01-01")).toBe(true);
    expect(needsPolicyNotice(null)).toBe(true);
  });
});
