// Builds one migrated SQLite template with the project's migrator (the same path a user's
// database takes in `npm start`); every test file then works on its own copy of it
// (test/helpers.ts).
import fs from "node:fs";
import path from "node:path";
import { migrateSqlite } from "../src/db/sqlite-migrate.ts";

export const TMP_DIR = path.resolve("test/.tmp");
export const TEMPLATE_DB = path.join(TMP_DIR, "template.db");

export default function setup() {
  fs.rmSync(TMP_DIR, { recursive: true, force: true });
  fs.mkdirSync(TMP_DIR, { recursive: true });
  if (process.env.TEST_PG_URL) return; // each test file migrates its own PostgreSQL schema
  migrateSqlite(TEMPLATE_DB);
  return () => fs.rmSync(TMP_DIR, { recursive: true, force: true });
}
