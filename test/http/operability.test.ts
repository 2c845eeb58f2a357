// Running it as a service: one log line per request without secrets, request ids a person can
// quote, health and readiness for a load balancer, and metrics for Prometheus.
import fs from "node:fs";
import http from "node:http";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { createPost } from "../factories.ts";
import { agent, capturedLog, csrfFor, onPostgres, postForm, request, setUpTestApp, signUp, type TestContext } from "../helpers.ts";
import { freshDatabaseFile, removeDatabaseFile, startServer } from "../process.ts";

const log = capturedLog("info");
let t: TestContext;
beforeAll(async () => {
  t = await setUpTestApp({ log: log.logger, env: { TRUST_PROXY: "1", METRICS_TOKEN: "metrics-token-0123456789" } });
});

const linesOf = (id: unknown) => log.lines.filter((l) => l.requestId === id);

describe("request logs", () => {
  it("writes exactly one line per request, with its route pattern and the member, and no secret", async () => {
    const a = agent(t.app);
    const user = await signUp(a, { password: "a very secret password 1" }); // signing up signs in
    const csrf = await csrfFor(a, "/boards/005930/posts/1");
    const cookie = a.jar.getCookies({ domain: "127.0.0.1", path: "/", secure: false, script: false }).map((c) => c.value).join(" ");
    const page = await a.get("/boards/005930/posts/1?utm=x").expect(200);
    const posted = await a.post("/boards/005930/posts/1/comments").type("form").send({ _csrf: csrf, body: "비밀 댓글 본문입니다" }).expect(303);

    const [pageLine, ...more] = linesOf(page.headers["x-request-id"]);
    expect(more).toEqual([]);
    expect(pageLine).toMatchObject({ level: 30, msg: "request", method: "GET", route: "/boards/:code/posts/:number", status: 200, userId: expect.any(Number) });
    expect(pageLine!.time).toEqual(expect.any(Number));
    expect(pageLine!.ms).toEqual(expect.any(Number));
    expect(pageLine!.bytes).toBeGreaterThan(1000);
    const [postLine, ...others] = linesOf(posted.headers["x-request-id"]);
    expect(others).toEqual([]);
    expect(postLine).toMatchObject({ method: "POST", route: "/boards/:code/posts/:number/comments", status: 303 });

    const everything = log.raw();
    for (const secret of [user.password, csrf, "비밀 댓글 본문", "utm=x", ...cookie.split(" ").filter(Boolean)]) expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/jongto\.sid|"cookie"|"headers"|_csrf/i);
  });

  it("logs a page-cache hit under its route, and health checks only at debug", async () => {
    const cached = await setUpTestApp({ log: log.logger, env: { PAGE_CACHE: "on" } });
    await request(cached.app).get("/boards/005930");
    const hit = await request(cached.app).get("/boards/005930");
    expect(hit.headers["x-cache"]).toBe("hit");
    expect(linesOf(hit.headers["x-request-id"])[0]).toMatchObject({ route: "/boards/:code", status: 200 });
    const health = await request(t.app).get("/healthz").expect(200);
    expect(linesOf(health.headers["x-request-id"])).toEqual([]); // logged at debug, below info
  });
});

describe("request ids", () => {
  it("takes a well-formed id from the trusted proxy and replaces anything else", async () => {
    const given = "0123456789abcdef0123456789abcdef";
    const ok = await request(t.app).get("/").set("X-Request-Id", given).expect(200);
    expect(ok.headers["x-request-id"]).toBe(given);
    expect(linesOf(given)).toHaveLength(1);
    for (const forged of ["x".repeat(300), "abc\u0001defghij", "has spaces in it", "<script>alert(1)</script>", "short"]) {
      const res = await request(t.app).get("/").set("X-Request-Id", encodeURI(forged)).expect(200);
      expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
      expect(log.raw()).not.toContain(forged.slice(0, 40));
    }
    // Without a trusted proxy, the client's own id is never taken.
    const direct = await setUpTestApp({ log: log.logger });
    const res = await request(direct.app).get("/").set("X-Request-Id", given).expect(200);
    expect(res.headers["x-request-id"]).not.toBe(given);
  });
});

