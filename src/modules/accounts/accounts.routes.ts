// 회원가입, 로그인, 로그아웃 and the account-safety page (docs/product.md §1, §5).
import { Router, type Request, type RequestHandler, type Response } from "express";
import { z } from "zod";
import type { Ctx } from "../../context.ts";
import { requireUser, noStore } from "../../http/auth.ts";
import { ValidationError } from "../../domain/errors.ts";
import type { SignalReader } from "../../http/client-signals.ts";
import { knownDeviceUser, rememberDevice } from "../../http/known-device.ts";
import { limitRefused, parseForm, tryForm } from "../../http/form.ts";
import { fieldErrors, parseOr400 } from "../../http/parse.ts";
import { readerOf } from "../../db/sql.ts";
import { endSession, SESSION_COOKIE, startSession, type SessionUser } from "../../http/session.ts";
import { flash, noticeForNextPage } from "../../http/flash.ts";
import { typedValues } from "../../lib/input.ts";
import { withJosa } from "../../lib/particles.ts";
import { paths } from "../../lib/paths.ts";
import { safeReturnTo } from "../../lib/return-to.ts";
import { describeUserAgent } from "../../lib/user-agent.ts";
import { carriedFrom, resumeCarried, signInToContinue, type Carried, type VoteAfterSignIn } from "./carry-over.routes.ts";
import { anyPasswordField, codeField, emailField, loginIdField, nicknameField, optionalEmailField, passwordField } from "./accounts.fields.ts";
import { emailState, noticePasswordChange, removeEmail, startEmailVerification, type Outbox } from "./email.service.ts";
import { changeNickname, nicknameChangeOpensAt } from "./nickname.service.ts";
import { needsPolicyNotice, POLICY_VERSION } from "./policy.rules.ts";
import { challengeFor, readChallenge } from "./sign-in-challenge.service.ts";
import { checkTwoStepCode, isTwoStepOn, twoStepState } from "./two-step.service.ts";
import { CHALLENGE_MINUTES, CODE_MESSAGES } from "./two-step.rules.ts";
import { maskEmail } from "./account-mail.rules.ts";
import { sessionUserRow, setPolicyConsent } from "./users.queries.ts";
import {
  authenticate,
  changePassword,
  recentSignIns,
  recordSignIn,
  register,
  takenFields,
  SIGN_IN_FAILED,
  signInWaitMessage,
} from "./accounts.service.ts";
import { deleteSessionsOf } from "./sessions.queries.ts";
import { countOtherSessions } from "./sessions.service.ts";
import { assertActiveMember } from "./standing.service.ts";
import { setShowFolded, showsFolded } from "./users.queries.ts";

// A checkbox: sent as "on" when ticked, absent when not.
const cleanbotSettingSchema = z.object({ showFolded: z.literal("on").optional() }).transform((v) => ({ showFolded: v.showFolded === "on" }));

const signUpSchema = z
  .object({
    loginId: loginIdField,
    nickname: nicknameField,
    password: passwordField,
    passwordConfirm: z.string({ error: "비밀번호를 한 번 더 입력해 주세요." }),
    email: optionalEmailField,
    // 개인정보 보호법: the consent is the member's, given by ticking, never pre-ticked.
    agree: z.literal("on", { error: "이용약관과 개인정보 처리방침에 동의해야 가입할 수 있습니다." }),
    returnTo: z.string().optional(),
  })
  .refine((v) => v.password === v.passwordConfirm, {
    path: ["passwordConfirm"],
    message: "비밀번호가 서로 다릅니다.",
  });

const signInSchema = z.object({
  loginId: z.string().max(100),
  password: anyPasswordField,
  returnTo: z.string().optional(),
  remember: z.literal("on").optional(), // 로그인 상태 유지
});

const passwordChangeSchema = z
  .object({
    currentPassword: anyPasswordField,
    newPassword: passwordField,
    newPasswordConfirm: z.string({ error: "새 비밀번호를 한 번 더 입력해 주세요." }),
  })
  .refine((v) => v.newPassword === v.newPasswordConfirm, {
    path: ["newPasswordConfirm"],
    message: "새 비밀번호가 서로 다릅니다.",
  });

function clientInfo(req: Request) {
  return { ip: req.ip ?? "", userAgent: req.get("user-agent") ?? "" };
}

