// `npm run search:reindex`: rebuilds the search index from the posts. Safe to run any time;
// needed only if the index was lost or posts were written around the app.
import { parseCommand, runCommand } from "../src/cli/command.ts";
import { loadEnv } from "../src/config/env.ts";
import { openCtx } from "../src/context.ts";
import { systemClock } from "../src/lib/clock.ts";
import { reindexAll } from "../src/modules/search/search.service.ts";

parseCommand({ name: "npm run search:reindex", summary: "Rebuilds the post search index from the posts (safe while the board serves)." });
await runCommand("search:reindex", async () => {
  const ctx = await openCtx(loadEnv(), systemClock);
  try {
    console.log(`indexed ${await reindexAll(ctx)} posts`);
  } finally {
    await ctx.db.$disconnect();
  }
});
