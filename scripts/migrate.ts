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
  summary: "Applies the pending migrations to DATABASE_URL's database (SQLite file or PostgreSQL).",
  options: { seed: { type: "boolean" }, quiet: { type: "boolean" } },
  optionHelp: { seed: "then load the boards and the seed article (idempotent)", quiet: "print only errors" },
});

await runCommand("db:migrate", async () => {
  const env = loadEnv();
  const log = values.quiet ? () => {} : (line: string) => console.log(line);
  const driver = driverFor(env.DATABASE_URL);
  const applied = await driver.migrate(env.SQLITE_BUSY_TIMEOUT_MS, log);
  if (applied.length > 0) commandEvents(env.LOG_LEVEL).record("migration", { applied, database: driver.kind }, "migrations applied");
  if (!values.quiet || applied.length > 0) console.log(applied.length ? `${applied.length} migration(s) applied` : "the database is up to date");
  if (!values.seed) return;
  const ctx = await openCtx(env, systemClock);
  try {
    await seedDatabase(ctx);
  } finally {
    await ctx.db.$disconnect();
  }
});
