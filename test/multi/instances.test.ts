// Two app instances on one PostgreSQL schema and one Redis (npm run test:multi): sessions,
// rate limits and the jury's races are shared correctly, and killing one instance loses no
// acknowledged write.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createClient } from "redis";
import { sessionCookie, sessionData, csrfToken, csrfCookie } from "../../bench/sessions.ts";
import { createCtx } from "../../src/context.ts";
import { systemClock } from "../../src/lib/clock.ts";
import { migratePostgres } from "../../src/db/pg-migrate.ts";
import { seedDatabase } from "../../src/modules/boards/seed.service.ts";
import { kstMonth, kstMonthRange, previousMonth } from "../../src/lib/kst-time.ts";
import { hashPassword } from "../../src/modules/accounts/passwords.service.ts";
import { sqlTx } from "../../src/db/sql.ts";
import { indexPost } from "../../src/modules/search/search.service.ts";
import { Client, startServer, type ServerProcess } from "../process.ts";
import { childEnv, toolSettings } from "../../src/config/env.ts";

const PG = toolSettings().testPgUrl ?? "postgresql://postgres@127.0.0.1:5432/test";
const REDIS = toolSettings().testRedisUrl ?? "redis://127.0.0.1:6379";
const SECRET = "multi-instance-secret-multi-instance-secret";
const schema = `m_${process.pid}_${crypto.randomBytes(3).toString("hex")}`;
const url = `${PG}${PG.includes("?") ? "&" : "?"}schema=${schema}`;
const ctx = createCtx(url, systemClock);
const { db } = ctx;

let a: ServerProcess;
let b: ServerProcess;
interface Member { id: number; client: (s: ServerProcess) => Client; token: string }
const members: Member[] = [];
let target = { id: 0, number: 0 };
let raced = { id: 0, number: 0 };

beforeAll(async () => {
  const redis = createClient({ url: REDIS });
  await redis.connect();
  for await (const keys of redis.scanIterator({ MATCH: "rl:*" })) if (keys.length) await redis.del(keys);
  await redis.quit();

  await migratePostgres(url);
  await seedDatabase(ctx);
  const board = await db.board.findUniqueOrThrow({ where: { stockCode: "005930" } });
  const lastMonth = kstMonthRange(previousMonth(kstMonth(new Date())));
  const passwordHash = await hashPassword("multi instance pw");
  let number = board.lastPostNumber;
  for (let i = 0; i < 12; i++) {
    const user = await db.user.create({
      data: { loginId: `multi_${i}`, nickname: `다중${i}`, passwordHash, createdAt: new Date(lastMonth.start.getTime() - 86_400_000) },
    });
    // Last month's activity: the first ten are this month's jurors.
    if (i < 10) {
      const p = await db.post.create({ data: { boardId: board.id, number: ++number, authorId: user.id, title: `지난달 ${i}`, body: "활동", createdAt: new Date(lastMonth.start.getTime() + 3_600_000) } });
      await indexPost(sqlTx(db), ctx, p);
    }
    const sid = crypto.randomBytes(24).toString("base64url");
    const csrf = csrfToken(sid, SECRET);
    const expires = new Date(Date.now() + 86_400_000);
    await db.session.create({ data: { sid, userId: user.id, data: JSON.stringify(sessionData(user, csrf, expires)), expiresAt: expires } });
    members.push({
      id: user.id,
      token: csrf,
      client: (s) => Object.assign(new Client(s.url), { cookie: `${sessionCookie(sid, SECRET)}; ${csrfCookie(csrf)}` }),
    });
  }
  const writer = await db.user.create({ data: { loginId: "multi_writer", nickname: "다중작성자" } });
  const post = await db.post.create({ data: { boardId: board.id, number: ++number, authorId: writer.id, title: "다중 대상", body: "본문" } });
  const other = await db.post.create({ data: { boardId: board.id, number: ++number, authorId: writer.id, title: "다중 경쟁", body: "본문" } });
  await indexPost(sqlTx(db), ctx, post);
  await indexPost(sqlTx(db), ctx, other);
  await db.board.update({ where: { id: board.id }, data: { lastPostNumber: number } });
  target = { id: post.id, number: post.number };
  raced = { id: other.id, number: other.number };

  const env = { DATABASE_URL: url, REDIS_URL: REDIS, SESSION_SECRET: SECRET, RATE_LIMIT_SCALE: "1" };
  [a, b] = await Promise.all([startServer(env), startServer(env)]);
}, 120_000);

