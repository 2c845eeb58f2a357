// 신고 forms and their POSTs (signed-in members); the operators act on the reports elsewhere
// (modules/operators).
import { Router, type RequestHandler, type Response } from "express";
import { z } from "zod";
import type { Ctx } from "../../context.ts";
import { requireUser } from "../../http/auth.ts";
import { wantsJson } from "../../http/error-handler.ts";
import { flash } from "../../http/flash.ts";
import { parseForm, tryForm } from "../../http/form.ts";
import { countGraphemes } from "../../lib/graphemes.ts";
import { textField, typedValues } from "../../lib/input.ts";
import { paths } from "../../lib/paths.ts";
import { useBoardParams } from "../boards/board-params.routes.ts";
import { REPORT_CATEGORIES, REPORT_CATEGORY_KEYS, REPORT_REASON_MAX } from "./moderation.rules.ts";
import { createReport, findReportTarget, type ReportTarget } from "./reports.service.ts";

const reportSchema = z.object({
  category: z.enum(REPORT_CATEGORY_KEYS, { error: "신고 사유를 골라 주세요." }),
  // Optional: a form sends an empty textarea as "", which means no reason.
  reason: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    textField({ label: "신고 내용", min: 1, max: REPORT_REASON_MAX, multiline: true }).optional(),
  ),
});

const REPORT_FIELDS = ["category", "reason"] as const;

interface ReportFormState {
  values: Record<(typeof REPORT_FIELDS)[number], string>;
  errors: Record<string, string>;
  formError?: string | null;
}

function renderReportForm(res: Response, target: ReportTarget, status: number, state: ReportFormState) {
  const { board } = res.locals;
  const action = target.commentId === null ? paths.reportPost(board.stockCode, target.number) : paths.reportComment(board.stockCode, target.number, target.commentId);
  res.status(status).render("moderation/report", {
    title: "신고하기",
    board,
    target,
    action,
    back: target.commentId === null ? paths.post(board.stockCode, target.number) : paths.commentAnchor(board.stockCode, target.number, target.commentId),
    categories: REPORT_CATEGORIES,
    ...state,
    formError: state.formError ?? null,
    reasonLength: countGraphemes(state.values.reason),
  });
}

/** 신고 forms and their POSTs. Mounted behind the sign-in and CSRF guards (src/app.ts). */
export function reportsRouter(ctx: Ctx, limits: { reports: RequestHandler[] }): Router {
  const router = useBoardParams(Router(), ctx);
  const targetOf = (res: Response, comment: boolean): ReportTarget => ({
    board: res.locals.board,
    number: res.locals.postNumber,
    commentId: comment ? res.locals.commentId : null,
  });

  const form = (comment: boolean): RequestHandler => async (req, res) => {
    const target = targetOf(res, comment);
    await findReportTarget(ctx, target);
    renderReportForm(res, target, 200, { values: { category: "", reason: "" }, errors: {} });
  };

  const submit = (comment: boolean): RequestHandler => async (req, res) => {
    const target = targetOf(res, comment);
    const values = typedValues(req.body, REPORT_FIELDS);
    const filed = await tryForm(req, res, async () => {
      const { category, reason } = parseForm(reportSchema, req.body);
      await createReport(ctx, target, req.session.user!.id, { category, reason: reason || null });
    });
    if (!filed.ok) return renderReportForm(res, target, filed.refusal.status, { values, errors: filed.refusal.fields, formError: filed.refusal.message });
    const message = "신고가 접수되었습니다. 운영자가 확인합니다. 신고한 사람은 누구에게도 공개되지 않습니다.";
    if (wantsJson(req)) return res.status(201).json({ ok: true, message });
    flash(req, "ok", message);
    const { board, postNumber } = res.locals;
    res.redirect(303, comment ? paths.commentAnchor(board.stockCode, postNumber, target.commentId!) : paths.post(board.stockCode, postNumber));
  };

  router.get("/boards/:code/posts/:number/report", requireUser, form(false));
  router.get("/boards/:code/posts/:number/comments/:commentId/report", requireUser, form(true));
  router.post("/boards/:code/posts/:number/report", ...limits.reports, submit(false));
  router.post("/boards/:code/posts/:number/comments/:commentId/report", ...limits.reports, submit(true));
  return router;
}
