// `npm run jury:select -- [--board 005930] [--month 2026-11]`: chooses (or shows, if already
// chosen) the jury panel of a board for a KST month. Without --board: every board. Without
// --month: the current month. Future months are refused: their activity month is not over.
import { parseArgs } from "node:util";
import { loadDotEnv, parseEnv } from "../src/config/env.ts";
import { createDb, prepareDb } from "../src/db/client.ts";
import { systemClock } from "../src/lib/clock.ts";
import { isMonth, kstMonth } from "../src/lib/kst-time.ts";
import { ensurePanel } from "../src/modules/jury/panel.service.ts";

const { values } = parseArgs({ options: { board: { type: "string" }, month: { type: "string" } } });
const month = values.month ?? kstMonth(systemClock());
if (!isMonth(month)) {
  console.error(`--month must look like 2026-11, not "${month}"`);
  process.exit(2);
}
if (month > kstMonth(systemClock())) {
  console.error(`${month} has not started: its panel is chosen from the whole of the month before it.`);
  process.exit(2);
}

loadDotEnv();
const db = createDb(parseEnv().DATABASE_URL);
try {
  await prepareDb(db);
  const boards = await db.board.findMany({
    where: values.board ? { stockCode: values.board } : {},
    orderBy: { position: "asc" },
  });
  if (boards.length === 0) {
    console.error(`no board ${values.board ?? ""}`.trim());
    process.exitCode = 2;
  }
  for (const board of boards) {
    const existed = await db.juryPanel.findUnique({ where: { boardId_month: { boardId: board.id, month } } });
    const panel = await ensurePanel({ db, clock: systemClock }, board.id, month);
    console.log(`${board.stockName} (${board.stockCode}) ${month}: ${existed ? "already chosen" : "chosen now"}, ${panel.members.length} juror(s)`);
    for (const m of panel.members) {
      console.log(`  ${m.rank}. ${m.nickname}  score ${m.score} (posts ${m.posts}, comments ${m.comments}, 추천 ${m.upsReceived})`);
    }
  }
} finally {
  await db.$disconnect();
}
