// `npm run jury:select -- [--board 005930] [--month 2026-11] [--force]`: chooses (or shows, if
// already chosen) the jury panel of a board for a KST month. Without --board: every board.
// Without --month: the current month. A month's panel never changes once chosen, so months
// that have not started are refused, and so are months before a board's first post (their
// panel could only ever be empty) unless --force says that is meant.
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
  summary: "Chooses a month's jury panel (or prints the one chosen then). A chosen panel never changes.",
  options: { board: { type: "string" }, month: { type: "string" }, force: { type: "boolean" } },
  optionHelp: {
    board: "one board by stock code (default: every board)",
    month: "the KST month the panel serves (default: this month)",
    force: "also choose for a month before the board's first post",
  },
});

await runCommand("jury:select", async () => {
  const thisMonth = kstMonth(systemClock());
  const month = values.month ?? thisMonth;
  if (!isMonth(month)) throw new OperatorError(`--month must look like ${thisMonth}, not "${month}"`);
  if (month > thisMonth) throw new OperatorError(`${month} has not started: its panel is chosen from the whole of the month before it`);
  const ctx = await openCtx(loadEnv(), systemClock);
  const { db } = ctx;
  try {
    const boards = await db.board.findMany({ where: values.board ? { stockCode: values.board } : {}, orderBy: { position: "asc" } });
    if (boards.length === 0) throw new OperatorError(values.board ? `no board ${values.board}` : "no boards: run npm run db:seed");
    let refused = 0;
    for (const board of boards) {
      const existed = await db.juryPanel.findUnique({ where: { boardId_month: { boardId: board.id, month } } });
      if (!existed && month < thisMonth && !values.force) {
        const first = await db.post.findFirst({ where: { boardId: board.id }, orderBy: { number: "asc" }, select: { createdAt: true } });
        if (!first || month < kstMonth(first.createdAt)) {
          console.error(`${board.stockName} (${board.stockCode}) ${month}: refused, ${first ? `the board's first post is from ${kstMonth(first.createdAt)}` : "the board has no posts"}; a panel chosen now would stay empty for good (--force to choose it anyway)`);
          refused++;
          continue;
        }
      }
      const panel = await ensurePanel(ctx, board.id, month);
      console.log(`${board.stockName} (${board.stockCode}) ${month}: ${existed ? "chosen before" : "chosen now"}, ${panel.members.length} juror(s)`);
      for (const m of panel.members) {
        console.log(`  ${m.rank}. ${m.nickname}  score ${m.score} (posts ${m.posts}, comments ${m.comments}, 추천 ${m.upsReceived})`);
      }
    }
    if (refused > 0) process.exitCode = 2;
  } finally {
    await db.$disconnect();
  }
});
