// `npm run db:migrate [-- --seed]`: applies the pending migrations of DATABASE_URL's database
// (SQLite or PostgreSQL), and with --seed loads the required rows too. `npm start` and
// `npm run dev` run it with --seed before the server starts.
import { parseCommand, runCommand } from "../src/cli/command.ts";
import { loadEnv } from "../src/config/env.ts";
import { createDb, prepareDb } from "../src/db/client.ts";
import { applyMigrations } from "../src/db/migrations.ts";
import { seedDatabase } from "../src/db/seed.ts";

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
  const applied = await applyMigrations(env, log);
  if (!values.quiet || applied.length > 0) console.log(applied.length ? `${applied.length} migration(s) applied` : "the database is up to date");
  if (!values.seed) return;
  const db = createDb(env.DATABASE_URL, env.SQLITE_BUSY_TIMEOUT_MS);
  try {
    await prepareDb(db);
    await seedDatabase(db);
  } finally {
    await db.$disconnect();
  }
});
