// The jury page (public) and the 글 내리기 routes, which sit behind one juror guard.
import { Router, type RequestHandler, type Response } from "express";
import type { Ctx } from "../../context.ts";
import { changeTag } from "../../domain/changes.ts";
import { ForbiddenError } from "../../domain/errors.ts";
import { requireUser } from "../../http/auth.ts";
import { countGraphemes } from "../../lib/graphemes.ts";
import { textField, typedValues } from "../../lib/input.ts";
import type { PageCache } from "../../http/page-cache.ts";
import { wantsJson } from "../../http/error-handler.ts";
import { pageQuery, parseOr400 } from "../../http/parse.ts";
import { flash } from "../../http/flash.ts";
import { withJosa } from "../../lib/particles.ts";
import { parseForm, tryForm } from "../../http/form.ts";
import { z } from "zod";
import { pageBlock } from "../../lib/pagination.ts";
import { paths } from "../../lib/paths.ts";
import { useBoardParams } from "../boards/board-params.routes.ts";
import { flaggedPosts } from "../moderation/reports.service.ts";
import { operatorsAmong } from "../moderation/roles.service.ts";
import { blindLog } from "./blind-log.service.ts";
import { ELIGIBILITY_RULES, SCORE_FORMULA } from "./jury.rules.ts";
import { castOpinion, withdrawOpinion } from "./opinions.service.ts";
import { appealLog, appealsToHear, fileAppeal, panelRecord, voteOnAppeal } from "./appeals.service.ts";
import { APPEAL_REASON_MAX, APPEAL_RESULT_LABELS } from "./appeals.rules.ts";
import { ensureCurrentPanel, isJuror, pastPanels, type Panel } from "./panel.service.ts";

/** The public jury page of a board. */
export function juryPageRouter(ctx: Ctx, pageCache: PageCache): Router {
  const router = useBoardParams(Router(), ctx);
  router.get("/boards/:code/jury", pageCache.route(), async (req, res) => {
    const { board } = res.locals;
    const { page = 1 } = parseOr400(pageQuery, req.query);
    const panel = await ensureCurrentPanel(ctx, board.id);
    const viewerId = req.session?.user?.id;
    const juror = isJuror(panel, viewerId);
    const [past, log, flagged, appeals, toHear] = await Promise.all([
      pastPanels(ctx, board.id, panel.month),
      blindLog(ctx, board.id, page),
      juror ? flaggedPosts(ctx, board.id) : null, // jurors only: what readers reported
      appealLog(ctx, board.id),
      juror ? appealsToHear(ctx, board.id, panel, viewerId!) : null,
    ]);
    // Past panels' records, as panel totals only (docs/product.md §4).
    const records = await Promise.all(past.map((p) => panelRecord(ctx, p)));
    // The panels are kept per process for the month; roles are looked up now, for the 운영자 badge.
    const operators = await operatorsAmong(ctx, [...new Set([panel, ...past].flatMap((p) => p.members.map((m) => m.userId)))]);
    res.locals.cacheablePage = { tags: [changeTag({ kind: "jury", boardId: board.id })] };
    res.render("jury/page", {
      title: `${board.stockName} 운영배심원`,
      tab: "jury",
      board,
      panel,
      past: past.map((p, i) => ({ ...p, record: records[i]! })),
      log,
      flagged,
      appeals,
      toHear,
      appealResults: APPEAL_RESULT_LABELS,
      operators,
      blocks: pageBlock(log.page, log.totalPages),
      rules: { formula: SCORE_FORMULA, eligibility: ELIGIBILITY_RULES },
    });
  });
  return router;
}

const appealVoteSchema = z.object({ value: z.enum(["restore", "uphold"], { error: "복원 또는 유지를 골라 주세요." }) });
const appealSchema = z.object({ reason: textField({ label: "이의 신청 사유", min: 1, max: APPEAL_REASON_MAX, multiline: true }) });

