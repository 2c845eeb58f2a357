// The operators' pages under /admin (operators only; everyone else gets 404) and the public
// moderation log.
import { Router, type Request, type RequestHandler } from "express";
import { z } from "zod";
import type { Ctx } from "../../context.ts";
import { NotFoundError } from "../../domain/errors.ts";
import { flash } from "../../http/flash.ts";
import { pageQuery, parseIdParam, parseOr400 } from "../../http/parse.ts";
import { pageBlock } from "../../lib/pagination.ts";
import { paths } from "../../lib/paths.ts";
import { REPORT_CATEGORIES, REPORT_CATEGORY_KEYS, SUSPENSION_TERMS, type TargetKind } from "../moderation/moderation.rules.ts";
import { reportQueue } from "../moderation/reports.service.ts";
import { isOperator } from "../moderation/roles.service.ts";
import { moderationLog } from "./moderation-log.service.ts";
import { confirmCase, dismissCase } from "./integrity-actions.service.ts";
import { integrityCase, integrityQueue } from "./integrity-cases.service.ts";
import { approveHeld, currentSuspensions, dismissReports, hideTarget, liftSuspension, removeHeld, restoreTarget, suspendAuthor } from "./operator-actions.service.ts";
import { addRule, dailyCounts, heldQueue, retireRule, rulesPage, trySample, type RuleInput, type Trial } from "./cleanbot-admin.service.ts";
import { ACTION_LABELS, ACTIONS, CATEGORIES, CATEGORY_LABELS, DEFAULT_ACTIONS, RULE_MAX } from "../cleanbot/cleanbot.rules.ts";
import { tryForm } from "../../http/form.ts";
import { textProblem, textProblemMessage, typedValues } from "../../lib/input.ts";
import { josa, withJosa } from "../../lib/particles.ts";
import { BODY_MAX } from "../posts/posts.rules.ts";

/** /admin: a 404 for everyone but operators (the role is read from the database each time). */
export function operatorOnly(ctx: Ctx): RequestHandler {
  return async (req, _res, next) => {
    if (!(await isOperator(ctx, req.session?.user?.id))) throw new NotFoundError();
    next();
  };
}

const targetKinds = z.enum(["post", "comment"]);
const confirmSchema = z.object({
  suspend: z.enum(["none", ...SUSPENSION_TERMS], { error: "이용 제한 여부를 골라 주세요." }).default("none"),
});
const hideSchema = z.object({ category: z.enum(REPORT_CATEGORY_KEYS, { error: "숨김 사유를 골라 주세요." }) });
const suspendSchema = z.object({
  category: z.enum(REPORT_CATEGORY_KEYS, { error: "이용 제한 사유를 골라 주세요." }),
  term: z.enum(SUSPENSION_TERMS, { error: "이용 제한 기간을 골라 주세요." }),
});

// An operator's rule: the word, its category and action; `intent` says whether to try it on the
// sample (nothing saved) or to save it.
// The shape checks every text field makes (src/lib/input.ts): a control character (NUL cannot be
// stored in PostgreSQL) or a text too long is refused here, not by the database.
const checkedText = (label: string, max: number, multiline = false) =>
  z.string({ error: `${label}${josa(label, "을/를")} 입력해 주세요.` }).superRefine((raw, ctx) => {
    const problem = textProblem(raw, max, multiline);
    if (problem) ctx.addIssue({ code: "custom", message: textProblemMessage(problem, label, max) });
  });
const ruleSchema = z.object({
  text: checkedText("단어", RULE_MAX),
  category: z.enum(CATEGORIES, { error: "분류를 골라 주세요." }),
  action: z.enum(ACTIONS, { error: "처리 방식을 골라 주세요." }),
  sample: checkedText("시험 문장", BODY_MAX, true).default(""),
  intent: z.enum(["test", "save"]).default("save"),
});
const RULE_FIELDS = ["text", "category", "action", "sample"] as const;

function targetParam(req: Request): { kind: TargetKind; id: number } {
  const kind = targetKinds.safeParse(req.params.kind);
  if (!kind.success) throw new NotFoundError();
  return { kind: kind.data, id: parseIdParam(req.params.id) };
}

