// 내 정보 내려받기 and 회원탈퇴 (docs/product.md §5). Mounted behind the sign-in, CSRF and
// standing guards.
import { Router, type Request, type RequestHandler, type Response } from "express";
import { z } from "zod";
import type { Ctx } from "../../context.ts";
import { ValidationError } from "../../domain/errors.ts";
import { requireUser } from "../../http/auth.ts";
import { tryForm } from "../../http/form.ts";
import { noticeForNextPage } from "../../http/flash.ts";
import { endSession, SESSION_COOKIE } from "../../http/session.ts";
import { paths } from "../../lib/paths.ts";
import { anyPasswordField, codeField } from "../accounts/accounts.fields.ts";
import { isTwoStepOn } from "../accounts/two-step.service.ts";
import { myData } from "./my-data.service.ts";
import { withdraw } from "./withdrawal.service.ts";

const withdrawSchema = z.object({
  password: anyPasswordField,
  code: codeField.optional().default(""),
  confirm: z.literal("on", { error: "탈퇴하면 되돌릴 수 없다는 안내를 읽고 확인란에 표시해 주세요." }),
});

export function personalDataRouter(ctx: Ctx, limits: { passwordChecks: RequestHandler[] }): Router {
  const router = Router();

  router.get(paths.myData(), requireUser, async (req, res) => {
    const data = await myData(ctx, req.session.user!.id);
    res.set("Content-Disposition", `attachment; filename="jongto-my-data-${data.exportedAt.slice(0, 10)}.json"`);
    res.type("application/json; charset=utf-8").send(JSON.stringify(data, null, 2));
  });

  const renderWithdraw = async (req: Request, res: Response, status: number, errors: Record<string, string>) =>
    res.status(status).render("accounts/withdraw", { title: "회원탈퇴", errors, twoStepOn: await isTwoStepOn(ctx, req.session.user!.id) });

  router.get(paths.withdraw(), requireUser, (req, res) => renderWithdraw(req, res, 200, {}));

  router.post(paths.withdraw(), ...limits.passwordChecks, async (req: Request, res: Response) => {
    const done = await tryForm(
      req,
      res,
      async () => {
        const parsed = withdrawSchema.safeParse(req.body);
        if (!parsed.success) {
          const fields: Record<string, string> = {};
          for (const issue of parsed.error.issues) fields[String(issue.path[0])] ??= String(issue.path[0]) === "password" ? "비밀번호를 입력해 주세요." : issue.message;
          throw new ValidationError(Object.values(fields).join(" "), fields);
        }
        await withdraw(ctx, req.session.user!.id, parsed.data);
      },
    );
    if (!done.ok) {
      const fields = Object.keys(done.refusal.fields).length > 0 ? done.refusal.fields : { code: done.refusal.message };
      return renderWithdraw(req, res, done.refusal.status, fields);
    }
    await endSession(req);
    res.clearCookie(SESSION_COOKIE);
    noticeForNextPage(res, "withdrawn");
    res.redirect(303, "/");
  });

  return router;
}
