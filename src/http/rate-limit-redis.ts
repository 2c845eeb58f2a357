// Rate-limit counters in Redis, so that several app instances count together
// (docs/decisions/0012). Used when REDIS_URL is set; otherwise counters stay in the process.
import { RedisStore, type RedisReply } from "rate-limit-redis";
import { createClient } from "redis";
import type { StoreFactory } from "./rate-limit.ts";

export async function redisRateLimitStore(url: string): Promise<{ storeFor: StoreFactory; close: () => Promise<void> }> {
  const client = createClient({ url });
  client.on("error", (error: unknown) => console.error("redis:", error));
  await client.connect();
  return {
    storeFor: (prefix) =>
      new RedisStore({ prefix, sendCommand: (...args: string[]) => client.sendCommand(args) as Promise<RedisReply> }),
    close: async () => {
      await client.quit();
    },
  };
}
