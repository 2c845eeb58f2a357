// `npm run db:migrate`: applies the migrations of DATABASE_URL's database — Prisma's
// `migrate deploy` for SQLite, src/db/pg-migrate.ts for PostgreSQL.
import { execFileSync } from "node:child_process";
import { loadDotEnv, parseEnv } from "../src/config/env.ts";
import { migratePostgres } from "../src/db/pg-migrate.ts";

loadDotEnv();
const { DATABASE_URL } = parseEnv();
if (DATABASE_URL.startsWith("file:")) {
  execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "inherit" });
} else {
  const applied = await migratePostgres(DATABASE_URL, console.log);
  console.log(applied.length ? `${applied.length} migration(s) applied` : "no pending migrations");
}