interface PublicDeps {
  voteAfterSignIn?: VoteAfterSignIn; // casts the 추천/반대 a signed-out reader pressed (the votes module's)
  // The forms' tokens before a session, and the member's own from sign-in on (src/http/csrf.ts).
  csrf: { form: RequestHandler[]; check: RequestHandler[]; issue: (req: Request, res: Response) => void };
  secret: string; // signs the known-device cookie
  limits: { signIn: RequestHandler[]; signUp: RequestHandler[] };
  signals: SignalReader; // the sign-in's keyed network and browser signals
  outbox: Outbox; // the sign-up's verification mail
}

/** Why the page a visitor asked for sends them to sign in first. */
function whySignIn(page: string | null): string {
  if (page?.startsWith(paths.accountSecurity())) return "계정 보안에서는 내 계정의 최근 로그인 기록을 확인하고 비밀번호를 바꿀 수 있습니다. 먼저 로그인해 주세요.";
  if (page && /^\/boards\/[0-9]{6}\/write$/.test(page)) return "글을 쓰려면 로그인해 주세요. 로그인하면 글쓰기로 돌아갑니다.";
  return "로그인한 회원만 볼 수 있는 페이지입니다. 로그인하면 그 페이지로 돌아갑니다.";
}

/** Routes an anonymous visitor uses: they carry their own CSRF check and store nothing on GET. */
export function accountsPublicRouter(ctx: Ctx, { csrf, secret, limits, signals, voteAfterSignIn, outbox }: PublicDeps): Router {
  const router = Router();

  const renderSignUp = (res: Response, status: number, values: Record<string, string>, errors: Record<string, string>) =>
    res.status(status).render("accounts/signup", {
      title: "회원가입",
      values,
      errors,
      returnTo: safeReturnTo(values.returnTo) ?? "",
    });

  // `carried`: a signed-out form's text or vote, kept in hidden fields (carry-over.routes.ts).
  const renderSignIn = (res: Response, status: number, values: Record<string, string | undefined>, formError: string | null, carried: Carried = {}, notice: string | null = null) =>
    res.status(status).render("accounts/login", {
      title: "로그인",
      values,
      formError,
      notice,
      carried,
      returnTo: safeReturnTo(values.returnTo) ?? "",
    });

  router.get("/signup", noStore, ...csrf.form, (req, res) => {
    if (req.session?.user) return res.redirect(303, "/");
    const returnTo = typeof req.query.returnTo === "string" ? req.query.returnTo : "";
    renderSignUp(res, 200, { loginId: "", nickname: "", email: "", agree: "", returnTo }, {});
  });

  router.post("/signup", ...limits.signUp, noStore, ...csrf.check, ...csrf.form, async (req, res) => {
    const values = typedValues(req.body, ["loginId", "nickname", "email", "agree", "returnTo"] as const);
    const registered = await tryForm(
      req,
      res,
      async () => {
        const parsed = signUpSchema.safeParse(req.body);
        if (parsed.success) return { user: await register(ctx, parsed.data), returnTo: parsed.data.returnTo, email: parsed.data.email };
        // Every mistake at once: a well-formed id or nickname that is taken is reported too.
        const errors = fieldErrors(parsed.error);
        const taken = await takenFields(ctx, {
          loginId: errors.loginId ? undefined : values.loginId,
          nickname: errors.nickname ? undefined : values.nickname.trim(),
        });
        throw new ValidationError(Object.values(errors).join(" "), { ...errors, ...taken });
      },
      [ValidationError],
    );
    if (!registered.ok) return renderSignUp(res, 400, values, registered.refusal.fields);
    const { user, returnTo, email } = registered.value;
    await startSession(req, { ...user, policy: POLICY_VERSION });
    csrf.issue(req, res); // the member's token cookie comes with the sign-in, not with the next page
    const { ip, userAgent } = clientInfo(req);
    await recordSignIn(ctx, user.id, ip, userAgent, signals(req, res, "sign-in"));
    rememberDevice(req, res, secret, user.id);
    if (email) await startEmailVerification(ctx, outbox, user, email);
    flash(req, "ok", email ? `${user.nickname}님, 가입을 환영합니다. ${withJosa(maskEmail(email), "으로/로")} 보낸 메일의 링크를 열면 이메일이 등록됩니다.` : `${user.nickname}님, 가입을 환영합니다.`);
    res.redirect(303, safeReturnTo(returnTo) ?? "/");
  });

  router.get("/login", noStore, ...csrf.form, (req, res) => {
    if (req.session?.user) return res.redirect(303, safeReturnTo(req.query.returnTo) ?? "/");
    const returnTo = typeof req.query.returnTo === "string" ? req.query.returnTo : "";
    // Sent here by a page that needs signing in: the page says why.
    const notice = req.query.required === "1" ? whySignIn(safeReturnTo(returnTo)) : null;
    renderSignIn(res, 200, { loginId: "", returnTo }, null, {}, notice);
  });

  router.post("/login", ...limits.signIn, noStore, ...csrf.check, ...csrf.form, async (req, res) => {
    const values = typedValues(req.body, ["loginId", "returnTo", "remember"] as const);
    const carried = carriedFrom(req.body);
    const parsed = signInSchema.safeParse(req.body);
    if (!parsed.success) return renderSignIn(res, 401, values, SIGN_IN_FAILED, carried);
    const result = await authenticate(ctx, parsed.data.loginId, parsed.data.password, knownDeviceUser(req, secret));
    if (result.kind === "waiting") {
      res.set("Retry-After", String(result.retryAfterSeconds));
      return renderSignIn(res, 429, values, signInWaitMessage(result.retryAfterSeconds), carried);
    }
    if (result.kind === "failed") return renderSignIn(res, 401, values, SIGN_IN_FAILED, carried);
    if (result.kind === "suspended") return renderSignIn(res, 403, values, result.message, carried);
    const remember = parsed.data.remember === "on";
    // 2단계 인증: the password was right; the session starts only after the code.
    if (await isTwoStepOn(ctx, result.user.id)) {
      return renderCode(res, 200, { challenge: challengeFor(secret, result.user.id, remember, ctx.clock()), returnTo: values.returnTo ?? "" }, null, carried);
    }
    await finishSignIn(req, res, result.user, remember, carried, parsed.data.returnTo);
  });

  // 로그인 상태 유지: a cookie that outlives the browser (7 days idle, 30 at most); otherwise one that ends with it.
  const finishSignIn = async (req: Request, res: Response, user: SessionUser & { operator: boolean }, remember: boolean, carried: Carried, returnTo: string | undefined, note = "") => {
    await startSession(req, user, { persistent: remember });
    csrf.issue(req, res);
    const { ip, userAgent } = clientInfo(req);
    await recordSignIn(ctx, user.id, ip, userAgent, signals(req, res, "sign-in"));
    rememberDevice(req, res, secret, user.id);
    flash(req, "ok", `${user.nickname}님, 로그인했습니다.${note}`);
    res.redirect(303, (await resumeCarried(req, res, carried, safeReturnTo(returnTo), voteAfterSignIn)) ?? "/");
  };

  const renderCode = (res: Response, status: number, values: { challenge: string; returnTo: string }, formError: string | null, carried: Carried) =>
    res.status(status).render("accounts/login-code", { title: "2단계 인증", values, formError, carried, returnTo: safeReturnTo(values.returnTo) ?? "", challengeMinutes: CHALLENGE_MINUTES });

  const codeSchema = z.object({ challenge: z.string().max(200), code: codeField, returnTo: z.string().optional() });

  // The sign-in's second step: the challenge (signed, five minutes) says whose password was right.
  router.post("/login/code", ...limits.signIn, noStore, ...csrf.check, ...csrf.form, async (req, res) => {
    const carried = carriedFrom(req.body);
    const values = { challenge: typedValues(req.body, ["challenge"] as const).challenge ?? "", returnTo: typedValues(req.body, ["returnTo"] as const).returnTo ?? "" };
    const parsed = codeSchema.safeParse(req.body);
    const challenge = parsed.success ? readChallenge(secret, parsed.data.challenge, ctx.clock()) : null;
    if (!parsed.success || !challenge) return renderSignIn(res, 400, { loginId: "", returnTo: values.returnTo }, CODE_MESSAGES.expired, carried);
    const checked = await tryForm(req, res, () => checkTwoStepCode(ctx, challenge.userId, parsed.data.code));
    if (!checked.ok) return renderCode(res, checked.refusal.status, values, checked.refusal.message, carried);
    const user = await sessionUserRow(readerOf(ctx.sql), challenge.userId);
    if (!user) return renderSignIn(res, 400, { loginId: "", returnTo: values.returnTo }, CODE_MESSAGES.expired, carried);
    // An 이용 제한 made while the code was typed keeps the member out, as after a password.
    const standing = await tryForm(req, res, () => assertActiveMember(ctx, user.id));
    if (!standing.ok) return renderSignIn(res, standing.refusal.status, { loginId: "", returnTo: values.returnTo }, standing.refusal.message, carried);
    const note = checked.value.recoveryUsed ? " 복구 코드를 하나 썼습니다. 남은 복구 코드는 계정 보안에서 확인하고 새로 받을 수 있습니다." : "";
    await finishSignIn(req, res, user, challenge.remember, carried, parsed.data.returnTo, note);
  });

  return router;
}

