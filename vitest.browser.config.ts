import { defineConfig } from "vitest/config";

// Browser journeys in Debian's Chromium (npm run test:browser). One file at a time: each
// drives a real browser and a real server, and the machines have two cores.
export default defineConfig({
  test: {
    include: ["test/browser/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
