// 닉네임 변경 (docs/product.md §5): once in 30 days, through the sign-up's rules (confusables,
// 클린봇, holds); the old name is held for 30 days (nobody else takes a name others trusted)
// and the profile shows it as 이전 닉네임 meanwhile.
import type { Ctx } from "../../context.ts";
import { isUniqueViolation } from "../../db/conflicts.ts";
import { readerOf } from "../../db/sql.ts";
import { ValidationError } from "../../domain/errors.ts";
import { nicknameSkeleton } from "../../lib/confusables.ts";
import { kstDay } from "../../lib/kst-time.ts";
import { takenFields } from "./accounts.service.ts";
import { holdName } from "./names.queries.ts";
import { holdUntil, NICKNAME_CHANGE_DAYS, nextNicknameChange } from "./nickname.rules.ts";
import { lockActiveMember } from "./standing.service.ts";
import { nicknameRow, setNickname } from "./users.queries.ts";

/** 2026년 12월 3일 */
function koreanDate(at: Date): string {
  const [y, m, d] = kstDay(at).split("-").map(Number);
  return `${y}년 ${m}월 ${d}일`;
}

const field = (message: string) => new ValidationError(message, { nickname: message });

function tooSoon(next: Date): ValidationError {
  return field(`닉네임은 ${NICKNAME_CHANGE_DAYS}일에 한 번 바꿀 수 있습니다. ${koreanDate(next)}부터 다시 바꿀 수 있습니다.`);
}

/** When the member may change it next (null: now). */
export async function nicknameChangeOpensAt(ctx: Ctx, userId: number): Promise<Date | null> {
  const row = await nicknameRow(readerOf(ctx.sql), userId);
  return row ? nextNicknameChange(row.changedAt, ctx.clock()) : null;
}

export async function changeNickname(ctx: Ctx, userId: number, wanted: string): Promise<{ nickname: string; previous: string }> {
  const now = ctx.clock();
  const before = await nicknameRow(readerOf(ctx.sql), userId);
  if (!before) throw field("회원 정보를 찾을 수 없습니다.");
  if (before.nickname === wanted) throw field("지금 쓰는 닉네임과 같습니다.");
  const opens = nextNicknameChange(before.changedAt, now);
  if (opens) throw tooSoon(opens);
  const taken = await takenFields(ctx, { nickname: wanted }, userId);
  if (taken.nickname) throw field(taken.nickname);
  const key = nicknameSkeleton(wanted);
  const taking = ctx.sql.transaction(async (t) => {
    await lockActiveMember(t, ctx, userId);
    const row = await nicknameRow(t, userId, ctx.dialect.forUpdate);
    if (!row) return null;
    const again = nextNicknameChange(row.changedAt, now); // a second tab's change came first
    if (again) throw tooSoon(again);
    await holdName(t, { nickname: row.nickname, nicknameKey: row.nicknameKey ?? nicknameSkeleton(row.nickname), userId, until: holdUntil(now) });
    if (!(await setNickname(t, userId, wanted, key, now))) throw field("이미 사용 중인 닉네임입니다.");
    return { nickname: wanted, previous: row.nickname };
  });
  // Another member took the name between the check and the write (PostgreSQL): the index decided.
  const changed = await taking.catch((error: unknown) => {
    if (isUniqueViolation(error)) throw field("이미 사용 중인 닉네임입니다.");
    throw error;
  });
  if (!changed) throw field("회원 정보를 찾을 수 없습니다.");
  // The name is on every page that shows the member's writing.
  ctx.changes.announce({ kind: "names" });
  return changed;
}

