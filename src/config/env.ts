// The one place that reads process.env (and .env). Every variable is documented in
// .env.example; scripts, the Prisma CLI's config and the server all take their values, and
// their defaults, from here.
import fs from "node:fs";
import util from "node:util";
import { z } from "zod";
import { LOG_LEVELS } from "../lib/log.ts";
import type { MailSettings } from "../lib/mailer.ts";
import { OperatorError } from "../lib/operator-error.ts";

export const DEFAULT_DATABASE_URL = "file:./prisma/dev.db";

/** A whole-number setting from `min` to `max`, its message naming the variable's example. */
function wholeNumber(name: string, example: number, min: number, max: number) {
  const rule = `${min}부터 ${max}까지의 정수여야 합니다 (예: ${name}=${example})`;
  return z.coerce.number({ error: rule }).int(rule).min(min, rule).max(max, rule);
}

// Each variable with what a person needs to fix it: the rule in words and an example.
const schema = z.object({
  NODE_ENV: z
    .enum(["development", "production", "test"], { error: "development, production, test 중 하나여야 합니다 (예: NODE_ENV=production)" })
    .default("development"),
  PORT: z.coerce
    .number({ error: "포트 번호여야 합니다 (예: PORT=3000)" })
    .int("정수 포트 번호여야 합니다 (예: PORT=3000)")
    .min(0, "0부터 65535까지여야 합니다 (예: PORT=3000)")
    .max(65535, "0부터 65535까지여야 합니다 (예: PORT=3000)")
    .default(3000),
  // Unset: listen on every interface (IPv4 and IPv6), as Node does by default.
  HOST: z.string().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^(file:.+|postgres(ql)?:\/\/.+)$/, "SQLite 파일(예: DATABASE_URL=file:./prisma/dev.db)이나 PostgreSQL 주소(예: DATABASE_URL=postgres://user:pass@127.0.0.1:5432/jongto)여야 합니다")
    .default(DEFAULT_DATABASE_URL),
  // Signs session cookies. Unset: a random secret is created once and kept in SESSION_SECRET_FILE.
  SESSION_SECRET: z.string().min(32, "32자 이상이어야 합니다 (예: SESSION_SECRET=$(openssl rand -base64 32))").optional(),
  SESSION_SECRET_FILE: z.string().default("./prisma/.session-secret"),
  // How long a write waits for another process's lock on the SQLite file before the user
  // gets "try again" (503).
  SQLITE_BUSY_TIMEOUT_MS: z.coerce
    .number({ error: "밀리초 단위 숫자여야 합니다 (예: SQLITE_BUSY_TIMEOUT_MS=5000)" })
    .int("밀리초 단위 정수여야 합니다 (예: SQLITE_BUSY_TIMEOUT_MS=5000)")
    .min(0, "0부터 60000까지여야 합니다 (예: SQLITE_BUSY_TIMEOUT_MS=5000)")
    .max(60_000, "0부터 60000까지여야 합니다 (예: SQLITE_BUSY_TIMEOUT_MS=5000)")
    .default(5000),
  // NORMAL survives a killed process; FULL also survives a power cut (docs/decisions/0002).
  SQLITE_SYNCHRONOUS: z.enum(["NORMAL", "FULL"], { error: "NORMAL이나 FULL이어야 합니다 (예: SQLITE_SYNCHRONOUS=FULL)" }).default("NORMAL"),
  // Multiplies every abuse limit (src/http/rate-limit.ts). 1 in production; load and crash
  // tests raise it so one test client can write faster than any person.
  RATE_LIMIT_SCALE: z.coerce
    .number({ error: "1 이상의 정수여야 합니다 (예: RATE_LIMIT_SCALE=1)" })
    .int("1 이상의 정수여야 합니다 (예: RATE_LIMIT_SCALE=1)")
    .min(1, "1 이상의 정수여야 합니다 (예: RATE_LIMIT_SCALE=1)")
    .max(1_000_000, "1000000 이하여야 합니다 (예: RATE_LIMIT_SCALE=1)")
    .default(1),
  // The anonymous page cache (docs/decisions/0014): on, or off to render every page afresh.
  PAGE_CACHE: z.enum(["on", "off"], { error: "on이나 off여야 합니다 (예: PAGE_CACHE=off)" }).default("on"),
  // Redis for rate-limit counters shared by several app instances (redis://host:6379).
  // Unset: counters live in the process, right for a single instance.
  REDIS_URL: z.string().regex(/^rediss?:\/\/.+/, "Redis 주소여야 합니다 (예: REDIS_URL=redis://127.0.0.1:6379)").optional(),
  // How a change (a new comment, a vote, a blinding) reaches the other app instances' page
  // caches and open pages (docs/decisions/0038). auto: PostgreSQL's LISTEN/NOTIFY when
  // DATABASE_URL is PostgreSQL, none on SQLite (one instance); redis: Redis pub/sub on REDIS_URL.
  CHANGE_FEED: z.enum(["auto", "postgres", "redis", "process"], { error: "auto, postgres, redis, process 중 하나여야 합니다 (예: CHANGE_FEED=auto)" }).default("auto"),
  // Open pages' live streams (새 글 알림, comments arriving): at most this many on one instance
  // and from one client address; past either, 503 with Retry-After. A heartbeat goes every
  // LIVE_HEARTBEAT_SECONDS so proxies keep an idle stream open. A stream holds about 7 KB of
  // the heap: 5,000 fit beside the pages in the heap `npm start` gives (128 MB), 10,000 in
  // 160 MB (docs/decisions/0038).
  LIVE_STREAMS_MAX: wholeNumber("LIVE_STREAMS_MAX", 5000, 0, 1_000_000).default(5_000),
  LIVE_STREAMS_PER_IP: wholeNumber("LIVE_STREAMS_PER_IP", 20, 1, 1_000_000).default(20),
  LIVE_HEARTBEAT_SECONDS: wholeNumber("LIVE_HEARTBEAT_SECONDS", 25, 1, 600).default(25),
  // How many reverse proxies stand in front of the app (0 = none). Never "true": a client
  // could then forge X-Forwarded-For and pick its own IP.
  TRUST_PROXY: z.coerce
    .number({ error: "앱 앞에 있는 프록시의 수여야 합니다 (예: TRUST_PROXY=1)" })
    .int("프록시 수는 정수여야 합니다 (예: TRUST_PROXY=1)")
    .min(0, "0부터 10까지여야 합니다 (예: TRUST_PROXY=1)")
    .max(10, "0부터 10까지여야 합니다 (예: TRUST_PROXY=1)")
    .default(0),
  // How much the server logs (one JSON line per request at info). silent: nothing.
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { error: `${LOG_LEVELS.join(", ")} 중 하나여야 합니다 (예: LOG_LEVEL=info)` })
    .default("info"),
  // Lets another host read /metrics with `Authorization: Bearer <token>`; loopback needs none.
  METRICS_TOKEN: z.string().min(16, "16자 이상이어야 합니다 (예: METRICS_TOKEN=$(openssl rand -hex 16))").optional(),
  // The board's public address (scheme and host), for the absolute links feeds and sitemaps
  // must carry and the Atom ids' authority. Unset: http://localhost:PORT (right for local
  // use); a request's Host header never chooses the links (publicOrigin below).
  PUBLIC_ORIGIN: z
    .url({ protocol: /^https?$/, error: "보드의 주소여야 합니다 (예: https://jongto.example, 경로 없이)" })
    .refine((u) => new URL(u).pathname === "/" && !u.endsWith("/"), "경로나 끝의 /가 없는 보드의 주소여야 합니다 (예: PUBLIC_ORIGIN=https://jongto.example)")
    .optional(),
  // On SIGTERM, how long /readyz answers 503 before the listener closes, so a load balancer
  // stops sending new requests first (0: close at once).
  SHUTDOWN_DELAY_MS: z.coerce
    .number({ error: "밀리초 단위 숫자여야 합니다 (예: SHUTDOWN_DELAY_MS=5000)" })
    .int("밀리초 단위 정수여야 합니다 (예: SHUTDOWN_DELAY_MS=5000)")
    .min(0, "0부터 60000까지여야 합니다 (예: SHUTDOWN_DELAY_MS=5000)")
    .max(60_000, "0부터 60000까지여야 합니다 (예: SHUTDOWN_DELAY_MS=5000)")
    .default(5000),
  // One person, one voice (docs/product.md §3, docs/decisions/0032). An account may 추천/반대,
  // report and count for 인기 once it is this many hours old; under a day old (or under this
  // age, if smaller) it writes fewer posts and comments a day. 0 turns both off (local demos).
  VOTE_MIN_ACCOUNT_AGE_HOURS: wholeNumber("VOTE_MIN_ACCOUNT_AGE_HOURS", 72, 0, 8760).default(72),
  // At most this many 추천 (and 반대) per KST day from one member to one author's posts.
  VOTES_PER_AUTHOR_UP_PER_DAY: wholeNumber("VOTES_PER_AUTHOR_UP_PER_DAY", 6, 1, 1000).default(6),
  VOTES_PER_AUTHOR_DOWN_PER_DAY: wholeNumber("VOTES_PER_AUTHOR_DOWN_PER_DAY", 3, 1, 1000).default(3),
  // At most this many votes cast or changed per minute by one member, on any posts.
  VOTES_PER_MINUTE: wholeNumber("VOTES_PER_MINUTE", 10, 1, 1000).default(10),
  // The integrity scan (npm run integrity:scan): accounts sharing a network or browser signal
  // that voted the same way on at least RING_COMMON_POSTS posts, each time within
  // RING_WINDOW_MINUTES of each other, are a ring case; BURST_VOTES votes on one post within
  // BURST_SECONDS from accounts under 30 days old are a burst case.
  INTEGRITY_RING_COMMON_POSTS: wholeNumber("INTEGRITY_RING_COMMON_POSTS", 3, 1, 100).default(3),
  INTEGRITY_RING_WINDOW_MINUTES: wholeNumber("INTEGRITY_RING_WINDOW_MINUTES", 10, 1, 1440).default(10),
  INTEGRITY_BURST_VOTES: wholeNumber("INTEGRITY_BURST_VOTES", 5, 2, 1000).default(5),
  INTEGRITY_BURST_SECONDS: wholeNumber("INTEGRITY_BURST_SECONDS", 60, 1, 3600).default(60),
  // Mail to members (email verification, 아이디 찾기, 비밀번호 재설정, password-change notices).
  // SMTP_HOST unset: mails are written to MAIL_OUTBOX_DIR and their links logged (local use).
  SMTP_HOST: z.string().regex(/^[A-Za-z0-9.:[\]-]+$/, "메일 서버의 호스트 이름이어야 합니다 (예: SMTP_HOST=smtp.example.com)").optional(),
  SMTP_PORT: wholeNumber("SMTP_PORT", 587, 1, 65535).default(587),
  // on: TLS from the first byte (usually port 465); off: STARTTLS when the server offers it.
  SMTP_SECURE: z.enum(["on", "off"], { error: "on이나 off여야 합니다 (예: SMTP_SECURE=on)" }).default("off"),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  MAIL_FROM: z.string().regex(/^[^\r\n]+@[^\r\n]+$/, "보내는 사람 주소여야 합니다 (예: MAIL_FROM=\"jongto <no-reply@jongto.example>\")").default("jongto <no-reply@localhost>"),
  MAIL_OUTBOX_DIR: z.string().default("./prisma/outbox"),
});

