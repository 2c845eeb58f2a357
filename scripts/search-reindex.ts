// `npm run search:reindex`: rebuilds the search index from the posts. Safe to run any time;
// needed only if the index was lost or posts were written around the app.
import { parseCommand, runCommand } from "../src/cli/command.ts";
import { loadEnv } from "../src/config/env.ts";
import { createDb, prepareDb } from "../src/db/client.ts";
import { systemClock } from "../src/lib/clock.ts";
import { reindexAll } from "../src/modules/search/search.service.ts";

parseCommand({ name: "npm run search:reindex", summary: "Rebuilds the post search index from the posts (safe while the board serves)." });
await runCommand("search:reindex", async () => {
  const env = loadEnv();
  const db = createDb(env.DATABASE_URL, env.SQLITE_BUSY_TIMEOUT_MS);
  try {
    await prepareDb(db);
    console.log(`indexed ${await reindexAll({ db, clock: systemClock })} posts`);
  } finally {
    await db.$disconnect();
  }
});
