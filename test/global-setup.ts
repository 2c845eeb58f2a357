// Builds one migrated SQLite template with the project's migrator (the same path a user's
// database takes in `npm start`); every test file then works on its own copy of it
// (test/helpers.ts). On PostgreSQL each test file migrates a schema of its own; the teardown
// drops any of this run's schemas a crashed worker could not drop itself.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { migrateSqlite } from "../src/db/sqlite-migrate.ts";
import { toolSettings } from "../src/config/env.ts";

export const TMP_DIR = path.resolve("test/.tmp");
export const TEMPLATE_DB = path.join(TMP_DIR, "template.db");

async function dropRunSchemas(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET client_min_messages = warning");
    const { rows } = await client.query<{ name: string }>(
      "SELECT schema_name AS name FROM information_schema.schemata WHERE schema_name LIKE $1",
      [`t\\_${process.pid}\\_%`],
    );
    for (const { name } of rows) await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
  } finally {
    await client.end();
  }
}

export default function setup() {
  fs.rmSync(TMP_DIR, { recursive: true, force: true });
  fs.mkdirSync(TMP_DIR, { recursive: true });
  const pgUrl = toolSettings().testPgUrl;
  if (!pgUrl) migrateSqlite(TEMPLATE_DB);
  return async () => {
    if (pgUrl) await dropRunSchemas(pgUrl);
    fs.rmSync(TMP_DIR, { recursive: true, force: true });
  };
}