afterAll(async () => {
  await a?.kill();
  await b?.kill();
  await db.$disconnect();
  const client = new pg.Client({ connectionString: PG });
  await client.connect();
  await client.query("SET client_min_messages = warning");
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
});

describe("two instances", () => {
  it("share sessions: a sign-in on one works on the other", async () => {
    const onA = new Client(a.url);
    const token = await onA.token("/login");
    const res = await onA.post("/login", { loginId: "multi_11", password: "multi instance pw" }, token);
    expect(res.status).toBe(303);
    const onB = Object.assign(new Client(b.url), { cookie: onA.cookie });
    const page = await onB.get("/account/security");
    expect(page.status).toBe(200);
    expect(page.text).toContain("최근 로그인 기록");
  });

  it("share rate limits through Redis", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const c = new Client((i % 2 ? b : a).url);
      const token = await c.token("/login");
      statuses.push((await c.post("/login", { loginId: "multi_victim", password: `guess ${i}` }, token)).status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it("keep counters exact and blind once when votes and opinions race through both", async () => {
    // Mixed presses (casting, switching, withdrawing) from every member through both.
    const racedPath = `/boards/005930/posts/${raced.number}`;
    const presses = members.flatMap((m, i) =>
      Array.from({ length: 4 }, (_, k) => m.client(k % 2 ? a : b).post(`${racedPath}/vote`, { value: (i + k) % 3 ? "down" : "up" }, m.token, true)),
    );
    const results = await Promise.all(presses);
    expect(results.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.text}`)).toEqual([]);
    const racedPost = await db.post.findUniqueOrThrow({ where: { id: raced.id } });
    expect(racedPost.upCount).toBe(await db.vote.count({ where: { postId: raced.id, value: "UP" } }));
    expect(racedPost.downCount).toBe(await db.vote.count({ where: { postId: raced.id, value: "DOWN" } }));

    // 반대 from the two members who are not jurors, then ten jurors at once: one blinding.
    const path = `/boards/005930/posts/${target.number}`;
    for (const m of members.slice(10)) expect((await m.client(a).post(`${path}/vote`, { value: "down" }, m.token, true)).status).toBe(200);

    const opinions = await Promise.all(members.slice(0, 10).map((m, i) => m.client(i % 2 ? a : b).post(`${path}/opinion`, {}, m.token, true)));
    expect(opinions.every((r) => r.status === 200 || r.status === 403)).toBe(true);
    expect(opinions.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(4);
    expect(await db.blindLog.count({ where: { postId: target.id } })).toBe(1);
    expect(await db.juryPanel.count({ where: { month: kstMonth(new Date()), board: { stockCode: "005930" } } })).toBe(1);
    const post = await db.post.findUniqueOrThrow({ where: { id: target.id } });
    expect(post.blindedAt).not.toBeNull();
    expect(post.opinionCount).toBe(await db.juryOpinion.count({ where: { postId: target.id } }));
  });

  it("answer one user voting and commenting on one post at the same moment through both without a fault", async () => {
    // Each member at once: votes and comments on the same post, half through each instance.
    // (Row locks that blocked foreign-key checks used to deadlock exactly this.)
    const path = `/boards/005930/posts/${raced.number}`;
    const requests = members.slice(0, 10).flatMap((m, i) =>
      Array.from({ length: 4 }, (_, k) => [
        m.client((i + k) % 2 ? a : b).post(`${path}/vote`, { value: k % 2 ? "up" : "down" }, m.token, true),
        m.client((i + k) % 2 ? b : a).post(`${path}/comments`, { body: `동시 댓글 ${i}-${k}` }, m.token, true),
      ]).flat(),
    );
    const results = await Promise.all(requests);
    expect(results.filter((r) => r.status >= 500).map((r) => `${r.status} ${r.text.slice(0, 200)}`)).toEqual([]);
    expect(results.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    const post = await db.post.findUniqueOrThrow({ where: { id: raced.id } });
    expect(post.commentCount).toBe(await db.comment.count({ where: { postId: raced.id, deletedAt: null } }));
    expect(post.upCount).toBe(await db.vote.count({ where: { postId: raced.id, value: "UP" } }));
    expect(post.downCount).toBe(await db.vote.count({ where: { postId: raced.id, value: "DOWN" } }));
  });

  it("lose no acknowledged write when one instance is killed", async () => {
    const acked: string[] = [];
    const writes = members.slice(0, 10).flatMap((m, i) =>
      Array.from({ length: 4 }, (_, k) => {
        const title = `생존 ${i}-${k}`;
        return m.client(k % 2 ? a : b).post("/boards/005930/posts", { title, body: "본문" }, m.token).then((r) => {
          if (r.status === 303) acked.push(title);
        });
      }),
    );
    const settled = Promise.allSettled(writes);
    while (acked.length < 3) await new Promise((r) => setImmediate(r)); // writes are landing
    await b.kill("SIGKILL");
    await settled;
    expect(acked.length).toBeGreaterThan(0);
    for (const title of acked) expect(await db.post.count({ where: { title } }), title).toBe(1);
    const board = await db.board.findUniqueOrThrow({ where: { stockCode: "005930" } });
    expect(await db.post.count({ where: { boardId: board.id } })).toBe(board.lastPostNumber);
    expect((await new Client(a.url).get("/boards/005930")).status).toBe(200);
  });
});

describe("two instances starting together on an empty schema", () => {
  it("migrate and seed once between them, and both start", async () => {
    const fresh = `m_${process.pid}_${crypto.randomBytes(3).toString("hex")}`;
    const freshUrl = `${PG}${PG.includes("?") ? "&" : "?"}schema=${fresh}`;
    const { spawn } = await import("node:child_process");
    const prepare = () =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, ["--import", "tsx", "scripts/migrate.ts", "--seed", "--quiet"], {
          env: childEnv({ DATABASE_URL: freshUrl }),
          stdio: ["ignore", "pipe", "pipe"],
        });
        let out = "";
        child.stdout.on("data", (d) => (out += d));
        child.stderr.on("data", (d) => (out += d));
        child.once("exit", (code) => resolve({ code, out }));
      });
    const freshDb = createCtx(freshUrl, systemClock).db;
    try {
      const runs = await Promise.all([prepare(), prepare(), prepare()]);
      expect(runs.map((r) => r.code), runs.map((r) => r.out).join("\n")).toEqual([0, 0, 0]);
      expect(await freshDb.board.count()).toBe(5);
      expect(await freshDb.post.count()).toBe(1);
      const env = { DATABASE_URL: freshUrl, SESSION_SECRET: SECRET };
      const servers = await Promise.all([startServer(env), startServer(env)]);
      for (const s of servers) expect((await new Client(s.url).get("/boards/005930/posts/1")).status).toBe(200);
      await Promise.all(servers.map((s) => s.kill()));
    } finally {
      await freshDb.$disconnect();
      const client = new pg.Client({ connectionString: PG });
      await client.connect();
      await client.query("SET client_min_messages = warning");
      await client.query(`DROP SCHEMA IF EXISTS "${fresh}" CASCADE`);
      await client.end();
    }
  });
});
