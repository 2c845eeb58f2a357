// What an operator does with an integrity case (docs/product.md §9): confirm it, which voids
// the group's votes on the case's posts in one transaction — counters recounted from the rows
// that remain, the blind rule asked again of every post (a post the ring shielded, with four
// opinions and now more 반대 than 추천, is blinded at once), the accounts optionally suspended,
// each member told, one public log row with counts only — or dismiss it, which keeps the votes.
// The first decision wins; a second, or a forged id, is refused and changes nothing.
import type { Ctx, SqlTx } from "../../context.ts";
import { dateOrNull, num, type RowOf, type SqlInt } from "../../db/raw.ts";
import { readerOf } from "../../db/sql.ts";
import { ConflictError, ForbiddenError, NotFoundError } from "../../domain/errors.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { decideCase, readCase, recordVoided, type CaseRecord } from "../integrity/cases.queries.ts";
import { announcePostChange, applyBlindRule } from "../jury/blinding.service.ts";
import { countingOpinions } from "../jury/opinions.service.ts";
import { ensureCurrentPanel, type Panel } from "../jury/panel.service.ts";
import { suspensionEnd, type SuspensionTerm } from "../moderation/moderation.rules.ts";
import { notify } from "../notifications/notify.service.ts";
import { recountVotes } from "../posts/posts.queries.ts";
import { voidVotes } from "../votes/votes.queries.ts";
import { logAction } from "./moderation-log.service.ts";
import { limitAccount, lockAccount } from "./operator-actions.service.ts";

const ALREADY_DECIDED = "이미 처리된 사례입니다. 목록을 새로 고쳐 주세요.";
const OWN_CASE = "내 계정이 들어 있는 사례는 다른 운영자가 처리해야 합니다.";

/** The case, if an operator other than its members may decide it now. */
async function decidableCase(ctx: Ctx, operatorId: number, caseId: number): Promise<CaseRecord> {
  const found = await readCase(readerOf(ctx.sql), caseId);
  if (!found) throw new NotFoundError("없는 사례입니다.");
  if (found.evidence.accounts.includes(operatorId)) throw new ForbiddenError(OWN_CASE);
  if (found.status !== "open") throw new ConflictError(ALREADY_DECIDED);
  return found;
}

export async function dismissCase(ctx: Ctx, operatorId: number, caseId: number): Promise<void> {
  await decidableCase(ctx, operatorId, caseId);
  const now = ctx.clock();
  const decided = await ctx.sql.transaction((t) => decideCase(t, caseId, { status: "dismissed", operatorId, now }));
  if (!decided) throw new ConflictError(ALREADY_DECIDED);
  ctx.events.record("operator_action", { action: "dismiss_case", operatorId, targetKind: "case", targetId: caseId });
}

type CasePostSql = RowOf<"Post", "id" | "boardId" | "number" | "authorId" | "opinionCount" | "opinionPanelId" | "deletedAt" | "blindedAt" | "hiddenAt">;

export interface Voided {
  votes: number;
  posts: number; // posts whose counters changed
  blinded: number; // posts the re-asked blind rule blinded
  suspended: number;
}

/** Confirms the case: its votes are voided (see the file comment); `suspend` also limits every member's account. */
export async function confirmCase(ctx: Ctx, operatorId: number, caseId: number, suspend: SuspensionTerm | null): Promise<Voided> {
  const found = await decidableCase(ctx, operatorId, caseId);
  const now = ctx.clock();
  const members = [...found.evidence.accounts].sort((a, b) => a - b);
  const postIds = [...found.evidence.posts].sort((a, b) => a - b);
  // Whose opinions count on each board (the panels are chosen outside the transaction, as a vote does).
  const boards = postIds.length === 0 ? [] : await ctx.sql.read<{ boardId: SqlInt }[]>(Prisma.sql`
    SELECT DISTINCT "boardId" FROM "Post" WHERE "id" IN (${Prisma.join(postIds)})`);
  const panels = new Map<number, Panel>();
  for (const b of boards) panels.set(num(b.boardId), await ensureCurrentPanel(ctx, num(b.boardId)));

  const result = await ctx.sql.transaction(async (t) => {
    if (!(await decideCase(t, caseId, { status: "confirmed", operatorId, now }))) throw new ConflictError(ALREADY_DECIDED);
    // Accounts before posts, as a vote locks them.
    let suspended = 0;
    if (suspend) suspended = await suspendMembers(t, ctx, operatorId, members, suspend, now);
    const perMember = new Map<number, number>();
    const changed: { boardId: number; number: number; blinded: boolean }[] = [];
    for (const postId of postIds) {
      const [post] = await t.all<CasePostSql[]>(Prisma.sql`
        SELECT "id", "boardId", "number", "authorId", "opinionCount", "opinionPanelId", "deletedAt", "blindedAt", "hiddenAt"
        FROM "Post" WHERE "id" = ${postId} ${ctx.dialect.forUpdate}`);
      if (!post) continue;
      const voters = await voidVotes(t, postId, members);
      if (voters.length === 0) continue;
      for (const id of voters) perMember.set(id, (perMember.get(id) ?? 0) + 1);
      const counts = await recountVotes(t, postId);
      const boardId = num(post.boardId);
      // Only a public post can be blinded (a deleted or hidden one keeps its state).
      const standing = { id: postId, boardId, authorId: num(post.authorId), ...counts, opinionCount: countingOpinions({ opinionCount: num(post.opinionCount), opinionPanelId: post.opinionPanelId === null ? null : num(post.opinionPanelId) }, panels.get(boardId)!) };
      const public_ = !dateOrNull(post.deletedAt) && !dateOrNull(post.blindedAt) && !dateOrNull(post.hiddenAt);
      const blinded = public_ && (await applyBlindRule(t, ctx, standing, now));
      changed.push({ boardId, number: num(post.number), blinded });
    }
    const votes = [...perMember.values()].reduce((a, b) => a + b, 0);
    await recordVoided(t, caseId, { votes, posts: changed.length });
    for (const [userId, count] of perMember) await notify(t, now, { userId, kind: "votes_voided", count });
    const oneBoard = new Set(changed.map((c) => c.boardId));
    await logAction(t, now, { action: "void_votes", operatorId, boardId: oneBoard.size === 1 ? [...oneBoard][0] : null, votes, posts: changed.length });
    return { changed, votes, suspended };
  });
  // After the commit: every touched post's page (and a blinded one's jury page) is fresh for the next reader.
  for (const c of result.changed) announcePostChange(ctx, { id: c.boardId }, c.number, c.blinded);
  ctx.events.record("votes_voided", { caseId, operatorId, votes: result.votes, posts: result.changed.length }, "an operator confirmed an integrity case: its votes were voided");
  return { votes: result.votes, posts: result.changed.length, blinded: result.changed.filter((c) => c.blinded).length, suspended: result.suspended };
}

/** 이용 제한 of every member that is not an operator and not already limited longer. */
async function suspendMembers(t: SqlTx, ctx: Pick<Ctx, "dialect">, operatorId: number, members: number[], term: SuspensionTerm, now: Date): Promise<number> {
  const until = suspensionEnd(term, now);
  let n = 0;
  for (const userId of members) {
    const account = await lockAccount(t, ctx, userId);
    if (account.role === "operator" || (account.suspendedUntil && account.suspendedUntil >= until)) continue;
    await limitAccount(t, now, operatorId, userId, until, "manipulation");
    n++;
  }
  return n;
}
