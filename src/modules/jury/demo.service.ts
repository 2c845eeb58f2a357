// Demo data for trying the jury locally (README: "Trying the jury"), on a board of its own
// (999999 jongto 데모) so it works on any database, whatever its real boards' panels are:
// ten demo jurors with last month's activity there (a full panel: four can take a post down
// and three others can hear its author's appeal), and this month a spammy post with more 반대
// than 추천.
import { withJosa } from "../../lib/particles.ts";
import { nicknameSkeleton } from "../../lib/confusables.ts";
import type { Ctx } from "../../context.ts";
import { sqlTx } from "../../db/sql.ts";
import { kstMonth, kstMonthRange, previousMonth } from "../../lib/kst-time.ts";
import { OperatorError } from "../../lib/operator-error.ts";
import { hashPassword } from "../accounts/passwords.service.ts";
import { indexPost } from "../search/search.service.ts";

export const DEMO_PASSWORD = "jongto-demo-2026";
export const DEMO_JURORS = [
  { loginId: "demo_juror1", nickname: "배심원하나" },
  { loginId: "demo_juror2", nickname: "배심원둘" },
  { loginId: "demo_juror3", nickname: "배심원셋" },
  { loginId: "demo_juror4", nickname: "배심원넷" },
  { loginId: "demo_juror5", nickname: "배심원다섯" },
  { loginId: "demo_juror6", nickname: "배심원여섯" },
  { loginId: "demo_juror7", nickname: "배심원일곱" },
  { loginId: "demo_juror8", nickname: "배심원여덟" },
  { loginId: "demo_juror9", nickname: "배심원아홉" },
  { loginId: "demo_juror10", nickname: "배심원열" },
];
export const DEMO_WRITER = { loginId: "demo_writer", nickname: "급등주제보" };
export const DEMO_READER = { loginId: "demo_reader", nickname: "평범한개미" };
export const DEMO_SPAM_TITLE = "[무료 리딩방] 내일 상한가 종목 알려드립니다 카톡 주세요";

export const DEMO_BOARD = { stockCode: "999999", stockName: "jongto 데모", market: "DEMO" } as const;

export class DemoError extends OperatorError {}

export async function createDemoData(ctx: Ctx) {
  const { db } = ctx;
  const now = ctx.clock();
  const month = kstMonth(now);
  const lastMonth = previousMonth(month);
  const loginIds = [...DEMO_JURORS, DEMO_WRITER, DEMO_READER].map((u) => u.loginId);
  if (await db.user.findFirst({ where: { loginId: { in: loginIds } } })) {
    throw new DemoError(`이 데이터베이스에 이미 데모 데이터가 있습니다 (게시판 ${DEMO_BOARD.stockCode}). 새 데모 데이터베이스는 npm run demo 로 만듭니다`);
  }
  const existing = await db.board.findUnique({ where: { stockCode: DEMO_BOARD.stockCode } });
  if (existing && (existing.lastPostNumber > 0 || (await db.juryPanel.findFirst({ where: { boardId: existing.id } })))) {
    throw new DemoError(`이 데이터베이스에서 ${withJosa(`게시판 ${DEMO_BOARD.stockCode}`, "을/를")} 이미 쓰고 있습니다. 새 데모 데이터베이스는 npm run demo 로 만듭니다`);
  }
  const last = await db.board.findFirst({ orderBy: { position: "desc" }, select: { position: true } });
  const board = existing ?? (await db.board.create({ data: { ...DEMO_BOARD, position: (last?.position ?? 0) + 1 } }));

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const lastStart = kstMonthRange(lastMonth).start;
  const joined = new Date(kstMonthRange(previousMonth(lastMonth)).start.getTime() + 86_400_000);
  const at = (day: number, hour: number) => new Date(lastStart.getTime() + ((day - 1) * 24 + hour) * 3_600_000);

  return ctx.db.$transaction(async (tx) => {
    const jurors = [];
    const key = (u: { loginId: string; nickname: string }) => ({ ...u, nicknameKey: nicknameSkeleton(u.nickname) });
    for (const j of DEMO_JURORS) jurors.push(await tx.user.create({ data: { ...key(j), passwordHash, createdAt: joined } }));
    const writer = await tx.user.create({ data: { ...key(DEMO_WRITER), passwordHash, createdAt: joined } });
    // Old enough to 추천/반대 and 신고 (VOTE_MIN_ACCOUNT_AGE_HOURS), like every demo account.
    const reader = await tx.user.create({ data: { ...key(DEMO_READER), passwordHash, createdAt: joined } });

    let number = board.lastPostNumber;
    const post = async (authorId: number, title: string, body: string, createdAt: Date) => {
      const created = await tx.post.create({ data: { boardId: board.id, number: ++number, authorId, title, body, createdAt } });
      await indexPost(sqlTx(tx), ctx, created);
      return created;
    };

    // Last month: each juror writes a few posts and comments; juror 1 is the most active. The
    // posts are written in date order (numbers rise with time, as on a real board), and each
    // draws a plausible share of readers, comments and 추천 rather than the same nine on all.
    const topics = ["HBM 공급 계약 소식 정리", "외국인 순매수 흐름", "파운드리 수율 이야기", "배당 일정 확인", "실적 발표 전 체크포인트"];
    const replies = ["정리 감사합니다.", "좋은 글 잘 읽었습니다.", "공시 링크도 같이 보면 좋겠네요.", "저도 같은 생각입니다.", "수급은 조금 더 지켜봐야 할 듯합니다."];
    const planned = jurors.flatMap((juror, i) => Array.from({ length: Math.max(1, 5 - Math.floor(i / 2)) }, (_, k) => ({ juror, i, k, day: 2 + i + k })));
    planned.sort((a, b) => a.day - b.day || a.i - b.i);
    for (const [n, { juror, i, k, day }] of planned.entries()) {
      const p = await post(juror.id, `${topics[(i + k) % topics.length]} (${k + 1})`, "지난달 공시와 뉴스를 정리했습니다.\n\n의견 환영합니다.", at(day, 9 + (n % 10)));
      const others = jurors.filter((other, j) => other.id !== juror.id && (j + n) % 3 !== 0);
      for (const [j, other] of others.entries()) {
        await tx.comment.create({ data: { postId: p.id, authorId: other.id, body: replies[(n + j) % replies.length]!, createdAt: at(day, 20) } });
        if (j % 2 === 0) await tx.vote.create({ data: { postId: p.id, userId: other.id, value: "UP", createdAt: at(day, 21), updatedAt: at(day, 21) } });
      }
      const ups = Math.ceil(others.length / 2);
      await tx.post.update({ where: { id: p.id }, data: { commentCount: others.length, upCount: ups, viewCount: 40 + ((n * 37) % 90) + ups * 6 } });
    }

    // This month: a spam post with 반대 2, 추천 0.
    const spam = await post(writer.id, DEMO_SPAM_TITLE, "수익 보장! 무료 리딩방 입장하세요. 오픈채팅 링크는 댓글로 드립니다.", now);
    for (const voter of [jurors[4]!, reader]) {
      await tx.vote.create({ data: { postId: spam.id, userId: voter.id, value: "DOWN", createdAt: now, updatedAt: now } });
    }
    await tx.post.update({ where: { id: spam.id }, data: { downCount: 2 } });
    await tx.board.update({ where: { id: board.id }, data: { lastPostNumber: number } });
    return { spamNumber: spam.number, stockCode: board.stockCode, month, lastMonth };
  });
}
