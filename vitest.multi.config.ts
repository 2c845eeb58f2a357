import { defineConfig } from "vitest/config";

// Two app processes against one PostgreSQL and one Redis (npm run test:multi).
export default defineConfig({
  test: {
    include: ["test/multi/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
