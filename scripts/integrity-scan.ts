// `npm run integrity:scan`: runs the integrity scan now (housekeeping runs it hourly): rings of
// accounts that share a network or browser signal and vote together, and bursts of young
// accounts' votes on one post. Each new group becomes a case on /admin/integrity. Prints what
// it found and how long it took; never prints a signal.
import { parseCommand, runCommand } from "../src/cli/command.ts";
import { loadEnv } from "../src/config/env.ts";
import { openCtx } from "../src/context.ts";
import { systemClock } from "../src/lib/clock.ts";
import { scanIntegrity } from "../src/modules/integrity/scan.service.ts";

parseCommand({
  name: "npm run integrity:scan --",
  usage: "",
  summary: "최근 30일의 투표 조작 무리(ring)와 몰아치기(burst)를 찾아 새 무리마다 사건을 엽니다 (/admin/integrity). 기준값: .env.example의 INTEGRITY_*.",
  options: {},
  optionHelp: {},
});

await runCommand("integrity:scan", async () => {
  const ctx = await openCtx(loadEnv(), systemClock);
  try {
    const r = await scanIntegrity(ctx);
    console.log(`투표 조작 검사: 새 사건 ${r.opened}건. 공유 신호 ${r.sharedSignals}개와 추천/반대 ${r.votesRead}개에서 무리 ${r.rings}개, 몰아치기 ${r.bursts}개를 찾았습니다 (${r.ms} ms)`);
    if (r.publicNetworks > 0) console.log(`  200개가 넘는 계정이 함께 쓰는 신호 ${r.publicNetworks}개는 뺐습니다 (공용 네트워크)`);
    if (r.opened > 0) console.log("  열린 사건: /admin/integrity");
  } finally {
    await ctx.db.$disconnect();
  }
});
