// `npm run db:seed`: loads the required rows (the boards and the seed article). Idempotent;
// `npm start` runs it before the server starts (through `db:migrate --seed`).
import { parseCommand, runCommand } from "../src/cli/command.ts";
import { loadEnv } from "../src/config/env.ts";
import { openCtx } from "../src/context.ts";
import { systemClock } from "../src/lib/clock.ts";
import { seedDatabase } from "../src/modules/boards/seed.service.ts";

parseCommand({ name: "npm run db:seed", summary: "DATABASE_URL의 데이터베이스에 게시판과 시드 글을 불러옵니다. 여러 번 해도 같습니다." });
await runCommand("db:seed", async () => {
  const ctx = await openCtx(loadEnv(), systemClock);
  try {
    await seedDatabase(ctx);
  } finally {
    await ctx.db.$disconnect();
  }
});