/** The operators' pages and actions. Mounted at /admin behind operatorOnly and the CSRF check. */
export function adminRouter(ctx: Ctx): Router {
  const router = Router();

  router.get("/reports", async (req, res) => {
    const { page = 1 } = parseOr400(pageQuery, req.query);
    const [queue, held] = await Promise.all([reportQueue(ctx, page), heldQueue(ctx)]);
    res.render("moderation/queue", {
      title: "신고 처리",
      queue,
      held,
      cleanbotCategories: CATEGORY_LABELS,
      blocks: pageBlock(queue.page, queue.totalPages),
      categories: REPORT_CATEGORIES,
      terms: SUSPENSION_TERMS,
    });
  });

  router.post("/reports/:kind/:id/dismiss", async (req, res) => {
    await dismissReports(ctx, req.session.user!.id, targetParam(req));
    flash(req, "ok", "신고를 기각했습니다.");
    res.redirect(303, paths.adminReports());
  });

  router.post("/reports/:kind/:id/hide", async (req, res) => {
    const { category } = parseOr400(hideSchema, req.body);
    await hideTarget(ctx, req.session.user!.id, targetParam(req), category);
    flash(req, "ok", "숨김 처리했습니다.");
    res.redirect(303, paths.adminReports());
  });

  router.post("/reports/:kind/:id/suspend", async (req, res) => {
    const { category, term } = parseOr400(suspendSchema, req.body);
    await suspendAuthor(ctx, req.session.user!.id, targetParam(req), term, category);
    flash(req, "ok", "작성자의 이용을 제한했습니다.");
    res.redirect(303, paths.adminReports());
  });

  // From a post page, whether or not anyone reported it: /admin/posts/7/hide, /admin/comments/9/restore …
  const pageTarget = (req: Request) => {
    const kind = req.params.kinds === "posts" ? "post" : req.params.kinds === "comments" ? "comment" : null;
    if (!kind) throw new NotFoundError();
    return { kind, id: parseIdParam(req.params.id) } as const;
  };

  router.post("/:kinds/:id/restore", async (req, res) => {
    const target = pageTarget(req);
    const restored = await restoreTarget(ctx, req.session.user!.id, target);
    flash(req, "ok", target.kind === "post" ? "글을 복원했습니다." : "댓글을 복원했습니다.");
    res.redirect(303, paths.post(restored.stockCode, restored.number));
  });

  router.post("/:kinds/:id/hide", async (req, res) => {
    const target = pageTarget(req);
    const { category } = parseOr400(hideSchema, req.body);
    const hidden = await hideTarget(ctx, req.session.user!.id, target, category, false);
    flash(req, "ok", "숨김 처리했습니다.");
    res.redirect(303, paths.post(hidden.stockCode, hidden.number));
  });

  router.post("/:kinds/:id/suspend-author", async (req, res) => {
    const target = pageTarget(req);
    const { category, term } = parseOr400(suspendSchema, req.body);
    await suspendAuthor(ctx, req.session.user!.id, target, term, category, false);
    flash(req, "ok", "작성자의 이용을 제한했습니다.");
    res.redirect(303, paths.adminSuspensions());
  });

  // 클린봇 보류: approved (published) or removed (hidden with a reason), beside the reports.
  router.post("/held/:kind/:id/approve", async (req, res) => {
    await approveHeld(ctx, req.session.user!.id, targetParam(req));
    flash(req, "ok", "공개했습니다.");
    res.redirect(303, `${paths.adminReports()}#held-title`);
  });

  router.post("/held/:kind/:id/remove", async (req, res) => {
    const { category } = parseOr400(hideSchema, req.body);
    await removeHeld(ctx, req.session.user!.id, targetParam(req), category);
    flash(req, "ok", "숨김 처리했습니다.");
    res.redirect(303, `${paths.adminReports()}#held-title`);
  });

  // 클린봇 단어 관리 (docs/product.md §13).
  const renderRules = async (res: import("express").Response, status: number, state: { values: Record<(typeof RULE_FIELDS)[number], string>; errors: Record<string, string>; trial: Trial | null }) => {
    const page = await rulesPage(ctx);
    res.status(status).render("moderation/cleanbot", {
      title: "클린봇 단어 관리",
      ...page,
      ...state,
      categories: CATEGORY_LABELS,
      actions: ACTION_LABELS,
      defaults: DEFAULT_ACTIONS,
    });
  };

  router.get("/cleanbot", async (_req, res) => {
    await renderRules(res, 200, { values: { text: "", category: "promise", action: "hold", sample: "" }, errors: {}, trial: null });
  });

  router.post("/cleanbot/rules", async (req, res) => {
    const values = typedValues(req.body, RULE_FIELDS);
    const parsed = ruleSchema.safeParse(req.body);
    if (!parsed.success) return renderRules(res, 400, { values, errors: { text: parsed.error.issues[0]!.message }, trial: null });
    const { sample, intent, ...rule } = parsed.data;
    const candidate: RuleInput = rule;
    const trial = sample.trim() === "" ? null : await trySample(ctx, sample, candidate);
    if (intent === "test") return renderRules(res, 200, { values, errors: {}, trial });
    const added = await tryForm(req, res, () => addRule(ctx, req.session.user!.id, candidate));
    if (!added.ok) return renderRules(res, added.refusal.status, { values, errors: { text: added.refusal.message }, trial });
    const word = rule.text.trim();
    flash(req, "ok", rule.action === "allow" ? `${withJosa(`'${word}'`, "을/를")} 예외 단어로 추가했습니다.` : `'${word}' 규칙을 추가했습니다.`);
    res.redirect(303, paths.adminCleanbot());
  });

  router.post("/cleanbot/rules/:id/remove", async (req, res) => {
    await retireRule(ctx, req.session.user!.id, parseIdParam(req.params.id));
    flash(req, "ok", "규칙을 삭제했습니다.");
    res.redirect(303, paths.adminCleanbot());
  });

  // 투표 조작 의심: the integrity scan's cases (docs/product.md §9).
  router.get("/integrity", async (_req, res) => {
    res.render("moderation/integrity", { title: "투표 조작 의심", queue: await integrityQueue(ctx) });
  });

  router.get("/integrity/:id", async (req, res) => {
    res.render("moderation/integrity-case", { title: "투표 조작 의심 사례", found: await integrityCase(ctx, parseIdParam(req.params.id)), terms: SUSPENSION_TERMS });
  });

  router.post("/integrity/:id/confirm", async (req, res) => {
    const { suspend } = parseOr400(confirmSchema, req.body);
    const done = await confirmCase(ctx, req.session.user!.id, parseIdParam(req.params.id), suspend === "none" ? null : suspend);
    const blinded = done.blinded > 0 ? ` 글 ${done.blinded}개가 블라인드 처리되었습니다.` : "";
    const suspended = done.suspended > 0 ? ` ${done.suspended}개 계정의 이용을 제한했습니다.` : "";
    flash(req, "ok", `추천/반대 ${done.votes}개(글 ${done.posts}개)를 무효 처리했습니다.${blinded}${suspended}`);
    res.redirect(303, paths.adminIntegrity());
  });

  router.post("/integrity/:id/dismiss", async (req, res) => {
    await dismissCase(ctx, req.session.user!.id, parseIdParam(req.params.id));
    flash(req, "ok", "사례를 기각했습니다. 투표는 그대로 둡니다.");
    res.redirect(303, paths.adminIntegrity());
  });

  router.get("/suspensions", async (_req, res) => {
    res.render("moderation/suspensions", { title: "이용 제한 회원", suspensions: await currentSuspensions(ctx) });
  });

  router.post("/users/:id/lift", async (req, res) => {
    await liftSuspension(ctx, req.session.user!.id, parseIdParam(req.params.id));
    flash(req, "ok", "이용 제한을 해제했습니다.");
    res.redirect(303, paths.adminSuspensions());
  });

  return router;
}

/** The public moderation log. */
export function moderationLogRouter(ctx: Ctx): Router {
  const router = Router();
  router.get("/moderation", async (req, res) => {
    const { page = 1 } = parseOr400(pageQuery, req.query);
    const [log, cleanbot] = await Promise.all([moderationLog(ctx, page), dailyCounts(ctx)]);
    res.render("moderation/log", { title: "운영 기록", log, blocks: pageBlock(log.page, log.totalPages), cleanbot, cleanbotCategories: CATEGORY_LABELS });
  });
  return router;
}
