// Applies prisma/postgres/migrations in order. Prisma's own `migrate deploy` cannot run here
// with the pg driver adapter (it fails reading catalog columns of type `name`, upstream
// prisma/orm#27403), so this small migrator does the same job: each migration once, in its
// own transaction, recorded in "_jongto_migrations", under an advisory lock so two instances
// starting together cannot both apply one (docs/decisions/0012).
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { projectRoot } from "../lib/project-root.ts";
import { keyStatements, nicknameSkeleton } from "./nickname-keys.ts";

const MIGRATIONS = path.join(projectRoot, "prisma/postgres/migrations");
const LOCK_KEY = 727_001; // any constant shared by every instance

/** The migrations this code expects, in order. */
export function postgresMigrationNames(): string[] {
  return fs.readdirSync(MIGRATIONS).filter((d) => fs.statSync(path.join(MIGRATIONS, d)).isDirectory()).sort();
}

/** The migrations recorded as applied, asked on whatever connection `query` runs on. */
export async function appliedPostgresMigrations(query: (text: string) => Promise<{ name: string }[]>): Promise<Set<string>> {
  return new Set((await query(`SELECT "name" FROM "_jongto_migrations"`)).map((r) => r.name));
}

export function schemaOf(url: string): string {
  return new URL(url).searchParams.get("schema") ?? "public";
}

export async function migratePostgres(url: string, log: (line: string) => void = () => {}): Promise<string[]> {
  const schema = schemaOf(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const applied: string[] = [];
  try {
    // Under the lock too: two `CREATE … IF NOT EXISTS` racing each other can both try to create
    // (PostgreSQL then answers a unique violation on pg_type or pg_namespace), as three
    // instances starting together did in test/multi.
    await client.query("BEGIN");
    try {
      await client.query("SELECT pg_advisory_xact_lock($1)", [LOCK_KEY]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '""')}"`);
      await client.query(`CREATE TABLE IF NOT EXISTS "${schema.replace(/"/g, '""')}"."_jongto_migrations" (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
    await client.query(`SET search_path TO "${schema.replace(/"/g, '""')}"`);
    const names = postgresMigrationNames();
    for (const name of names) {
      await client.query("BEGIN");
      try {
        await client.query("SELECT pg_advisory_xact_lock($1)", [LOCK_KEY]);
        const done = await client.query(`SELECT 1 FROM "_jongto_migrations" WHERE name = $1`, [name]);
        if (done.rowCount === 0) {
          await client.query(fs.readFileSync(path.join(MIGRATIONS, name, "migration.sql"), "utf8"));
          await client.query(`INSERT INTO "_jongto_migrations" (name) VALUES ($1)`, [name]);
          applied.push(name);
          log(`applied ${name}`);
        }
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    }
    await client.query("BEGIN");
    try {
      await client.query("SELECT pg_advisory_xact_lock($1)", [LOCK_KEY]);
      const keys = keyStatements((n) => `$${n}`);
      const { rows } = await client.query<{ id: number; nickname: string }>(keys.missing);
      for (const u of rows) await client.query(keys.assign, [u.id, nicknameSkeleton(u.nickname)]);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
  } finally {
    await client.end();
  }
  return applied;
}
