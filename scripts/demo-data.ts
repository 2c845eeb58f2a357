// `npm run demo:data`: writes the demo board (999999), its demo jurors and their activity
// into DATABASE_URL's database. Adds only demo rows; refuses if they are there already.
import { parseCommand, runCommand } from "../src/cli/command.ts";
import { withJosa } from "../src/lib/particles.ts";
import { loadEnv } from "../src/config/env.ts";
import { openCtx } from "../src/context.ts";
import { systemClock } from "../src/lib/clock.ts";
import { createDemoData, DEMO_BOARD, DEMO_JURORS, DEMO_PASSWORD, DEMO_READER, DEMO_WRITER } from "../src/modules/jury/demo.service.ts";

parseCommand({
  name: "npm run demo:data",
  summary: `DATABASE_URL의 데이터베이스에 운영배심원 데모를 더합니다: 게시판 ${DEMO_BOARD.stockCode} (${DEMO_BOARD.stockName}), 지난달 그 게시판에서 활동한 데모 계정, 내릴 스팸 글.`,
  notes: ["다른 것은 바꾸지 않습니다. npm run demo 는 같은 일을 새 prisma/demo.db에 하고 보드를 띄웁니다."],
});

await runCommand("demo:data", async () => {
  const ctx = await openCtx(loadEnv(), systemClock);
  try {
    const { spamNumber, stockCode, month, lastMonth } = await createDemoData(ctx);
    console.log(`데모 데이터를 만들었습니다: 게시판 ${stockCode} (${DEMO_BOARD.stockName}), ${lastMonth}에 활동한 데모 배심원 ${DEMO_JURORS.length}명.`);
    console.log(`모든 데모 계정의 비밀번호: ${DEMO_PASSWORD}`);
    for (const j of DEMO_JURORS) console.log(`  ${j.loginId.padEnd(12)} ${j.nickname}  (${month} 운영배심원)`);
    console.log(`  ${DEMO_WRITER.loginId.padEnd(12)} ${DEMO_WRITER.nickname}  (스팸 글을 쓴 회원)`);
    console.log(`  ${DEMO_READER.loginId.padEnd(12)} ${DEMO_READER.nickname}  (배심원이 아닌 보통 회원)`);
    console.log(`배심원 네 명으로 차례로 로그인해 /boards/${stockCode}/posts/${spamNumber}에서 글 내리기를 누르세요.`);
    console.log(`그다음 ${withJosa(DEMO_WRITER.loginId, "으로/로")} 로그인해 이의 신청하기를 누르면, 의견을 내지 않은 배심원 세 명(예: demo_juror6–8)이 심사합니다.`);
  } finally {
    await ctx.db.$disconnect();
  }
});
