// The commands as a person types them: --help, a mistyped option, a bad setting. Each answers
// in one line (no stack trace) with exit code 2, or prints its help with exit code 0.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const TSX = ["--import", "tsx"];

function run(script: string, args: string[] = [], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [...TSX, script, ...args], {
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "", DATABASE_URL: "file:test/.tmp/never-created.db", ...env },
    timeout: 30_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

const noStack = (text: string) => expect(text).not.toMatch(/^\s+at /m);

const COMMANDS = [
  "src/server.ts",
  "scripts/migrate.ts",
  "prisma/seed.ts",
  "scripts/backup.ts",
  "scripts/restore.ts",
  "scripts/jury-select.ts",
  "scripts/demo-data.ts",
  "scripts/search-reindex.ts",
  "scripts/pg-schema.ts",
  "bench/run.ts",
  "bench/generate.ts",
];

describe("every command", () => {
  it.each(COMMANDS)("%s has --help and refuses an unknown option in one line", (script) => {
    const help = run(script, ["--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^usage: /);
    const bad = run(script, ["--bord", "005930"]);
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split("\n")).toHaveLength(1);
    expect(bad.err).toContain("--bord");
    noStack(bad.err);
  });
});

describe("a bad setting", () => {
  it("stops the server with one line naming the variable and exit code 2", () => {
    const r = run("src/server.ts", [], { PORT: "abc" });
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe("PORT=abc: must be a port number (example: PORT=3000)");
  });

  it("names a SQLite path in a missing directory", () => {
    const r = run("scripts/migrate.ts", [], { DATABASE_URL: "file:/nonexistent-dir/jongto.db" });
    expect(r.code).toBe(2);
    expect(r.err).toContain("the directory /nonexistent-dir does not exist");
    noStack(r.err);
  });
});