describe("health", () => {
  it("answers /healthz and /readyz in JSON, with no session and no cookie", async () => {
    const live = await request(t.app).get("/healthz").expect(200);
    expect(live.body).toEqual({ status: "ok" });
    const ready = await request(t.app).get("/readyz").expect(200);
    expect(ready.body).toEqual({ status: "ready", checks: { database: "ok" }, changeFeed: "process: connected" });
    expect(ready.headers["set-cookie"]).toBeUndefined();
    expect(ready.headers["cache-control"]).toBe("no-store");
  });

  it("is not ready while a migration is pending, or while draining", async () => {
    const s = await setUpTestApp({ log: log.logger });
    const table = onPostgres ? `"_jongto_migrations"` : `"_prisma_migrations"`;
    const column = onPostgres ? `"name"` : `"migration_name"`;
    const [last] = await s.db.$queryRawUnsafe<{ name: string }[]>(`SELECT ${column} AS name FROM ${table} ORDER BY ${column} DESC LIMIT 1`);
    await s.db.$executeRawUnsafe(`DELETE FROM ${table} WHERE ${column} = '${last!.name}'`);
    const res = await request(s.app).get("/readyz").expect(503);
    expect(res.body).toEqual({ status: "not ready", checks: { database: "1 migration(s) pending" }, changeFeed: "process: connected" });
    expect((await request(s.app).get("/metrics").expect(200)).text).toContain("jongto_ready 0");
    s.app.locals.draining = true;
    expect((await request(s.app).get("/readyz").expect(503)).body).toEqual({ status: "draining" });
    expect((await request(s.app).get("/healthz").expect(200)).body).toEqual({ status: "ok" });
  });

  it.skipIf(onPostgres)("answers 503 within a second when the SQLite file is removed or locked, and recovers", async () => {
    const s = await setUpTestApp({ log: log.logger });
    const timed = async () => {
      const started = performance.now();
      const res = await request(s.app).get("/readyz");
      return { status: res.status, body: res.body as { checks: { database: string } }, ms: performance.now() - started };
    };
    // Locked: another process holds the write lock.
    const other = new Database(s.dbFile, { timeout: 0 });
    other.exec("BEGIN IMMEDIATE");
    const locked = await timed();
    expect(locked.status).toBe(503);
    expect(locked.body.checks.database).toBe("locked");
    expect(locked.ms).toBeLessThan(1000);
    other.exec("ROLLBACK");
    other.close();
    expect((await timed()).status).toBe(200);
    // Removed (moved away), then put back.
    fs.renameSync(s.dbFile, `${s.dbFile}.away`);
    const removed = await timed();
    expect(removed.status).toBe(503);
    expect(removed.ms).toBeLessThan(1000);
    // The public answer names no file; the log line has the cause.
    expect(removed.body.checks.database).toBe("unavailable");
    expect(JSON.stringify(removed.body)).not.toContain(s.dbFile);
    expect(log.lines.find((l) => l.msg === "not ready" && String(l.err).includes(s.dbFile))).toBeDefined();
    fs.renameSync(`${s.dbFile}.away`, s.dbFile);
    expect((await timed()).status).toBe(200);
  });
});

