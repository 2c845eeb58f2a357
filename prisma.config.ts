// Prisma CLI configuration (`prisma generate`, `prisma migrate diff` in
// scripts/new-migration.sh). The JS (WASM) schema engine with a driver adapter keeps every
// Prisma command offline: the native engines cannot be downloaded on our machines
// (docs/decisions/0001-prisma-offline.md). DATABASE_URL and its default come from
// src/config/env.ts, like everywhere else.
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseKind, exportForPrismaCli, loadEnv } from "./src/config/env.ts";

const env = loadEnv();
// A PostgreSQL URL would send this SQLite CLI off to download a query engine.
const url = databaseKind(env.DATABASE_URL) === "sqlite" ? env.DATABASE_URL : "file::memory:";
exportForPrismaCli(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    // Wait for a running board's write to finish rather than failing at once.
    return new PrismaBetterSQLite3({ url, timeout: env.SQLITE_BUSY_TIMEOUT_MS });
  },
});
