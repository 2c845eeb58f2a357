// Prisma CLI configuration for the PostgreSQL client (generate and migrate diff only; the
// migrations are applied by src/db/pg-migrate.ts, docs/decisions/0012). The URL is a
// placeholder when unset: generating does not connect.
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

process.env.CHECKPOINT_DISABLE ??= "1";
const url = process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : "postgresql://localhost:5432/placeholder";
process.env.DATABASE_URL = url;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  async adapter() {
    return new PrismaPg({ connectionString: url });
  },
});