export type Env = z.infer<typeof schema>;

/** The thresholds of "one person, one voice", as the services read them (ctx.trust). */
export interface TrustSettings {
  minAccountAgeHours: number;
  upsPerAuthorPerDay: number;
  downsPerAuthorPerDay: number;
  votesPerMinute: number;
  ringCommonPosts: number;
  ringWindowMinutes: number;
  burstVotes: number;
  burstSeconds: number;
}

/** The caps are abuse limits, so RATE_LIMIT_SCALE multiplies them like the others (load tests). */
export function trustSettings(env: Partial<Env>): TrustSettings {
  const e = { ...DEFAULTS, ...env };
  const scale = e.RATE_LIMIT_SCALE;
  return {
    minAccountAgeHours: e.VOTE_MIN_ACCOUNT_AGE_HOURS,
    upsPerAuthorPerDay: e.VOTES_PER_AUTHOR_UP_PER_DAY * scale,
    downsPerAuthorPerDay: e.VOTES_PER_AUTHOR_DOWN_PER_DAY * scale,
    votesPerMinute: e.VOTES_PER_MINUTE * scale,
    ringCommonPosts: e.INTEGRITY_RING_COMMON_POSTS,
    ringWindowMinutes: e.INTEGRITY_RING_WINDOW_MINUTES,
    burstVotes: e.INTEGRITY_BURST_VOTES,
    burstSeconds: e.INTEGRITY_BURST_SECONDS,
  };
}

