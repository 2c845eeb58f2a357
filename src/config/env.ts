// The one place that reads process.env. Every variable is documented in .env.example.
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  // Empty: listen on every interface (IPv4 and IPv6), as Node does by default.
  HOST: z.string().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "DATABASE_URL must start with file: or postgres://")
    .default("file:./prisma/dev.db"),
  // Signs session cookies. Empty: a random secret is created once and kept in SESSION_SECRET_FILE.
  SESSION_SECRET: z.string().min(32).optional(),
  SESSION_SECRET_FILE: z.string().default("./prisma/.session-secret"),
  // How long a write waits for another process's lock on the SQLite file before the user
  // gets "try again" (503).
  SQLITE_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  // Multiplies every abuse limit (src/http/rate-limit.ts). 1 in production; load and crash
  // tests raise it so one test client can write faster than any person.
  RATE_LIMIT_SCALE: z.coerce.number().int().min(1).max(1_000_000).default(1),
  // Redis for rate-limit counters shared by several app instances (redis://host:6379).
  // Empty: counters live in the process, right for a single instance.
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "REDIS_URL must start with redis://").optional(),
  // How many reverse proxies stand in front of the app (0 = none). Never "true": a client
  // could then forge X-Forwarded-For and pick its own IP.
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
});

export type Env = z.infer<typeof schema>;

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return result.data;
}

export function loadDotEnv(): void {
  try {
    process.loadEnvFile();
  } catch {
    // No .env file: defaults apply.
  }
}
