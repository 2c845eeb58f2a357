// The real server as a separate process (for crash, backup and multi-instance tests), and a
// small cookie-keeping HTTP client for it.
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { openCtx } from "../src/context.ts";
import { systemClock } from "../src/lib/clock.ts";
import { seedDatabase } from "../src/modules/boards/seed.service.ts";
import { childEnv } from "../src/config/env.ts";

const TMP_DIR = path.resolve("test/.tmp");

// Every server a test file starts is stopped after its last test, whatever the test did with
// its handle (registered when the file is collected: an afterAll inside a hook never runs).
const running = new Set<ServerProcess>();
afterAll(async () => {
  await Promise.all([...running].map((s) => s.kill()));
});

/** A migrated, seeded SQLite file of its own. */
export async function freshDatabaseFile(name: string): Promise<string> {
  const file = path.join(TMP_DIR, `${name}-${process.pid}-${Math.random().toString(36).slice(2)}.db`);
  fs.copyFileSync(path.join(TMP_DIR, "template.db"), file);
  const ctx = await openCtx({ DATABASE_URL: `file:${file}` }, systemClock);
  await seedDatabase(ctx);
  await ctx.db.$disconnect();
  return file;
}

export function removeDatabaseFile(file: string) {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
}

export interface ServerProcess {
  port: number;
  url: string;
  proc: ChildProcess;
  output: () => string;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const proc = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    env: childEnv({
      NODE_ENV: "test",
      PORT: "0",
      HOST: "127.0.0.1",
      SESSION_SECRET: "process-test-secret-process-test-secret",
      RATE_LIMIT_SCALE: "10000",
      SHUTDOWN_DELAY_MS: "0", // tests that stop a server want it gone at once, unless they say otherwise
      ...env,
    }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout!.on("data", (d) => (out += d));
  proc.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 20_000);
    const check = () => {
      const m = /listening on http:\/\/localhost:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    proc.stdout!.on("data", check);
    proc.once("exit", () => reject(new Error(`server exited:\n${out}`)));
  });
  const server: ServerProcess = {
    port,
    url: `http://127.0.0.1:${port}`,
    proc,
    output: () => out,
    async kill(signal = "SIGKILL") {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      return exited;
    },
  };
  running.add(server);
  void exited.then(() => running.delete(server));
  return server;
}

export class Client {
  cookies = new Map<string, string>(); // name → value, as a browser keeps them
  constructor(public base: string) {}

  get cookie(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  set cookie(value: string) {
    this.cookies.clear();
    for (const part of value.split(/;\s*/).filter(Boolean)) {
      const eq = part.indexOf("=");
      this.cookies.set(part.slice(0, eq), part.slice(eq + 1));
    }
  }

  async request(method: string, pathname: string, body?: Record<string, string>, json = false) {
    const headers: Record<string, string> = { Accept: json ? "application/json" : "text/html" };
    if (this.cookie) headers.Cookie = this.cookie;
    if (body) headers["Content-Type"] = "application/x-www-form-urlencoded";
    const res = await fetch(this.base + pathname, {
      method,
      headers,
      body: body ? new URLSearchParams(body) : undefined,
      redirect: "manual",
    });
    for (const set of res.headers.getSetCookie()) {
      const pair = set.split(";")[0]!;
      const eq = pair.indexOf("=");
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(set)) this.cookies.delete(pair.slice(0, eq));
      else this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const text = await res.text();
    return { status: res.status, location: res.headers.get("location"), text, json: () => JSON.parse(text) };
  }

  get(pathname: string) {
    return this.request("GET", pathname);
  }

  async token(pathname = "/login") {
    const page = await this.get(pathname);
    const m = /name="_csrf" value="([^"]+)"/.exec(page.text);
    if (!m) throw new Error(`no CSRF token on ${pathname} (${page.status})`);
    return m[1]!;
  }

  async post(pathname: string, fields: Record<string, string>, token: string, json = false) {
    return this.request("POST", pathname, { _csrf: token, ...fields }, json);
  }

  async signUp(loginId: string, nickname: string, password = "process test pw") {
    const token = await this.token("/signup");
    const res = await this.post("/signup", { loginId, nickname, password, agree: "on", passwordConfirm: password }, token);
    if (res.status !== 303) throw new Error(`sign-up failed: ${res.status}`);
  }
}
