// `npm run demo:data`: writes the demo board (999999), its demo jurors and their activity
// into DATABASE_URL's database. Adds only demo rows; refuses if they are there already.
import { parseCommand, runCommand } from "../src/cli/command.ts";
import { loadEnv } from "../src/config/env.ts";
import { openCtx } from "../src/context.ts";
import { systemClock } from "../src/lib/clock.ts";
import { createDemoData, DEMO_BOARD, DEMO_JURORS, DEMO_PASSWORD, DEMO_READER, DEMO_WRITER } from "../src/modules/jury/demo.service.ts";

parseCommand({
  name: "npm run demo:data",
  summary: `Adds the jury demo to DATABASE_URL's database: board ${DEMO_BOARD.stockCode} (${DEMO_BOARD.stockName}), demo accounts with last month's activity there, and a spam post to take down.`,
  notes: ["It changes nothing else; `npm run demo` does the same on a fresh prisma/demo.db and serves it."],
});

await runCommand("demo:data", async () => {
  const ctx = await openCtx(loadEnv(), systemClock);
  try {
    const { spamNumber, stockCode, month, lastMonth } = await createDemoData(ctx);
    console.log(`Demo data written: board ${stockCode} (${DEMO_BOARD.stockName}), ${DEMO_JURORS.length} demo jurors with ${lastMonth} activity there.`);
    console.log(`Password for every demo account: ${DEMO_PASSWORD}`);
    for (const j of DEMO_JURORS) console.log(`  ${j.loginId.padEnd(12)} ${j.nickname}  (juror for ${month})`);
    console.log(`  ${DEMO_WRITER.loginId.padEnd(12)} ${DEMO_WRITER.nickname}  (wrote the spam post)`);
    console.log(`  ${DEMO_READER.loginId.padEnd(12)} ${DEMO_READER.nickname}  (an ordinary reader, not a juror)`);
    console.log(`Sign in as four of the jurors and press 글 내리기 on /boards/${stockCode}/posts/${spamNumber}.`);
    console.log(`Then sign in as ${DEMO_WRITER.loginId} and press 이의 신청하기 on it; three jurors who gave no opinion (e.g. demo_juror6–8) decide the appeal.`);
  } finally {
    await ctx.db.$disconnect();
  }
});
