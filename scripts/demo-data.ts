// `npm run demo:data`: writes the demo jurors and their activity into DATABASE_URL.
import { loadDotEnv, parseEnv } from "../src/config/env.ts";
import { createDb, prepareDb } from "../src/db/client.ts";
import { createDemoData, DEMO_JURORS, DEMO_PASSWORD, DEMO_READER, DEMO_WRITER, DemoError } from "../src/db/demo.ts";
import { systemClock } from "../src/lib/clock.ts";

loadDotEnv();
const db = createDb(parseEnv().DATABASE_URL);
try {
  await prepareDb(db);
  const { spamNumber, month, lastMonth } = await createDemoData(db, systemClock);
  console.log(`Demo data written: ${DEMO_JURORS.length} demo jurors with ${lastMonth} activity on 삼성전자 (005930).`);
  console.log(`Password for every demo account: ${DEMO_PASSWORD}`);
  for (const j of DEMO_JURORS) console.log(`  ${j.loginId.padEnd(12)} ${j.nickname}  (juror for ${month})`);
  console.log(`  ${DEMO_WRITER.loginId.padEnd(12)} ${DEMO_WRITER.nickname}  (wrote the spam post)`);
  console.log(`  ${DEMO_READER.loginId.padEnd(12)} ${DEMO_READER.nickname}  (an ordinary reader, not a juror)`);
  console.log(`Sign in as four of the jurors and press 글 내리기 on /boards/005930/posts/${spamNumber}.`);
} catch (error) {
  if (!(error instanceof DemoError)) throw error;
  console.error(`demo:data: ${error.message}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
