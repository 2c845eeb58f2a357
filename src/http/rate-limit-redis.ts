// Rate-limit counters in Redis, so that several app instances count together
// (docs/decisions/0012). Used when REDIS_URL is set; otherwise counters stay in the process.
import { RedisStore, type RedisReply } from "rate-limit-redis";
import { createClient } from "redis";
import type { Logger } from "../lib/log.ts";
import { OperatorError } from "../lib/operator-error.ts";
import type { StoreFactory } from "./rate-limit.ts";

const CONNECT_TIMEOUT_MS = 5_000;

export interface RedisConnection {
  storeFor: StoreFactory;
  /** Resolves when Redis answers PING (the readiness check). */
  ping: () => Promise<void>;
  close: () => Promise<void>;
}

export async function redisRateLimitStore(url: string, log: Logger): Promise<RedisConnection> {
  const client = createClient({ url, socket: { connectTimeout: CONNECT_TIMEOUT_MS, reconnectStrategy: (retries) => Math.min(retries * 200, 2_000) } });
  let connected = false;
  let lastError: unknown = null;
  client.on("error", (error: unknown) => {
    lastError = error;
    // Before the first connection the start-up below reports it once; afterwards each
    // outage is worth a line (the client reconnects by itself).
    if (connected) log.error({ err: error instanceof Error ? error.message : String(error) }, "redis connection failed");
  });
  try {
    await Promise.race([
      client.connect(),
      new Promise((_, reject) =>
        setTimeout(() => reject(lastError ?? new Error(`no answer within ${CONNECT_TIMEOUT_MS / 1000} s`)), CONNECT_TIMEOUT_MS).unref(),
      ),
    ]);
  } catch (error) {
    client.destroy();
    throw new OperatorError(`REDIS_URL=${url.replace(/\/\/[^@/]*@/, "//…@")}: Redis에 연결할 수 없습니다 (${(error as Error).message}). Redis를 띄우거나, 인스턴스가 하나면 REDIS_URL을 비워 두세요`);
  }
  connected = true;
  return {
    storeFor: (prefix) =>
      new RedisStore({ prefix, sendCommand: (...args: string[]) => client.sendCommand(args) as Promise<RedisReply> }),
    ping: async () => {
      await client.ping();
    },
    close: async () => {
      await client.quit();
    },
  };
}
