// A real SQLite file per test file (a copy of the migrated template), the app built on it,
// and supertest agents.
import fs from "node:fs";
import path from "node:path";
import { afterAll } from "vitest";
import request from "supertest";
import { createApp } from "../src/app.ts";
import { parseEnv, toolSettings } from "../src/config/env.ts";
import { openCtx, type Ctx } from "../src/context.ts";
import { createLogger, type Logger } from "../src/lib/log.ts";
import type { LevelWithSilent } from "pino";
import { seedDatabase } from "../src/modules/boards/seed.service.ts";
import { migratePostgres } from "../src/db/pg-migrate.ts";
import pg from "pg";
import type { Clock } from "../src/lib/clock.ts";
import { DEFAULT_RATE_LIMITS, scaledLimits, type RateLimits } from "../src/http/rate-limit.ts";

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

export interface TestContext extends Ctx {
  app: ReturnType<typeof createApp>;
  time: ReturnType<typeof testClock>;
  dbFile: string; // SQLite only
  url: string; // the DATABASE_URL of this test file's database
}

/** `npm run test:pg` sets this: every test file then gets its own PostgreSQL schema. */
export const PG_URL = toolSettings().testPgUrl;
export const onPostgres = !!PG_URL;

// What each test file set up, torn down after its last test. (An afterAll registered inside
// a beforeAll never runs, so the one hook is registered here, when the file is collected.)
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

// Named after the vitest process (the workers' parent), so its global teardown can drop
// whatever a crashed worker left behind (test/global-setup.ts).
export const testDatabasePrefix = (runPid: number) => `t_${runPid}_`;

async function freshDatabase(): Promise<{ url: string; dbFile: string; drop: () => Promise<void> }> {
  const name = `${testDatabasePrefix(process.ppid)}${Math.random().toString(36).slice(2, 8)}`;
  if (PG_URL) {
    const url = `${PG_URL}${PG_URL.includes("?") ? "&" : "?"}schema=${name}`;
    await migratePostgres(url);
    const drop = async () => {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query("SET client_min_messages = warning");
      await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
      await client.end();
    };
    return { url, dbFile: "", drop };
  }
  const dbFile = path.join(TMP_DIR, `${name}.db`);
  fs.copyFileSync(TEMPLATE_DB, dbFile);
  const drop = async () => {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(dbFile + suffix, { force: true });
  };
  return { url: `file:${dbFile}`, dbFile, drop };
}

// Tests that are not about abuse limits write faster than any person; they get roomy limits.
export const RELAXED_RATE_LIMITS = scaledLimits(DEFAULT_RATE_LIMITS, 10_000);

/**
 * A logger whose lines a test can read. Errors logged with their `err` also go to
 * console.error, so the guard in test/setup.ts still fails a test on a server fault it did not
 * expect (a 5xx request line, which carries no `err`, does not count twice).
 */
export function capturedLog(level: LevelWithSilent = "warn") {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level,
    destination: {
      write(line: string) {
        const entry = JSON.parse(line) as Record<string, unknown>;
        lines.push(entry);
        if (Number(entry.level) >= 50 && entry.err !== undefined) console.error(entry.msg, JSON.stringify(entry.err));
      },
    },
  });
  return { logger, lines, raw: () => lines.map((l) => JSON.stringify(l)).join("\n") };
}

export async function setUpTestApp(options: { seed?: boolean; rateLimits?: RateLimits; env?: Record<string, string>; log?: Logger } = {}): Promise<TestContext> {
  const { url, dbFile, drop } = await freshDatabase();
  const time = testClock();
  const env = parseEnv({
    NODE_ENV: "test",
    DATABASE_URL: url,
    SESSION_SECRET: "test-secret-test-secret-test-secret-0123",
    // Behaviour tests arrange rows straight in the database and read pages at once; the page
    // cache (which only service writes refresh) has tests of its own: test/http/page-cache.test.ts.
    PAGE_CACHE: "off",
    // The accounts tests make are minutes old; the new-account rules have tests of their own
    // (test/http/integrity.test.ts), which set the age they test.
    VOTE_MIN_ACCOUNT_AGE_HOURS: "0",
    // Mail without SMTP goes to an outbox folder: the test's own, never the checkout's.
    MAIL_OUTBOX_DIR: path.join(TMP_DIR, `outbox-${process.pid}`),
    ...options.env,
  });
  const ctx = await openCtx(env, time.clock, options.log ?? capturedLog().logger);
  const { db } = ctx;
  if (options.seed !== false) await seedDatabase(ctx);
  const app = createApp({ ...ctx, env, rateLimits: options.rateLimits ?? RELAXED_RATE_LIMITS });
  cleanups.push(async () => {
    await app.locals.viewCounter.flush();
    await app.locals.mailer.flush();
    await db.$disconnect();
    await drop();
  });
  return { ...ctx, app, time, dbFile, url };
}