/** How mail leaves the board (src/lib/mailer.ts). */
export function mailSettings(env: Env): MailSettings {
  return {
    host: env.SMTP_HOST,
    port: env.SMTP_PORT,
    secure: env.SMTP_SECURE === "on",
    user: env.SMTP_USER,
    password: env.SMTP_PASSWORD,
    from: env.MAIL_FROM,
    outboxDir: env.MAIL_OUTBOX_DIR,
  };
}

/** Which transport carries changes between instances (src/lib/broadcast.ts). */
export function changeFeedTransport(env: Pick<Env, "CHANGE_FEED" | "DATABASE_URL" | "REDIS_URL">): "process" | "postgres" | "redis" {
  const kind = databaseKind(env.DATABASE_URL);
  if (env.CHANGE_FEED === "auto") return kind === "postgres" ? "postgres" : "process";
  if (env.CHANGE_FEED === "postgres" && kind !== "postgres") throw new ConfigError(["CHANGE_FEED=postgres: DATABASE_URL이 PostgreSQL일 때만 쓸 수 있습니다 (SQLite는 인스턴스가 하나이므로 CHANGE_FEED=auto)"]);
  if (env.CHANGE_FEED === "redis" && !env.REDIS_URL) throw new ConfigError(["CHANGE_FEED=redis: REDIS_URL도 정해야 합니다 (예: REDIS_URL=redis://127.0.0.1:6379)"]);
  return env.CHANGE_FEED;
}

