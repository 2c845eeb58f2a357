// Builds one migrated SQLite template with `prisma migrate deploy` (the same path a user's
// database takes); every test file then works on its own copy of it (test/helpers.ts).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const TMP_DIR = path.resolve("test/.tmp");
export const TEMPLATE_DB = path.join(TMP_DIR, "template.db");

export default function setup() {
  fs.rmSync(TMP_DIR, { recursive: true, force: true });
  fs.mkdirSync(TMP_DIR, { recursive: true });
  if (process.env.TEST_PG_URL) return; // each test file migrates its own PostgreSQL schema
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${TEMPLATE_DB}` },
    stdio: "pipe",
  });
  return () => fs.rmSync(TMP_DIR, { recursive: true, force: true });
}
