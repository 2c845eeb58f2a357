// Starts the board: parse the environment, open the database, listen, and shut down
// gracefully on SIGTERM/SIGINT: /readyz turns 503 at once, and after SHUTDOWN_DELAY_MS (on
// SIGTERM; at once on SIGINT, a person at the terminal) the server stops accepting, lets
// requests in flight finish, flushes the view counts and closes the database.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createApp } from "./app.ts";
import { parseCommand, runCommand } from "./cli/command.ts";
import { databaseKind, loadEnv, trustSettings } from "./config/env.ts";
import { createCtx } from "./context.ts";
import { housekeeping, HOUSEKEEPING_INTERVAL_MS } from "./housekeeping.ts";
import { checkSqliteFile, sqlitePath } from "./db/sqlite-file.ts";
import { redisRateLimitStore } from "./http/rate-limit-redis.ts";
import { systemClock } from "./lib/clock.ts";
import { createLogger } from "./lib/log.ts";
import { OperatorError } from "./lib/operator-error.ts";

const SHUTDOWN_GRACE_MS = 10_000;

parseCommand({
  name: "npm start  (or: node dist/src/server.js)",
  summary: "Serves the board. Configuration comes from .env and the environment (see .env.example).",
  notes: ["`npm start` builds, migrates and seeds first; `npm run dev` runs the sources with reload."],
});

await runCommand("jongto", async () => {
  const env = loadEnv();
  // Readable lines for a person at a terminal in development; JSON lines otherwise.
  const log = createLogger({ level: env.LOG_LEVEL, pretty: env.NODE_ENV === "development" && process.stdout.isTTY });
  if (databaseKind(env.DATABASE_URL) === "sqlite") checkSqliteFile(sqlitePath(env.DATABASE_URL));
  const ctx = createCtx(env.DATABASE_URL, systemClock, env.SQLITE_BUSY_TIMEOUT_MS, log, trustSettings(env));
  const { db } = ctx;
  try {
    await ctx.dialect.prepare(db, { synchronous: env.SQLITE_SYNCHRONOUS });
    await db.$queryRawUnsafe("SELECT 1");
  } catch (error) {
    const shown = env.DATABASE_URL.replace(/\/\/[^@/]*@/, "//…@");
    throw new OperatorError(`DATABASE_URL=${shown}: cannot use the database (${(error as Error).message.split("\n").filter(Boolean).pop()})`);
  }

  const redis = env.REDIS_URL ? await redisRateLimitStore(env.REDIS_URL, log) : null;
  const app = createApp({ ...ctx, env, rateLimitStore: redis?.storeFor, redisPing: redis?.ping });
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(env.PORT, env.HOST ?? "::", () => {
      server.off("error", reject);
      resolve();
    });
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "EADDRINUSE") throw new OperatorError(`port ${env.PORT} is already in use by another program; stop it or choose another port with PORT (example: PORT=3001 npm start)`);
    if (error.code === "EACCES") throw new OperatorError(`this user may not listen on port ${env.PORT}; choose a port above 1023 with PORT (example: PORT=3000)`);
    if (error.code === "EADDRNOTAVAIL") throw new OperatorError(`HOST=${env.HOST} is not an address of this machine (example: HOST=127.0.0.1)`);
    throw error;
  });
  const port = (server.address() as AddressInfo).port;
  log.info({ port, database: databaseKind(env.DATABASE_URL), pageCache: env.PAGE_CACHE }, `jongto listening on http://localhost:${port}`);
  log.flush(); // out now, not with the next 4 KiB of lines

  // Expired sessions and past days' view records go hourly (docs/decisions/0004, 0006).
  const cleaner = setInterval(() => {
    housekeeping(ctx).then(
      (removed) => ctx.events.record("housekeeping", removed),
      (error: unknown) => log.error({ err: error }, "housekeeping failed"),
    );
  }, HOUSEKEEPING_INTERVAL_MS);
  cleaner.unref();

  let stopping = false;
  async function shutdown(signal: string) {
    if (stopping) return;
    stopping = true;
    clearInterval(cleaner);
    // Not ready from now on: a load balancer polling /readyz stops sending new requests.
    app.locals.draining = true;
    const delay = signal === "SIGTERM" ? env.SHUTDOWN_DELAY_MS : 0;
    log.info({ signal, delayMs: delay }, "shutting down");
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const force = setTimeout(() => {
      log.error("shutdown took too long; exiting");
      log.flush();
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    server.close(async () => {
      await app.locals.viewCounter.flush();
      await redis?.close();
      await db.$disconnect();
      log.info("stopped");
      log.flush(() => process.exit(0));
    });
    server.closeIdleConnections();
  }
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
});
