// `npm run jury:select -- [--board 005930] [--month 2026-11] [--force]`: chooses (or shows, if
// already chosen) the jury panel of a board for a KST month. Without --board: every board.
// Without --month: the current month. A month's panel never changes once chosen, so months
// that have not started are refused, and so are months before a board's first post (their
// panel could only ever be empty) unless --force says that is meant.
import { withJosa } from "../src/lib/particles.ts";
import { parseCommand, runCommand } from "../src/cli/command.ts";
import { loadEnv } from "../src/config/env.ts";
import { openCtx } from "../src/context.ts";
import { systemClock } from "../src/lib/clock.ts";
import { isMonth, kstMonth } from "../src/lib/kst-time.ts";
import { OperatorError } from "../src/lib/operator-error.ts";
import { ensurePanel } from "../src/modules/jury/panel.service.ts";

const { values } = parseCommand({
  name: "npm run jury:select --",
  usage: "[--board CODE] [--month YYYY-MM] [--force]",
  summary: "한 달의 운영배심원을 선정합니다 (이미 선정했으면 그 명단을 보여 줍니다). 선정된 배심원은 바뀌지 않습니다.",
  options: { board: { type: "string" }, month: { type: "string" }, force: { type: "boolean" } },
  optionHelp: {
    board: "종목코드로 고른 게시판 하나 (기본값: 모든 게시판)",
    month: "배심원이 활동할 달, 한국 시간 기준 (기본값: 이번 달)",
    force: "게시판의 첫 글보다 앞선 달에도 선정합니다",
  },
});

await runCommand("jury:select", async () => {
  const thisMonth = kstMonth(systemClock());
  const month = values.month ?? thisMonth;
  if (!isMonth(month)) throw new OperatorError(`--month ${month}: ${thisMonth}처럼 써 주세요`);
  if (month > thisMonth) throw new OperatorError(`${withJosa(month, "은/는")} 아직 시작하지 않았습니다. 배심원은 그 전달 한 달 전체의 활동으로 선정합니다`);
  const ctx = await openCtx(loadEnv(), systemClock);
  const { db } = ctx;
  try {
    const boards = await db.board.findMany({ where: values.board ? { stockCode: values.board } : {}, orderBy: { position: "asc" } });
    if (boards.length === 0) throw new OperatorError(values.board ? `게시판 ${withJosa(values.board, "이/가")} 없습니다` : "게시판이 없습니다. npm run db:seed 를 먼저 실행하세요");
    let refused = 0;
    for (const board of boards) {
      const existed = await db.juryPanel.findUnique({ where: { boardId_month: { boardId: board.id, month } } });
      if (!existed && month < thisMonth && !values.force) {
        const first = await db.post.findFirst({ where: { boardId: board.id }, orderBy: { number: "asc" }, select: { createdAt: true } });
        if (!first || month < kstMonth(first.createdAt)) {
          console.error(`${board.stockName} (${board.stockCode}) ${month}: 선정하지 않았습니다. ${first ? `게시판의 첫 글이 ${kstMonth(first.createdAt)}에 올라왔습니다` : "게시판에 글이 없습니다"}. 지금 선정하면 영영 빈 명단이 됩니다 (그래도 선정하려면 --force)`);
          refused++;
          continue;
        }
      }
      const panel = await ensurePanel(ctx, board.id, month);
      console.log(`${board.stockName} (${board.stockCode}) ${month}: ${existed ? "이미 선정됨" : "지금 선정함"}, 배심원 ${panel.members.length}명`);
      for (const m of panel.members) {
        console.log(`  ${m.rank}. ${m.nickname}  점수 ${m.score} (글 ${m.posts}, 댓글 ${m.comments}, 받은 추천 ${m.upsReceived})`);
      }
    }
    if (refused > 0) process.exitCode = 2;
  } finally {
    await db.$disconnect();
  }
});
