// The live board across instances (npm run test:multi): two app processes on one PostgreSQL
// schema. A change on A drops B's cached anonymous copy within 100 ms and reaches a stream
// open on B within a second; the feed's connection killed under open streams comes back, and
// what was written meanwhile still arrives. Redis pub/sub, the other transport, is tried too.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createClient } from "redis";
import { createCtx } from "../../src/context.ts";
import { systemClock } from "../../src/lib/clock.ts";
import { migratePostgres } from "../../src/db/pg-migrate.ts";
import { applicationName } from "../../src/db/pg-broadcast.ts";
import { redisBroadcast } from "../../src/lib/broadcast.ts";
import { silentLogger } from "../../src/lib/log.ts";
import { ChangeFeed, type Change } from "../../src/domain/changes.ts";
import { seedDatabase } from "../../src/modules/boards/seed.service.ts";
import { Client, startServer, type ServerProcess } from "../process.ts";
import { toolSettings } from "../../src/config/env.ts";
import { SseClient } from "../sse.ts";

const PG = toolSettings().testPgUrl ?? "postgresql://postgres@127.0.0.1:5432/test";
const REDIS = toolSettings().testRedisUrl ?? "redis://127.0.0.1:6379";
const schema = `l_${process.pid}_${crypto.randomBytes(3).toString("hex")}`;
const url = `${PG}${PG.includes("?") ? "&" : "?"}schema=${schema}`;
const ctx = createCtx(url, systemClock);

let a: ServerProcess;
let b: ServerProcess;
let writer: Client;
let token = "";
const streams: SseClient[] = [];

beforeAll(async () => {
  await migratePostgres(url);
  await seedDatabase(ctx);
  // PAGE_CACHE is on (the default): B keeps anonymous copies the relay must drop.
  // A day-old account writes as many posts as it likes (the new-account caps have tests of their own).
  const env = { DATABASE_URL: url, SESSION_SECRET: "live-multi-secret-live-multi-secret-0123", VOTE_MIN_ACCOUNT_AGE_HOURS: "0" };
  [a, b] = await Promise.all([startServer(env), startServer(env)]);
  writer = new Client(a.url);
  await writer.signUp("live_writer", "실시간작성자");
  token = await writer.token("/boards/005930/write");
}, 120_000);

afterAll(async () => {
  for (const s of streams) s.close();
  await Promise.all([a?.kill(), b?.kill()]);
  await ctx.db.$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await ctx.db.$disconnect();
});

async function stream(server: ServerProcess, path: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const s = await SseClient.open(`${server.url}${path}`, headers);
  streams.push(s);
  expect(s.status, s.body).toBe(200);
  return s;
}

async function write(title: string): Promise<{ number: number; at: number }> {
  const res = await writer.post("/boards/005930/posts", { title, body: "인스턴스 사이" }, token);
  expect(res.status, res.text).toBe(303);
  return { number: Number(res.location!.split("/").pop()), at: performance.now() };
}