/** 이의 신청 by the author of a blinded post. Mounted behind the sign-in and CSRF guards. */
export function appealsRouter(ctx: Ctx, limits: { comments: RequestHandler[] }): Router {
  const router = useBoardParams(Router(), ctx);
  const renderForm = (res: Response, status: number, reason: string, error: string | null) =>
    res.status(status).render("jury/appeal", {
      title: "이의 신청",
      board: res.locals.board,
      postNumber: res.locals.postNumber,
      reason,
      reasonLength: countGraphemes(reason),
      error,
    });

  router.get("/boards/:code/posts/:number/appeal", requireUser, (_req, res) => renderForm(res, 200, "", null));

  router.post("/boards/:code/posts/:number/appeal", ...limits.comments, async (req, res) => {
    const { board, postNumber } = res.locals;
    const { reason: typed } = typedValues(req.body, ["reason"] as const);
    const filed = await tryForm(req, res, () => fileAppeal(ctx, board, postNumber, req.session.user!.id, parseForm(appealSchema, req.body).reason));
    // A refusal comes back on the form with the reason as typed.
    if (!filed.ok) return renderForm(res, filed.refusal.status, typed, filed.refusal.message);
    if (wantsJson(req)) return res.status(201).json({ ok: true });
    flash(req, "ok", "이의 신청을 접수했습니다. 이 글에 의견을 내지 않은 이번 달 운영배심원이 심사합니다.");
    res.redirect(303, `${paths.post(board.stockCode, postNumber)}#appeal`);
  });
  return router;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      panel: Panel; // this month's panel of the board, for the juror guard's routes
    }
  }
}

/**
 * The juror guard: the signed-in user must sit on this board's panel for the current KST
 * month. Everything mounted behind it may assume so.
 */
function requireJuror(ctx: Ctx): RequestHandler {
  return async (req, res, next) => {
    const panel = await ensureCurrentPanel(ctx, res.locals.board.id);
    if (!isJuror(panel, req.session.user?.id)) {
      throw new ForbiddenError("이번 달 이 게시판의 운영배심원만 글 내리기 의견을 낼 수 있습니다.");
    }
    res.locals.panel = panel;
    next();
  };
}

/** 글 내리기 and its withdrawal. Mounted behind the sign-in and CSRF guards. */
export function opinionsRouter(ctx: Ctx, limits: { opinions: RequestHandler[] }): Router {
  const router = useBoardParams(Router(), ctx);
  const juror = [...limits.opinions, requireJuror(ctx)];

  router.post("/boards/:code/posts/:number/opinion", ...juror, async (req, res) => {
    const { board, panel, postNumber } = res.locals;
    const result = await castOpinion(ctx, board, postNumber, req.session.user!.id, panel);
    if (wantsJson(req)) return res.json(result);
    res.redirect(303, `${paths.post(board.stockCode, postNumber)}#jury`);
  });

  // 이의 신청 votes: this month's jurors (the service refuses those who gave an opinion).
  router.post("/boards/:code/posts/:number/appeal/vote", ...juror, async (req, res) => {
    const { board, panel, postNumber } = res.locals;
    const { value } = parseOr400(appealVoteSchema, req.body);
    const result = await voteOnAppeal(ctx, board, postNumber, req.session.user!.id, panel, value);
    if (wantsJson(req)) return res.json({ restoreVotes: result.restoreVotes, upholdVotes: result.upholdVotes, result: result.result, myVote: result.myVote });
    const mine = value === "restore" ? "복원" : "유지";
    flash(req, "ok", result.result ? `${mine} 의견을 냈습니다. 이의 신청이 ${withJosa(APPEAL_RESULT_LABELS[result.result], "으로/로")} 결정되었습니다.` : `${mine} 의견을 냈습니다. 결정 전까지 바꿀 수 있습니다.`);
    res.redirect(303, `${paths.post(board.stockCode, postNumber)}#appeal`);
  });

  router.post("/boards/:code/posts/:number/opinion/withdraw", ...juror, async (req, res) => {
    const { board, panel, postNumber } = res.locals;
    const result = await withdrawOpinion(ctx, board, postNumber, req.session.user!.id, panel);
    if (wantsJson(req)) return res.json(result);
    res.redirect(303, `${paths.post(board.stockCode, postNumber)}#jury`);
  });

  return router;
}
