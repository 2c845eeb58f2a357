// Prisma CLI configuration for the PostgreSQL client (generate and migrate diff only; the
// migrations are applied by src/db/pg-migrate.ts, docs/decisions/0012). Generating does not
// connect, so a SQLite (or unset) DATABASE_URL becomes a placeholder PostgreSQL URL here.
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseKind, exportForPrismaCli, loadEnv } from "../../src/config/env.ts";

const env = loadEnv();
const url = databaseKind(env.DATABASE_URL) === "postgres" ? env.DATABASE_URL : "postgresql://localhost:5432/placeholder";
exportForPrismaCli(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  async adapter() {
    return new PrismaPg({ connectionString: url });
  },
});
