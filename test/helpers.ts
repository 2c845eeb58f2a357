// A real SQLite file per test file (a copy of the migrated template), the app built on it,
// and supertest agents.
import fs from "node:fs";
import path from "node:path";
import { afterAll } from "vitest";
import request from "supertest";
import { createApp } from "../src/app.ts";
import { parseEnv } from "../src/config/env.ts";
import { createDb, prepareDb, type Db } from "../src/db/client.ts";
import { seedDatabase } from "../src/db/seed.ts";
import type { Clock } from "../src/lib/clock.ts";

const TMP_DIR = path.resolve("test/.tmp");
const TEMPLATE_DB = path.join(TMP_DIR, "template.db");

/** A clock tests can set and move. */
export function testClock(start = new Date("2026-11-28T03:00:00Z")) {
  let now = start;
  const clock: Clock = () => new Date(now.getTime());
  return {
    clock,
    set(date: Date | string) {
      now = new Date(date);
    },
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
}

export interface TestContext {
  db: Db;
  app: ReturnType<typeof createApp>;
  time: ReturnType<typeof testClock>;
  dbFile: string;
}

export async function setUpTestApp(options: { seed?: boolean } = {}): Promise<TestContext> {
  const dbFile = path.join(TMP_DIR, `t-${process.pid}-${Math.random().toString(36).slice(2)}.db`);
  fs.copyFileSync(TEMPLATE_DB, dbFile);
  const db = createDb(`file:${dbFile}`);
  await prepareDb(db);
  if (options.seed !== false) await seedDatabase(db);
  const time = testClock();
  const env = parseEnv({
    NODE_ENV: "test",
    DATABASE_URL: `file:${dbFile}`,
    SESSION_SECRET: "test-secret-test-secret-test-secret-0123",
  });
  const app = createApp({ env, db, clock: time.clock });
  afterAll(async () => {
    await db.$disconnect();
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(dbFile + suffix, { force: true });
  });
  return { db, app, time, dbFile };
}

export function agent(app: TestContext["app"]) {
  return request.agent(app);
}

export { request };
