// Prisma CLI configuration. The JS (WASM) schema engine with a driver adapter keeps every
// Prisma command offline: the native engines cannot be downloaded on our machines
// (see docs/decisions/0001-prisma-offline.md).
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

if (typeof process.loadEnvFile === "function") {
  try {
    process.loadEnvFile();
  } catch {
    // No .env file: the defaults below apply.
  }
}
process.env.CHECKPOINT_DISABLE ??= "1"; // no telemetry call to an unreachable host
// The schema reads DATABASE_URL; without one the CLI would try to download a query engine.
const url = (process.env.DATABASE_URL ??= "file:./prisma/dev.db");

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    // Wait for a running board's write to finish rather than failing at once.
    return new PrismaBetterSQLite3({ url, timeout: 5000 });
  },
});
