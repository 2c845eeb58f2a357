// 2단계 인증 (docs/product.md §5): a TOTP code (RFC 6238: 6 digits, 30-second steps, one
// step of clock drift either way) or one of ten recovery codes. Pure: the secret, hashing
// and rows are two-step.service.ts's.
import { doublingWait, waitInWords } from "./sign-in-throttle.rules.ts";

export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DRIFT_STEPS = 1; // a phone a few seconds off still signs in
export const RECOVERY_CODE_COUNT = 10;
export const ISSUER = "jongto";
// Wrong codes in a row before the account waits; a code has 10^6 values, so five guesses and
// then a doubling wait make guessing hopeless, while a person who mistypes waits seconds.
export const FREE_CODE_FAILURES = 5;
const FIRST_CODE_WAIT_SECONDS = 30;
export const MAX_CODE_WAIT_SECONDS = 15 * 60;
// How long the code step of a sign-in may wait after the password was right.
export const CHALLENGE_MINUTES = 5;

export function waitAfterCodeFailures(failures: number): number {
  return doublingWait(failures, FREE_CODE_FAILURES, FIRST_CODE_WAIT_SECONDS, MAX_CODE_WAIT_SECONDS);
}

export function codeWaitMessage(seconds: number): string {
  return `인증 코드가 여러 번 틀려 ${waitInWords(seconds)} 후에 다시 입력할 수 있습니다.`;
}

export type TypedCode = { kind: "totp"; code: string } | { kind: "recovery"; code: string } | { kind: "malformed" };

// Recovery codes: 16 characters of Crockford's base32 (80 bits), shown in four groups.
const RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const TOTP_CODE = new RegExp(`^[0-9]{${TOTP_DIGITS}}$`);

/** What a person typed: spaces and dashes are theirs to add; look-alike letters read as digits. */
export function readCode(typed: string): TypedCode {
  const compact = typed.replace(/[\s-]/g, "").toUpperCase();
  if (TOTP_CODE.test(compact)) return { kind: "totp", code: compact };
  const recovery = compact.replace(/O/g, "0").replace(/[IL]/g, "1");
  if (recovery.length === 16 && [...recovery].every((c) => RECOVERY_ALPHABET.includes(c))) return { kind: "recovery", code: recovery };
  return { kind: "malformed" };
}

/** Ten bytes of randomness as a recovery code, `XXXX-XXXX-XXXX-XXXX`. */
export function recoveryCodeFrom(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += RECOVERY_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.slice(0, 16).replace(/(.{4})(?=.)/g, "$1-");
}

export const CODE_MESSAGES = {
  wrong: "인증 코드가 맞지 않습니다. 인증 앱의 6자리 코드나 복구 코드를 입력해 주세요.",
  malformed: "인증 앱의 6자리 숫자나 16자리 복구 코드를 입력해 주세요.",
  reused: "이미 사용한 코드입니다. 인증 앱에 새 코드가 나오면 그 코드를 입력해 주세요.",
  expired: "로그인을 시작한 지 오래되었습니다. 아이디와 비밀번호부터 다시 입력해 주세요.",
} as const;
