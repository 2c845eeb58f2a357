// `npm run db:seed`: loads the required rows (run by `npm start` before the server starts).
import { loadDotEnv, parseEnv } from "../src/config/env.ts";
import { createDb, prepareDb } from "../src/db/client.ts";
import { seedDatabase } from "../src/db/seed.ts";

loadDotEnv();
const env = parseEnv();
const db = createDb(env.DATABASE_URL);
try {
  await prepareDb(db);
  await seedDatabase(db);
} finally {
  await db.$disconnect();
}