describe("/metrics", () => {
  it("exposes the named series to loopback", async () => {
    // Something to count: a cached page, a blinding, a refused request.
    const cached = await setUpTestApp({ log: log.logger, env: { PAGE_CACHE: "on" } });
    await request(cached.app).get("/boards/005930");
    await request(cached.app).get("/boards/005930");
    const res = await request(cached.app).get("/metrics").expect(200);
    expect(res.headers["content-type"]).toContain("text/plain");
    for (const series of [
      'jongto_http_request_duration_seconds_bucket{le="0.05",method="GET",route="/boards/:code",status_class="2xx"}',
      "jongto_db_query_duration_seconds_count{kind=\"read\"}",
      "jongto_view_queue_length",
      "jongto_view_queue_lag_seconds",
      "jongto_page_cache_hits_total 1",
      "jongto_page_cache_misses_total 1",
      "jongto_sessions 0",
      "jongto_ready 1",
      "process_cpu_user_seconds_total",
      "nodejs_eventloop_lag_seconds",
    ]) expect(res.text).toContain(series);
  });

  it("counts notable events: rate-limit refusals and operator actions", async () => {
    const s = await setUpTestApp({ log: log.logger, rateLimits: { ...(await import("../../src/http/rate-limit.ts")).DEFAULT_RATE_LIMITS, signUpPerIp: { windowMs: 60_000, limit: 1 } } });
    const op = agent(s.app);
    const opUser = await signUp(op); // the one sign-up this address may make
    const refused = await postForm(agent(s.app), "/signup", { loginId: "second_one", nickname: "둘째", password: "password 1234", agree: "on", passwordConfirm: "password 1234" }, "/signup");
    expect(refused.status).toBe(429);
    // An operator hides a post from its page.
    await s.db.user.update({ where: { loginId: opUser.loginId }, data: { role: "operator" } });
    const post = await createPost(s);
    const hidden = await postForm(op, `/admin/posts/${post.id}/hide`, { category: "spam" }, `/boards/005930/posts/${post.number}`);
    expect(hidden.status).toBe(303);
    const text = (await request(s.app).get("/metrics").expect(200)).text;
    expect(text).toContain('jongto_events_total{event="rate_limited"} 1');
    expect(text).toContain('jongto_events_total{event="operator_action"} 1');
    expect(log.lines.find((l) => l.event === "operator_action" && l.action === "hide" && l.targetId === post.id)).toBeDefined();
    expect(log.lines.find((l) => l.event === "rate_limited" && l.limiter === "signup-ip")).toBeDefined();
  });

  it("refuses another host without the token (404), and takes the token", async () => {
    await request(t.app).get("/metrics").set("X-Forwarded-For", "203.0.113.9").expect(404);
    await request(t.app).get("/metrics").set("X-Forwarded-For", "203.0.113.9").set("Authorization", "Bearer wrong-token-0123456789").expect(404);
    await request(t.app).get("/metrics").set("X-Forwarded-For", "203.0.113.9").set("Authorization", "Bearer metrics-token-0123456789").expect(200);
    const noToken = await setUpTestApp({ log: log.logger, env: { TRUST_PROXY: "1" } });
    await request(noToken.app).get("/metrics").set("X-Forwarded-For", "203.0.113.9").set("Authorization", "Bearer ").expect(404);
  });
});

/** A GET over a fresh connection, or the error that stopped it. */
function get(url: string): Promise<{ status: number; body: string } | Error> {
  return new Promise((resolve) => {
    http
      .get(url, { agent: false }, (res) => {
        let body = "";
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on("error", resolve);
  });
}

describe.skipIf(onPostgres)("shutting down", () => {
  it("turns /readyz to 503 on SIGTERM while still listening, then exits cleanly", async () => {
    const file = await freshDatabaseFile("drain");
    try {
      const server = await startServer({ DATABASE_URL: `file:${file}`, SHUTDOWN_DELAY_MS: "1500", LOG_LEVEL: "info" });
      expect(await get(`${server.url}/readyz`)).toMatchObject({ status: 200 });
      server.proc.kill("SIGTERM");
      await new Promise((resolve) => setTimeout(resolve, 300));
      const draining = await get(`${server.url}/readyz`);
      expect(draining).toMatchObject({ status: 503 });
      expect(JSON.parse((draining as { body: string }).body)).toEqual({ status: "draining" });
      expect(await server.kill("SIGTERM")).toBe(0); // resolves when it exits on its own
      // The JSON log lines (the start line for a person comes first, in words, on stderr).
      const lines = server.output().trim().split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(["shutting down", "stopped"]));
      expect(lines.find((l) => l.msg === "shutting down")).toMatchObject({ signal: "SIGTERM", delayMs: 1500 });
    } finally {
      removeDatabaseFile(file);
    }
  }, 20_000);
});
