// 2단계 인증 settings on the security page (docs/product.md §5): set up with the app's first
// code, recovery codes shown once, new recovery codes and turning it off each with a code.
// Mounted behind the sign-in, CSRF and standing guards; every signed-in answer is no-store
// (loadUser), so the secret and the codes stay in no cache.
import { Router, type Request, type RequestHandler, type Response } from "express";
import { z } from "zod";
import type { Ctx } from "../../context.ts";
import { requireUser } from "../../http/auth.ts";
import { flash } from "../../http/flash.ts";
import { tryForm } from "../../http/form.ts";
import { parseOr400 } from "../../http/parse.ts";
import { paths } from "../../lib/paths.ts";
import { codeField } from "./accounts.fields.ts";
import { RECOVERY_CODE_COUNT } from "./two-step.rules.ts";
import { beginTwoStep, confirmTwoStep, disableTwoStep, pendingSetup, renewRecoveryCodes, type Setup } from "./two-step.service.ts";

const codeSchema = z.object({ code: codeField });

export function twoStepRouter(ctx: Ctx, limits: { passwordChecks: RequestHandler[] }): Router {
  const router = Router();
  const renderSetup = (res: Response, status: number, setup: Setup, error: string | null) => res.status(status).render("accounts/two-step-setup", { title: "2단계 인증 설정", setup, error });
  const renderCodes = (res: Response, codes: string[], renewed: boolean) => res.render("accounts/recovery-codes", { title: "복구 코드", codes, renewed, count: RECOVERY_CODE_COUNT });
  const me = (req: Request) => ({ id: req.session.user!.id, loginId: req.session.user!.loginId });

  // A new secret is a write (it replaces an unconfirmed one): a POST from the security page.
  router.post("/account/two-step/setup", async (req, res) => {
    renderSetup(res, 200, await beginTwoStep(ctx, me(req)), null);
  });

  // The setup page again (a reload), while the setup waits for its first code.
  router.get(paths.twoStep(), requireUser, async (req, res) => {
    const setup = await pendingSetup(ctx, me(req));
    if (!setup) return res.redirect(303, `${paths.accountSecurity()}#two-step-title`);
    renderSetup(res, 200, setup, null);
  });

  router.post("/account/two-step/enable", ...limits.passwordChecks, async (req, res) => {
    const { code } = parseOr400(codeSchema, req.body);
    const confirmed = await tryForm(req, res, () => confirmTwoStep(ctx, me(req).id, code));
    if (!confirmed.ok) {
      const setup = await pendingSetup(ctx, me(req));
      if (!setup) return res.redirect(303, `${paths.accountSecurity()}#two-step-title`);
      return renderSetup(res, confirmed.refusal.status, setup, confirmed.refusal.message);
    }
    renderCodes(res, confirmed.value, false);
  });

  const withCode = (path: string, action: (userId: number, code: string) => Promise<string[] | void>, done: (req: Request, res: Response, codes: string[] | void) => void) =>
    router.post(path, ...limits.passwordChecks, async (req: Request, res: Response) => {
      const { code } = parseOr400(codeSchema, req.body);
      const result = await tryForm(req, res, () => action(me(req).id, code));
      if (!result.ok) {
        flash(req, "error", result.refusal.message);
        return res.redirect(303, `${paths.accountSecurity()}#two-step-title`);
      }
      done(req, res, result.value);
    });

  withCode(
    "/account/two-step/disable",
    (userId, code) => disableTwoStep(ctx, userId, code),
    (req, res) => {
      flash(req, "ok", "2단계 인증을 껐습니다. 이제 비밀번호만으로 로그인합니다.");
      res.redirect(303, `${paths.accountSecurity()}#two-step-title`);
    },
  );
  withCode(
    "/account/two-step/recovery-codes",
    (userId, code) => renewRecoveryCodes(ctx, userId, code),
    (_req, res, codes) => renderCodes(res, codes ?? [], true),
  );

  return router;
}
