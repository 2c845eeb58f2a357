// What every service needs: the database and the clock. Built once per app.
import type { Db } from "./db/client.ts";
import type { Clock } from "./lib/clock.ts";

export interface Ctx {
  db: Db;
  clock: Clock;
}

/** The client a `$transaction` callback receives. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
