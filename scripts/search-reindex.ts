// `npm run search:reindex`: rebuilds the search index from the posts. Safe to run any time;
// needed only if the index was lost or posts were written around the app.
import { parseCommand, runCommand } from "../src/cli/command.ts";
import { loadEnv } from "../src/config/env.ts";
import { openCtx } from "../src/context.ts";
import { systemClock } from "../src/lib/clock.ts";
import { reindexAll } from "../src/modules/search/search.service.ts";

parseCommand({ name: "npm run search:reindex", summary: "글 검색 색인을 글에서 다시 만듭니다 (보드가 실행 중이어도 안전합니다)." });
await runCommand("search:reindex", async () => {
  const ctx = await openCtx(loadEnv(), systemClock);
  try {
    console.log(`글 ${await reindexAll(ctx)}개를 색인했습니다`);
  } finally {
    await ctx.db.$disconnect();
  }
});
