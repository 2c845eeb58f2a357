// `npm run search:reindex`: rebuilds the search index from the posts. Safe to run any time;
// needed only if the index was lost or posts were written around the app.
import { loadDotEnv, parseEnv } from "../src/config/env.ts";
import { createDb, prepareDb } from "../src/db/client.ts";
import { systemClock } from "../src/lib/clock.ts";
import { reindexAll } from "../src/modules/search/search.service.ts";

loadDotEnv();
const db = createDb(parseEnv().DATABASE_URL);
try {
  await prepareDb(db);
  console.log(`indexed ${await reindexAll({ db, clock: systemClock })} posts`);
} finally {
  await db.$disconnect();
}
