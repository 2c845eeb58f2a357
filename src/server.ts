// Starts the board: parse the environment, open the database, listen, and shut down
// gracefully on SIGTERM/SIGINT: /readyz turns 503 at once, and after SHUTDOWN_DELAY_MS (on
// SIGTERM; at once on SIGINT, a person at the terminal) the server stops accepting, lets
// requests in flight finish, flushes the view counts and closes the database.
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { createApp } from "./app.ts";
import { parseCommand, runCommand } from "./cli/command.ts";
import { changeFeedTransport, databaseKind, loadEnv, settingSource, trustSettings, type Env } from "./config/env.ts";
import { channelOf, pgBroadcast } from "./db/pg-broadcast.ts";
import { processBroadcast, redisBroadcast, type Broadcast } from "./lib/broadcast.ts";
import type { Logger } from "./lib/log.ts";
import { createCtx } from "./context.ts";
import { housekeeping, HOUSEKEEPING_INTERVAL_MS } from "./housekeeping.ts";
import { checkSqliteFile, sqlitePath } from "./db/sqlite-file.ts";
import { redisRateLimitStore } from "./http/rate-limit-redis.ts";
import { systemClock } from "./lib/clock.ts";
import { createLogger } from "./lib/log.ts";
import { OperatorError } from "./lib/operator-error.ts";
import { withJosa } from "./lib/particles.ts";

const SHUTDOWN_GRACE_MS = 10_000;

const SOURCE_WORDS = { environment: "환경 변수 PORT", ".env": ".env의 PORT", default: "기본값" } as const;

/** "http://localhost:3000 에서 열렸습니다 (SQLite prisma/dev.db, 포트: .env의 PORT)". */
function startLine(env: ReturnType<typeof loadEnv>, port: number): string {
  const host = env.HOST && env.HOST !== "::" && env.HOST !== "0.0.0.0" ? (env.HOST.includes(":") ? `[${env.HOST}]` : env.HOST) : "localhost";
  const database =
    databaseKind(env.DATABASE_URL) === "sqlite"
      ? `SQLite ${path.relative(process.cwd(), sqlitePath(env.DATABASE_URL)) || sqlitePath(env.DATABASE_URL)}`
      : `PostgreSQL ${env.DATABASE_URL.replace(/^[a-z]+:\/\/(?:[^@/]*@)?/, "").replace(/\?.*$/, "")}`;
  return `http://${host}:${port} 에서 열렸습니다 (${database}, 포트: ${SOURCE_WORDS[settingSource("PORT")]})`;
}

/** The change feed between instances (docs/decisions/0038), connected before the server listens. */
async function openChangeFeed(env: Env, log: Logger): Promise<Broadcast> {
  const transport = changeFeedTransport(env);
  try {
    if (transport === "postgres") return await pgBroadcast(env.DATABASE_URL, log);
    if (transport === "redis") return await redisBroadcast(env.REDIS_URL!, channelOf(env.DATABASE_URL), log);
  } catch (error) {
    throw new OperatorError(`CHANGE_FEED=${env.CHANGE_FEED}: 인스턴스 사이의 변경 알림(${transport})에 연결할 수 없습니다 (${(error as Error).message})`);
  }
  return processBroadcast();
}

parseCommand({
  name: "npm start  (또는: node dist/src/server.js)",
  summary: "보드를 띄웁니다. 설정은 .env와 환경 변수에서 읽습니다 (.env.example 참고). 환경 변수가 .env보다 앞서고, 비어 있는 환경 변수는 없는 것으로 봅니다.",
  notes: ["npm start는 먼저 빌드하고 마이그레이션과 시드를 적용합니다. npm run dev는 소스를 그대로 실행하고 바뀌면 다시 시작합니다."],
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
    throw new OperatorError(`DATABASE_URL=${shown}: 데이터베이스를 쓸 수 없습니다 (${(error as Error).message.split("\n").filter(Boolean).pop()})`);
  }

  const redis = env.REDIS_URL ? await redisRateLimitStore(env.REDIS_URL, log) : null;
  const feed = await openChangeFeed(env, log);
  // One instance (SQLite) has nobody to tell: its announcements are not even serialized.
  if (feed.status().transport !== "process") ctx.changes.relay(feed);
  const app = createApp({ ...ctx, env, rateLimitStore: redis?.storeFor, redisPing: redis?.ping, changeFeed: feed.status });
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(env.PORT, env.HOST ?? "::", () => {
      server.off("error", reject);
      resolve();
    });
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "EADDRINUSE") throw new OperatorError(`${withJosa(`포트 ${env.PORT}`, "을/를")} 다른 프로그램이 쓰고 있습니다. 그 프로그램을 멈추거나 PORT로 다른 포트를 고르세요 (예: PORT=3001 npm start)`);
    if (error.code === "EACCES") throw new OperatorError(`이 사용자는 포트 ${env.PORT}에서 열 수 없습니다. PORT로 1023보다 큰 포트를 고르세요 (예: PORT=3000)`);
    if (error.code === "EADDRNOTAVAIL") throw new OperatorError(`HOST=${env.HOST}: 이 컴퓨터의 주소가 아닙니다 (예: HOST=127.0.0.1)`);
    throw error;
  });
  const port = (server.address() as AddressInfo).port;
  // For a person at the terminal, first and in words (on stderr: stdout stays JSON lines).
  process.stderr.write(`${startLine(env, port)}\n`);
  log.info({ port, database: databaseKind(env.DATABASE_URL), pageCache: env.PAGE_CACHE, changeFeed: feed.status().transport }, `jongto listening on http://localhost:${port}`);
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
      await feed.close();
      await app.locals.viewCounter.flush();
      await app.locals.mailer.flush(); // queued mails (a reset link) go out before the process does
      app.locals.mailer.close();
      await redis?.close();
      await db.$disconnect();
      log.info("stopped");
      log.flush(() => process.exit(0));
    });
    // Open streams end now (their browsers reconnect to another instance), so close can finish.
    app.locals.live.endAll();
    server.closeIdleConnections();
  }
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
});
