// Starts the board: parse the environment, open the database, listen, and shut down
// gracefully on SIGTERM/SIGINT (stop accepting, let requests in flight finish, close the DB).
import type { AddressInfo } from "node:net";
import { createApp } from "./app.ts";
import { loadDotEnv, parseEnv } from "./config/env.ts";
import { createDb, prepareDb } from "./db/client.ts";
import { housekeeping, HOUSEKEEPING_INTERVAL_MS } from "./db/housekeeping.ts";
import { redisRateLimitStore } from "./http/rate-limit-redis.ts";
import { systemClock } from "./lib/clock.ts";

const SHUTDOWN_GRACE_MS = 10_000;

loadDotEnv();
const env = parseEnv();
const db = createDb(env.DATABASE_URL, env.SQLITE_BUSY_TIMEOUT_MS);
await prepareDb(db);

const redis = env.REDIS_URL ? await redisRateLimitStore(env.REDIS_URL) : null;
const app = createApp({ env, db, clock: systemClock, rateLimitStore: redis?.storeFor });
const server = app.listen(env.PORT, env.HOST ?? "::", () => {
  const { port } = server.address() as AddressInfo;
  console.log(`jongto listening on http://localhost:${port}`);
});

// Expired sessions and past days' view records go hourly (docs/decisions/0004, 0006).
const cleaner = setInterval(() => {
  housekeeping({ db, clock: systemClock }).catch((error: unknown) => console.error("housekeeping failed:", error));
}, HOUSEKEEPING_INTERVAL_MS);
cleaner.unref();

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  clearInterval(cleaner);
  console.log(`${signal}: shutting down`);
  const force = setTimeout(() => {
    console.error("shutdown took too long; exiting");
    process.exit(1);
  }, SHUTDOWN_GRACE_MS);
  force.unref();
  server.close(async () => {
    await app.locals.viewCounter.flush();
    await redis?.close();
    await db.$disconnect();
    process.exit(0);
  });
  server.closeIdleConnections();
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
