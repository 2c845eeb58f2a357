// `npm run db:migrate [-- --seed]`: applies the pending migrations of DATABASE_URL's database
// (SQLite or PostgreSQL), and with --seed loads the required rows too. `npm start` and
// `npm run dev` run it with --seed before the server starts.
import { parseCommand, runCommand } from "../src/cli/command.ts";
import { loadEnv } from "../src/config/env.ts";
import { openCtx } from "../src/context.ts";
import { driverFor } from "../src/db/driver.ts";
import { systemClock } from "../src/lib/clock.ts";
import { commandEvents } from "../src/lib/notable-events.ts";
import { seedDatabase } from "../src/modules/boards/seed.service.ts";

const { values } = parseCommand({
  name: "npm run db:migrate --",
  usage: "[--seed] [--quiet]",
  summary: "DATABASE_URL의 데이터베이스(SQLite 파일이나 PostgreSQL)에 남은 마이그레이션을 적용합니다.",
  options: { seed: { type: "boolean" }, quiet: { type: "boolean" } },
  optionHelp: { seed: "이어서 게시판과 시드 글을 불러옵니다 (여러 번 해도 같습니다)", quiet: "오류와 처음 불러온 시드만 알립니다" },
});

await runCommand("db:migrate", async () => {
  const env = loadEnv();
  const log = values.quiet ? () => {} : (line: string) => console.log(line);
  const driver = driverFor(env.DATABASE_URL);
  const applied = await driver.migrate(env.SQLITE_BUSY_TIMEOUT_MS, log);
  if (applied.length > 0) commandEvents(env.LOG_LEVEL).record("migration", { applied, database: driver.kind }, "migrations applied");
  if (!values.quiet || applied.length > 0) console.log(applied.length ? `마이그레이션 ${applied.length}개를 적용했습니다` : "데이터베이스가 최신입니다");
  if (!values.seed) return;
  const ctx = await openCtx(env, systemClock);
  try {
    // Said even with --quiet: a person starting the board for the first time reads where to look.
    const loaded = await seedDatabase(ctx);
    if (loaded) console.log(`시드 글을 불러왔습니다: ${loaded.stockName} 종목토론 1번 글 (${loaded.path})`);
  } finally {
    await ctx.db.$disconnect();
  }
});