/** The sign-in page drawn for a signed-out form's POST, with what it carried (carry-over.routes.ts). */
export function signInToContinueRouter(csrf: { form: RequestHandler[] }): RequestHandler {
  return signInToContinue(
    (_req, res, { returnTo, notice, carried }) =>
      res.render("accounts/login", { title: "로그인", values: { loginId: "", returnTo }, formError: null, notice, carried, returnTo }),
    csrf.form,
  );
}

/** 로그아웃: mounted behind the sign-in and CSRF guards, before the standing guard (anyone may leave). */
export function signOutRouter(): Router {
  const router = Router();
  router.post("/logout", async (req, res) => {
    await endSession(req);
    res.clearCookie(SESSION_COOKIE);
    noticeForNextPage(res, "signed-out");
    res.redirect(303, "/");
  });
  return router;
}

/**
 * The standing guard in front of every state-changing router: a signed-in member's unsafe
 * request goes on only while the account is in good standing. A session that outlived a
 * suspension (it was loaded just before) is ended here, and the request refused.
 */
export function activeMembersOnly(ctx: Ctx): RequestHandler {
  return async (req, res, next) => {
    const user = req.session?.user;
    if (!user || req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    try {
      await assertActiveMember(ctx, user.id);
    } catch (error) {
      if (req.session) await endSession(req);
      res.locals.currentUser = null; // the refusal's page is an anonymous one now
      throw error;
    }
    next();
  };
}

/** Routes for a signed-in user; mounted behind the sign-in, CSRF and standing guards. */
export function accountsRouter(ctx: Ctx, limits: { passwordChecks: RequestHandler[]; mails: RequestHandler[] }, outbox: Outbox): Router {
  const router = Router();

  const renderSecurity = async (req: Request, res: Response, status: number, errors: Record<string, string>, values: Record<string, string> = {}) => {
    const user = req.session.user!;
    const [logins, otherSessions, showFolded, email, twoStep, nicknameOpens] = await Promise.all([
      recentSignIns(ctx, user.id),
      countOtherSessions(ctx, user.id, req.sessionID),
      showsFolded(readerOf(ctx.sql), user.id),
      emailState(ctx, user.id),
      twoStepState(ctx, user.id),
      nicknameChangeOpensAt(ctx, user.id),
    ]);
    res.status(status).render("accounts/security", {
      title: "계정 보안",
      logins: logins.map((l) => ({ ...l, browser: describeUserAgent(l.userAgent) })),
      otherSessions,
      showFolded,
      email,
      twoStep,
      nicknameOpens,
      errors,
      values,
    });
  };

  router.get("/account/security", requireUser, (req, res) => renderSecurity(req, res, 200, {}));

  router.post("/account/password", ...limits.passwordChecks, async (req, res) => {
    const user = req.session.user!;
    const changed = await tryForm(
      req,
      res,
      () => {
        const { currentPassword, newPassword } = parseForm(passwordChangeSchema, req.body);
        return changePassword(ctx, user.id, currentPassword, newPassword, req.sessionID);
      },
      [ValidationError],
    );
    if (!changed.ok) return renderSecurity(req, res, 400, changed.refusal.fields);
    const ended = changed.value;
    await noticePasswordChange(ctx, outbox, user.id);
    flash(req, "ok", ended > 0 ? `비밀번호를 바꾸고 다른 기기 ${ended}곳에서 로그아웃했습니다.` : "비밀번호를 바꾸었습니다.");
    res.redirect(303, paths.accountSecurity());
  });

  // 이메일 등록·변경: the address becomes the account's once the mailed link is opened.
  router.post("/account/email", ...limits.mails, async (req: Request, res: Response) => {
    const user = req.session.user!;
    const values = typedValues(req.body, ["email"] as const);
    const parsed = z.object({ email: emailField }).safeParse(req.body);
    if (!parsed.success) return renderSecurity(req, res, 400, fieldErrors(parsed.error), values);
    await startEmailVerification(ctx, outbox, user, parsed.data.email);
    flash(req, "ok", `${withJosa(maskEmail(parsed.data.email), "으로/로")} 확인 메일을 보냈습니다. 메일의 링크를 열면 이메일이 등록됩니다.`);
    res.redirect(303, `${paths.accountSecurity()}#email-title`);
  }, limitRefused((req: Request, res: Response, refusal) => renderSecurity(req, res, refusal.status, { email: refusal.message }, typedValues(req.body, ["email"] as const))));

  router.post("/account/email/remove", async (req, res) => {
    await removeEmail(ctx, req.session.user!.id);
    flash(req, "ok", "이메일을 지웠습니다. 이제 아이디 찾기와 비밀번호 재설정 메일을 받을 수 없습니다.");
    res.redirect(303, `${paths.accountSecurity()}#email-title`);
  });

  // 닉네임 변경 (nickname.service.ts): once in 30 days.
  router.post("/account/nickname", async (req, res) => {
    const user = req.session.user!;
    const values = typedValues(req.body, ["nickname"] as const);
    const changed = await tryForm(req, res, () => changeNickname(ctx, user.id, parseForm(z.object({ nickname: nicknameField }), req.body).nickname), [ValidationError]);
    if (!changed.ok) return renderSecurity(req, res, 400, changed.refusal.fields, values);
    req.session.user = { ...user, nickname: changed.value.nickname };
    flash(req, "ok", `닉네임을 ${withJosa(`'${changed.value.nickname}'`, "으로/로")} 바꾸었습니다. 이전 닉네임 ${withJosa(`'${changed.value.previous}'`, "은/는")} 30일 동안 프로필에 함께 보입니다.`);
    res.redirect(303, `${paths.accountSecurity()}#nickname-title`);
  });

  // The notice of a new 약관·개인정보 처리방침 version: read, then accepted here.
  router.post("/account/policy", async (req, res) => {
    const user = req.session.user!;
    await ctx.sql.transaction((t) => setPolicyConsent(t, user.id, POLICY_VERSION, ctx.clock()));
    req.session.user = { ...user, policy: POLICY_VERSION };
    flash(req, "ok", "바뀐 이용약관과 개인정보 처리방침에 동의했습니다.");
    res.redirect(303, safeReturnTo(typedValues(req.body, ["returnTo"] as const).returnTo) ?? "/");
  });

  // 클린봇 설정: folded posts and comments shown open to this reader (docs/product.md §13).
  router.post("/account/cleanbot", async (req, res) => {
    const { showFolded } = parseOr400(cleanbotSettingSchema, req.body);
    await ctx.sql.transaction((t) => setShowFolded(t, req.session.user!.id, showFolded));
    flash(req, "ok", showFolded ? "클린봇이 가린 글과 댓글을 바로 펼쳐 보여 드립니다." : "클린봇이 가린 글과 댓글을 접어서 보여 드립니다.");
    res.redirect(303, `${paths.accountSecurity()}#cleanbot-title`);
  });

  router.post("/account/sessions/others", async (req, res) => {
    const ended = await ctx.sql.transaction((t) => deleteSessionsOf(t, req.session.user!.id, req.sessionID));
    flash(req, "ok", ended > 0 ? `다른 기기 ${ended}곳에서 로그아웃했습니다.` : "로그인된 다른 기기가 없습니다.");
    res.redirect(303, paths.accountSecurity());
  });

  return router;
}

/** Whether the signed-in member must be told of a new 약관·개인정보 처리방침 (the header's notice). */
export const policyNoticeLocals: RequestHandler = (req, res, next) => {
  const user = req.session?.user;
  res.locals.policyNotice = !!user && needsPolicyNotice(user.policy) && req.method === "GET";
  next();
};
