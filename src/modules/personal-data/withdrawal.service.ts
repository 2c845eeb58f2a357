// 회원탈퇴 (docs/product.md §5): with the password (and a code when 2단계 인증 is on), in one
// transaction. The personal data goes at once — email, sign-in history, sessions, 알림,
// 관심종목, 차단, network and browser signals, 2단계 secrets, mailed links; the row stays with
// placeholders (src/lib/withdrawn.ts) so posts, comments and votes keep their author, shown
// as 탈퇴한 회원 with no link. The login id is retired for good (its hash kept); the nickname
// is held 30 days, then free. A juror's seats stay on the record, empty (탈퇴한 배심원).
import type { Ctx } from "../../context.ts";
import { ValidationError } from "../../domain/errors.ts";
import { nicknameSkeleton } from "../../lib/confusables.ts";
import { withdrawnLoginId, withdrawnNickname } from "../../lib/withdrawn.ts";
import { holdName, retiredLoginIdHash, retireLoginId } from "../accounts/names.queries.ts";
import { holdUntil } from "../accounts/nickname.rules.ts";
import { verifyPassword } from "../accounts/passwords.service.ts";
import { deleteSessionsOf } from "../accounts/sessions.queries.ts";
import { lockActiveMember } from "../accounts/standing.service.ts";
import { deleteTokensOf } from "../accounts/tokens.queries.ts";
import { deleteTwoStep } from "../accounts/two-step.queries.ts";
import { checkTwoStepCode, isTwoStepOn } from "../accounts/two-step.service.ts";
import { contactOf, deleteLoginEventsOf, passwordHashOf, withdrawUserRow } from "../accounts/users.queries.ts";
import { deleteBlocksBy } from "../blocks/blocks.service.ts";
import { deleteFollowsOf } from "../follows/follows.service.ts";
import { deleteSignalsOf } from "../integrity/signals.queries.ts";
import { leavePanels } from "../jury/panels.queries.ts";
import { deleteNotificationsOf } from "../notifications/notifications.service.ts";

const WRONG_PASSWORD = "비밀번호가 올바르지 않습니다.";

export async function withdraw(ctx: Ctx, userId: number, proof: { password: string; code: string }): Promise<void> {
  if (!(await verifyPassword(await passwordHashOf(ctx, userId), proof.password))) throw new ValidationError(WRONG_PASSWORD, { password: WRONG_PASSWORD });
  if (await isTwoStepOn(ctx, userId)) await checkTwoStepCode(ctx, userId, proof.code);
  const now = ctx.clock();
  await ctx.sql.transaction(async (t) => {
    await lockActiveMember(t, ctx, userId); // also refuses a second, racing withdrawal
    const me = await contactOf(t, userId);
    if (!me) return;
    await holdName(t, { nickname: me.nickname, nicknameKey: nicknameSkeleton(me.nickname), userId, until: holdUntil(now) });
    await retireLoginId(t, retiredLoginIdHash(me.loginId), now);
    await withdrawUserRow(t, userId, { loginId: withdrawnLoginId(userId), nickname: withdrawnNickname(userId) }, now);
    await deleteTwoStep(t, userId);
    await deleteTokensOf(t, userId);
    await deleteLoginEventsOf(t, userId);
    await deleteSessionsOf(t, userId);
    await deleteNotificationsOf(t, userId);
    await deleteFollowsOf(t, userId);
    await deleteBlocksBy(t, userId);
    await deleteSignalsOf(t, userId);
    await leavePanels(t, userId, now);
  });
  ctx.events.record("account_withdrawn", { userId }, "a member withdrew: personal data deleted");
  // The name on every page that shows the member's writing is now 탈퇴한 회원.
  ctx.changes.announce({ kind: "names" });
}
