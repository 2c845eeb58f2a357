// The public account pages that work without signing in (docs/product.md §5): the email
// verification link, 아이디 찾기, 비밀번호 재설정, and the 약관 and 개인정보 처리방침 pages.
// The recovery forms answer the same words whether or not an address has an account.
import { Router, type Request, type RequestHandler, type Response } from "express";
import { z } from "zod";
import type { Ctx } from "../../context.ts";
import { noStore } from "../../http/auth.ts";
import { ValidationError } from "../../domain/errors.ts";
import { limitRefused, parseForm, tryForm } from "../../http/form.ts";
import { fieldErrors } from "../../http/parse.ts";
import { noticeForNextPage } from "../../http/flash.ts";
import { typedValues } from "../../lib/input.ts";
import { paths } from "../../lib/paths.ts";
import { emailField, passwordField } from "./accounts.fields.ts";
import { RESET_PASSWORD_MINUTES } from "./account-mail.rules.ts";
import { mailLoginIds, mailPasswordResets, resetLinkIsLive, resetPassword, verifyEmail, type Outbox } from "./email.service.ts";
import { POLICY_EFFECTIVE, POLICY_VERSION } from "./policy.rules.ts";

interface RecoveryDeps {
  csrf: { form: RequestHandler[]; check: RequestHandler[] };
  limits: { recovery: RequestHandler[]; resetLinks: RequestHandler[] };
  outbox: Outbox;
}

// A link's token as the mail carries it: 43 characters of base64url; anything else is no link.
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const SENT = "입력한 주소로 확인된 계정이 있으면 몇 분 안에 메일이 도착합니다. 메일이 오지 않으면 스팸함을 확인하고, 주소를 다시 확인해 주세요.";

const resetSchema = z
  .object({ password: passwordField, passwordConfirm: z.string({ error: "비밀번호를 한 번 더 입력해 주세요." }) })
  .refine((v) => v.password === v.passwordConfirm, { path: ["passwordConfirm"], message: "비밀번호가 서로 다릅니다." });

export function recoveryRouter(ctx: Ctx, { csrf, limits, outbox }: RecoveryDeps): Router {
  const router = Router();
  // The token is in the address: no link from these pages tells another site where it came
  // from. (same-origin, not no-referrer: under no-referrer a browser sends the form's POST
  // with `Origin: null`, which the CSRF check rightly refuses.)
  const noReferrer: RequestHandler = (_req, res, next) => {
    res.set("Referrer-Policy", "same-origin");
    next();
  };

  router.get("/account/email/verify/:token", noStore, noReferrer, async (req, res) => {
    const token = String(req.params.token);
    const verified = TOKEN.test(token) ? await tryForm(req, res, () => verifyEmail(ctx, token), [ValidationError]) : null;
    if (!verified?.ok) {
      return res.status(400).render("accounts/notice", { title: "이메일 확인", heading: "이메일을 확인하지 못했습니다", message: "링크가 올바르지 않거나 이미 쓰였거나 기한이 지났습니다. 계정 보안에서 확인 메일을 다시 받아 주세요.", link: { href: paths.accountSecurity(), label: "계정 보안으로" } });
    }
    res.render("accounts/notice", { title: "이메일 확인", heading: "이메일을 확인했습니다", message: `${verified.value.email} 주소가 계정의 이메일로 등록되었습니다. 이제 아이디 찾기와 비밀번호 재설정을 이 주소로 받을 수 있습니다.`, link: { href: paths.accountSecurity(), label: "계정 보안으로" } });
  });

  // 아이디 찾기 and 비밀번호 재설정 share one form: an address, and the same answer for any.
  const recoveryForm = (kind: "find-id" | "forgot-password") => {
    const page = kind === "find-id" ? { title: "아이디 찾기", action: paths.findId(), lead: "가입할 때나 계정 보안에서 확인한 이메일 주소를 입력하면, 그 주소로 확인된 아이디를 메일로 보내 드립니다.", button: "아이디 메일 받기" } : { title: "비밀번호 재설정", action: paths.forgotPassword(), lead: `확인된 이메일 주소를 입력하면 비밀번호를 새로 정하는 링크를 보내 드립니다. 링크는 ${RESET_PASSWORD_MINUTES}분 동안 한 번 쓸 수 있습니다.`, button: "재설정 메일 받기" };
    const render = (res: Response, status: number, values: Record<string, string | undefined>, error: string | null, sent = false) =>
      res.status(status).render("accounts/recover", { ...page, values, error, sent, sentMessage: SENT });
    router.get(page.action, noStore, ...csrf.form, (_req, res) => render(res, 200, { email: "" }, null));
    router.post(
      page.action,
      noStore,
      ...csrf.check,
      ...csrf.form,
      ...limits.recovery,
      async (req: Request, res: Response) => {
        const values = typedValues(req.body, ["email"] as const);
        const parsed = z.object({ email: emailField }).safeParse(req.body);
        if (!parsed.success) return render(res, 400, values, fieldErrors(parsed.error).email ?? "이메일 주소를 입력해 주세요.");
        if (kind === "find-id") await mailLoginIds(ctx, outbox, parsed.data.email);
        else await mailPasswordResets(ctx, outbox, parsed.data.email);
        render(res, 200, values, null, true);
      },
      limitRefused((req: Request, res: Response, refusal) => render(res, refusal.status, typedValues(req.body, ["email"] as const), refusal.message)),
    );
  };
  recoveryForm("find-id");
  recoveryForm("forgot-password");

  const renderReset = (res: Response, status: number, token: string, errors: Record<string, string>) =>
    res.status(status).render("accounts/reset-password", { title: "새 비밀번호", action: paths.resetPassword(token), errors, minutes: RESET_PASSWORD_MINUTES });
  const deadLink = (res: Response) =>
    res.status(400).render("accounts/notice", { title: "비밀번호 재설정", heading: "쓸 수 없는 링크입니다", message: "링크가 올바르지 않거나 이미 쓰였거나 기한이 지났습니다. 재설정 메일을 다시 받아 주세요.", link: { href: paths.forgotPassword(), label: "재설정 메일 다시 받기" } });

  router.get("/account/reset-password/:token", noStore, noReferrer, ...csrf.form, async (req, res) => {
    const token = String(req.params.token);
    if (!TOKEN.test(token) || !(await resetLinkIsLive(ctx, token))) return deadLink(res);
    renderReset(res, 200, token, {});
  });

  router.post("/account/reset-password/:token", noStore, noReferrer, ...csrf.check, ...csrf.form, ...limits.resetLinks, async (req: Request, res: Response) => {
    const token = String(req.params.token);
    if (!TOKEN.test(token)) return deadLink(res);
    const reset = await tryForm(req, res, async () => resetPassword(ctx, outbox, token, parseForm(resetSchema, req.body).password), [ValidationError]);
    if (!reset.ok) return Object.keys(reset.refusal.fields).length > 0 ? renderReset(res, 400, token, reset.refusal.fields) : deadLink(res);
    // No session to carry a message (the visitor may have none): the notice cookie does.
    noticeForNextPage(res, "password-reset");
    res.redirect(303, paths.signIn());
  });

  router.get(paths.terms(), (_req, res) => res.render("accounts/terms", { title: "이용약관", version: POLICY_VERSION, effective: POLICY_EFFECTIVE }));
  router.get(paths.privacy(), (_req, res) => res.render("accounts/privacy", { title: "개인정보 처리방침", version: POLICY_VERSION, effective: POLICY_EFFECTIVE }));

  return router;
}