export function agent(app: TestContext["app"]) {
  return request.agent(app);
}

export { request };

export type Agent = ReturnType<typeof agent>;

/** The CSRF token from a page's forms. */
export function tokenFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error("no CSRF token on the page");
  return match[1]!;
}

export async function csrfFor(a: Agent, path = "/"): Promise<string> {
  const res = await a.get(path);
  return tokenFrom(res.text);
}

let userSeq = 0;

/** Signs a new user up through the real form; the agent stays signed in. */
export async function signUp(a: Agent, overrides: Partial<{ loginId: string; nickname: string; password: string }> = {}) {
  userSeq++;
  const user = {
    loginId: `tester${process.pid % 10000}_${userSeq}`.slice(0, 20),
    nickname: `테스터${userSeq}`,
    password: "correct horse battery",
    ...overrides,
  };
  const page = await a.get("/signup");
  const res = await a
    .post("/signup")
    .type("form")
    .send({ ...user, agree: "on", passwordConfirm: user.password, _csrf: tokenFrom(page.text) });
  if (res.status !== 303) throw new Error(`sign-up failed (${res.status}): ${res.text.slice(0, 500)}`);
  return user;
}

/** A member signed up through the form, with their agent (signed in) and database id. */
export async function signedUpMember(t: Pick<TestContext, "app" | "db">) {
  const a = agent(t.app);
  const user = await signUp(a);
  const row = await t.db.user.findUniqueOrThrow({ where: { loginId: user.loginId } });
  return { a, id: row.id, ...user };
}

/** Signs in through the form; `remember` ticks 로그인 상태 유지 (a cookie that outlives the browser). */
export async function signIn(a: Agent, loginId: string, password: string, { remember = true } = {}) {
  const page = await a.get("/login");
  return a.post("/login").type("form").send({ loginId, password, _csrf: tokenFrom(page.text), ...(remember ? { remember: "on" } : {}) });
}

/** A post page up to the list of its neighbouring posts (which names other posts' authors). */
export function aboveNeighbours(html: string): string {
  const at = html.indexOf('<section class="neighbours"');
  return at === -1 ? html : html.slice(0, at);
}

/** A form POST with the agent's CSRF token (taken from `from`, a page that carries it). */
export async function postForm(a: Agent, path: string, fields: Record<string, unknown> = {}, from = "/") {
  const token = await csrfFor(a, from);
  return a.post(path).type("form").send({ _csrf: token, ...fields });
}

/** The rows and counts a request could change: compare before and after to prove it changed nothing. */
export async function databaseSnapshot(ctx: TestContext) {
  await ctx.app.locals.viewCounter.flush(); // views of earlier requests land first
  const [users, posts, comments, votes, opinions, sessions, blindings] = await Promise.all([
    ctx.db.user.findMany({ orderBy: { id: "asc" } }),
    ctx.db.post.findMany({ orderBy: { id: "asc" } }),
    ctx.db.comment.findMany({ orderBy: { id: "asc" } }),
    ctx.db.vote.count(),
    ctx.db.juryOpinion.count(),
    ctx.db.session.count(),
    ctx.db.blindLog.count(),
  ]);
  return { users, posts, comments, votes, opinions, sessions, blindings };
}

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: RouteLayer[] };
  rawPath?: unknown; // where a router is mounted (`app.use("/admin", …)`)
}

/** Every route the app serves, read from its routers, as `METHOD /mount/path/:param`. */
export function routesOf(app: TestContext["app"]): { method: string; path: string }[] {
  const routes: { method: string; path: string }[] = [];
  const walk = (stack: RouteLayer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) for (const method of Object.keys(layer.route.methods)) routes.push({ method: method.toUpperCase(), path: prefix + layer.route.path });
      else if (layer.handle?.stack) walk(layer.handle.stack, prefix + (typeof layer.rawPath === "string" && layer.rawPath !== "/" ? layer.rawPath : ""));
    }
  };
  walk((app as unknown as { router: { stack: RouteLayer[] } }).router.stack, "");
  return routes;
}

/**
 * A form refusal answered by going back (303) to the form's page, which shows the reason and
 * the text as typed: that page, as the writer's next request sees it.
 */
export async function backToForm(a: Agent, res: { status: number; headers: Record<string, string> }, page: string) {
  const location = res.headers.location ?? "";
  if (res.status !== 303 || location !== page) throw new Error(`expected a 303 back to ${page}, got ${res.status} ${location}`);
  const shown = await a.get(page);
  if (shown.status !== 200) throw new Error(`${page} answered ${shown.status}`);
  return shown;
}
