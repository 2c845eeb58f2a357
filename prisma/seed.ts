// `npm run db:seed`: loads the required rows (the boards and the seed article). Idempotent;
// `npm start` runs it before the server starts (through `db:migrate --seed`).
import { parseCommand, runCommand } from "../src/cli/command.ts";
import { loadEnv } from "../src/config/env.ts";
import { createDb, prepareDb } from "../src/db/client.ts";
import { seedDatabase } from "../src/db/seed.ts";

parseCommand({ name: "npm run db:seed", summary: "Loads the boards and the seed article into DATABASE_URL's database; safe to repeat." });
await runCommand("db:seed", async () => {
  const env = loadEnv();
  const db = createDb(env.DATABASE_URL, env.SQLITE_BUSY_TIMEOUT_MS);
  try {
    await prepareDb(db);
    await seedDatabase(db);
  } finally {
    await db.$disconnect();
  }
});
