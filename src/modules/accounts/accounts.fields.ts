// Account fields shared by sign-up, sign-in and password change (docs/product.md §5).
import { z } from "zod";
import { countGraphemes } from "../../lib/graphemes.ts";
import { hasInvisible, textProblem, textProblemMessage } from "../../lib/input.ts";
import { EMAIL_MAX, normalizeEmail } from "./account-mail.rules.ts";

export const LOGIN_ID_PATTERN = /^[a-z0-9_]{4,20}$/;
export const NICKNAME_MIN = 2;
export const NICKNAME_MAX = 12;
export const PASSWORD_MIN = 8;
// Long passphrases are welcome; the bound only stops a megabyte "password" from costing a hash.
export const PASSWORD_MAX = 256;

export const loginIdField = z
  .string({ error: "아이디를 입력해 주세요." })
  .regex(LOGIN_ID_PATTERN, "아이디는 영문 소문자, 숫자, _ 로 4~20자여야 합니다.");

export const nicknameField = z
  .string({ error: "닉네임을 입력해 주세요." })
  // The shape checks before anything reads the text character by character (src/lib/input.ts).
  .superRefine((raw, ctx) => {
    const problem = textProblem(raw, NICKNAME_MAX);
    if (problem) ctx.addIssue({ code: "custom", message: textProblemMessage(problem, "닉네임", NICKNAME_MAX), abort: true });
  })
  .transform((s) => s.normalize("NFC").trim())
  .superRefine((value, ctx) => {
    const length = countGraphemes(value);
    if (hasInvisible(value)) {
      ctx.addIssue({ code: "custom", message: "닉네임에 보이지 않는 문자(빈칸 문자, 채움 문자 등)는 쓸 수 없습니다." });
    } else if (length < NICKNAME_MIN || length > NICKNAME_MAX) {
      ctx.addIssue({ code: "custom", message: `닉네임은 ${NICKNAME_MIN}~${NICKNAME_MAX}자로 입력해 주세요.` });
    } else if (!/^[\p{L}\p{M}\p{N}_-]+(?: [\p{L}\p{M}\p{N}_-]+)*$/u.test(value)) {
      ctx.addIssue({ code: "custom", message: "닉네임에는 한글, 영문, 숫자, _, - 와 띄어쓰기 한 칸만 쓸 수 있습니다." });
    }
  });

export const passwordField = z
  .string({ error: "비밀번호를 입력해 주세요." })
  // A cheap bound that stops the checks below: counting a megabyte costs real CPU.
  .max(PASSWORD_MAX * 8, { error: `비밀번호는 ${PASSWORD_MAX}자 이하로 입력해 주세요.`, abort: true })
  .superRefine((value, ctx) => {
    if (/\u0000/.test(value)) {
      ctx.addIssue({ code: "custom", message: "비밀번호에 사용할 수 없는 문자가 있습니다." });
      return;
    }
    const length = countGraphemes(value);
    if (length < PASSWORD_MIN) {
      ctx.addIssue({ code: "custom", message: `비밀번호는 ${PASSWORD_MIN}자 이상이어야 합니다.` });
    } else if (length > PASSWORD_MAX) {
      ctx.addIssue({ code: "custom", message: `비밀번호는 ${PASSWORD_MAX}자 이하로 입력해 주세요.` });
    }
  });

// Sign-in takes whatever was typed (bounded) and answers every failure the same way.
export const anyPasswordField = z.string().min(1).max(PASSWORD_MAX * 8);

// The HTML standard's "valid email address" (ASCII; what a browser's type=email accepts).
const EMAIL_PATTERN = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export const emailField = z
  .string({ error: "이메일 주소를 입력해 주세요." })
  .max(EMAIL_MAX * 4, { error: `이메일 주소는 ${EMAIL_MAX}자 이하로 입력해 주세요.`, abort: true })
  .transform((s) => s.trim())
  .superRefine((value, ctx) => {
    if (value === "") ctx.addIssue({ code: "custom", message: "이메일 주소를 입력해 주세요." });
    else if (value.length > EMAIL_MAX) ctx.addIssue({ code: "custom", message: `이메일 주소는 ${EMAIL_MAX}자 이하로 입력해 주세요.` });
    else if (!EMAIL_PATTERN.test(value)) ctx.addIssue({ code: "custom", message: "이메일 주소 형식이 올바르지 않습니다 (예: name@example.com)." });
  })
  .transform(normalizeEmail);

/** Sign-up's email: optional, so an empty field is no email at all. */
export const optionalEmailField = z
  .string()
  .optional()
  .transform((s) => (s === undefined || s.trim() === "" ? undefined : s))
  .pipe(emailField.optional());

/** A 2단계 code as typed (two-step.rules.ts reads it); bounded before anything reads it. */
export const codeField = z.string({ error: "인증 코드를 입력해 주세요." }).max(64, { error: "인증 앱의 6자리 숫자나 16자리 복구 코드를 입력해 주세요." });