/** Reads `path` on `server` every few ms until `seen` holds; how long after `since` that was. */
async function readUntil(server: ServerProcess, path: string, seen: (text: string) => boolean, since: number): Promise<{ ms: number; cache: string | null }> {
  for (;;) {
    const res = await fetch(server.url + path);
    const text = await res.text();
    if (seen(text)) return { ms: performance.now() - since, cache: res.headers.get("x-cache") };
    if (performance.now() - since > 5_000) throw new Error(`${path} on B never showed the change`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe("the change feed between instances", () => {
  it("shows a post written on A on B's cached anonymous page within 100 ms, and on B's open stream within 1 s", async () => {
    const list = await stream(b, "/boards/005930/live");
    await list.waitFor((e) => e.event === "rows");
    const results: { page: number; stream: number }[] = [];
    for (let i = 0; i < 5; i++) {
      // B's copy, made just now: it would live another second without the relay.
      await fetch(`${b.url}/boards/005930`);
      const primed = await fetch(`${b.url}/boards/005930`);
      expect(primed.headers.get("x-cache")).toBe("hit");
      const copyMadeBy = performance.now();
      const title = `인스턴스 사이 ${i} ${crypto.randomBytes(3).toString("hex")}`;
      const post = await write(title);
      const shown = await readUntil(b, "/boards/005930", (text) => text.includes(title), post.at);
      const event = await list.waitFor((e) => e.event === "posts" && (e.data as { numbers: number[] }).numbers.includes(post.number), 1_000);
      expect(event).toBeTruthy();
      // Dropped by the relay, not by the copy's age.
      expect(shown.cache).toBe("miss");
      expect(performance.now() - copyMadeBy).toBeLessThan(1_000);
      results.push({ page: shown.ms, stream: performance.now() - post.at });
    }
    for (const r of results) expect(r.page, JSON.stringify(results)).toBeLessThan(100);
    for (const r of results) expect(r.stream, JSON.stringify(results)).toBeLessThan(1_000);
  });

  it("comes back after PostgreSQL drops its connections, and what was written meanwhile still arrives", async () => {
    const post = await write("연결이 끊기는 글");
    const open = await stream(b, `/boards/005930/posts/${post.number}/live`);
    await open.waitFor((e) => e.event === "post");
    const admin = new pg.Client({ connectionString: PG });
    await admin.connect();
    try {
      const listeners = "FROM pg_stat_activity WHERE application_name = $1";
      const killed = await admin.query(`SELECT pg_terminate_backend(pid) ${listeners}`, [applicationName(url)]);
      expect(killed.rowCount).toBe(2); // one listener per instance
      // Written while the feed is down: B hears of it when its listener is back (or A's queued notice).
      const res = await writer.post(`/boards/005930/posts/${post.number}/comments`, { body: "끊긴 사이의 댓글" }, token, true);
      expect(res.status, res.text).toBe(201);
      const id = (res.json() as { comment: { id: number } }).comment.id;
      await open.waitFor((e) => e.event === "comment" && e.id === String(id), 5_000);
      expect(open.ended).toBe(false);
      // Both listen again, both still answer, and nothing written was lost.
      await expect.poll(async () => (await admin.query(`SELECT count(*)::int AS n ${listeners}`, [applicationName(url)])).rows[0].n, { timeout: 5_000 }).toBe(2);
      for (const server of [a, b]) {
        const ready = (await (await fetch(`${server.url}/readyz`)).json()) as { changeFeed: string };
        expect(ready.changeFeed).toBe("postgres: connected");
      }
      expect(await ctx.db.comment.count({ where: { id } })).toBe(1);
      // And the feed carries the next change as before.
      const next = await writer.post(`/boards/005930/posts/${post.number}/comments`, { body: "다시 이어진 뒤의 댓글" }, token, true);
      await open.waitFor((e) => e.event === "comment" && e.id === String((next.json() as { comment: { id: number } }).comment.id), 1_000);
    } finally {
      await admin.end();
    }
  });
});

describe("Redis pub/sub as the feed", () => {
  it("carries changes between two feeds, and resumes after Redis drops its subscribers", async () => {
    const channel = `jongto:test:${schema}`;
    const [one, two] = await Promise.all([redisBroadcast(REDIS, channel, silentLogger), redisBroadcast(REDIS, channel, silentLogger)]);
    const mine = new ChangeFeed();
    const theirs = new ChangeFeed();
    mine.relay(one);
    theirs.relay(two);
    const heard: Change[] = [];
    let resumed = 0;
    theirs.subscribe((c) => heard.push(c));
    theirs.onResumed(() => resumed++);
    try {
      mine.announce({ kind: "post", boardId: 1, number: 7 });
      await expect.poll(() => heard, { timeout: 2_000 }).toEqual([{ kind: "post", boardId: 1, number: 7 }]);
      const admin = createClient({ url: REDIS });
      await admin.connect();
      await admin.sendCommand(["CLIENT", "KILL", "TYPE", "pubsub"]);
      await admin.quit();
      await expect.poll(() => resumed, { timeout: 5_000 }).toBeGreaterThanOrEqual(1);
      await expect.poll(() => two.status().up, { timeout: 5_000 }).toBe(true);
      mine.announce({ kind: "board", boardId: 2 });
      await expect.poll(() => heard.at(-1), { timeout: 2_000 }).toEqual({ kind: "board", boardId: 2 });
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});