/** The address absolute links use: PUBLIC_ORIGIN, else this machine's (never a request's Host). */
export function publicOrigin(env: Pick<Env, "PUBLIC_ORIGIN" | "PORT">): string {
  return env.PUBLIC_ORIGIN ?? `http://localhost:${env.PORT}`;
}
export const ENV_VARIABLES = Object.keys(schema.shape) as (keyof Env)[];
const DEFAULTS: Env = schema.parse({});

/** A configuration a person must fix: one line per variable, no stack trace wanted. */
export class ConfigError extends OperatorError {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? problems[0]! : `설정이 올바르지 않습니다:\n${problems.map((p) => `  ${p}`).join("\n")}`);
  }
}

/**
 * Parses the environment. An empty variable means unset, for every variable: the copied
 * .env.example, a shell's `NODE_ENV=` and CI systems all leave empty values behind.
 */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const present: Record<string, string> = {};
  for (const key of ENV_VARIABLES) {
    const value = source[key];
    if (value !== undefined && value.trim() !== "") present[key] = value.trim();
  }
  const result = schema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        const given = present[name];
        return `${name}=${given ?? ""}: ${issue.message}`;
      }),
    );
  }
  return result.data;
}

// The settings .env supplied (for saying where a value came from, as the start line does).
const fromDotEnv = new Set<string>();

/**
 * Reads .env (if there is one) into process.env. A variable the environment sets wins; one it
 * leaves empty (`PORT= npm start`) counts as unset, as everywhere else, so .env's value applies.
 */
export function loadDotEnv(file = ".env"): void {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    return;
  }
  for (const [key, value = ""] of Object.entries(util.parseEnv(text))) {
    const current = process.env[key];
    if (current !== undefined && current.trim() !== "") continue;
    process.env[key] = value;
    if (value.trim() !== "") fromDotEnv.add(key);
  }
}

/** Where a setting's value came from: the environment, .env, or the default. */
export function settingSource(name: keyof Env, source: Record<string, string | undefined> = process.env): "environment" | ".env" | "default" {
  if (fromDotEnv.has(name)) return ".env";
  const value = source[name];
  return value !== undefined && value.trim() !== "" ? "environment" : "default";
}

/** .env, then the environment: what every command and the server start from. */
export function loadEnv(): Env {
  loadDotEnv();
  return parseEnv();
}

/**
 * What the Prisma CLI reads from the environment itself: the schema's `env("DATABASE_URL")`
 * (missing or of the wrong scheme, the CLI falls back to downloading an engine) and no
 * telemetry call to an unreachable host. Only the Prisma config files call this.
 */
export function exportForPrismaCli(databaseUrl: string): void {
  process.env.DATABASE_URL = databaseUrl;
  process.env.CHECKPOINT_DISABLE ??= "1";
}

export type DatabaseKind = "sqlite" | "postgres";

/** The one decision "is this SQLite?", from the URL; scripts, prestart and the configs share it. */
export function databaseKind(url: string): DatabaseKind {
  return url.startsWith("file:") ? "sqlite" : "postgres";
}

/**
 * The environment a child process starts with: this one's, with `extra` on top. Commands, the
 * benchmark and the tests that start servers pass it on rather than reading it themselves.
 */
export function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}

/**
 * The settings of the tools around the app (the test suites and the benchmark), never read by
 * the app itself: where their PostgreSQL, Redis and Chromium are. Unset means the suite that
 * needs one is skipped or uses the default of the machine's own services.
 */
export function toolSettings(): { testPgUrl?: string; testRedisUrl?: string; chromiumPath?: string; benchPgUrl?: string } {
  const e = process.env;
  return { testPgUrl: e.TEST_PG_URL || undefined, testRedisUrl: e.TEST_REDIS_URL || undefined, chromiumPath: e.CHROMIUM_PATH || undefined, benchPgUrl: e.BENCH_PG_URL || undefined };
}
