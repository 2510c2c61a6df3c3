import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["tests/**/*.test.ts", "sandbox/**/*.test.ts", "lib/**/*.test.ts"],
    exclude: ["tests/e2e/**", "node_modules/**"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: {
      // Each test file gets its own throwaway embedded database unless DATABASE_URL is set.
      PGLITE_DIR: "memory://",
      DEMO_SEED: "false",
      ENCRYPTION_KEY: "b64:" + Buffer.alloc(32, 7).toString("base64"),
      AUTH_SECRET: "test-secret-test-secret-test-secret-0123",
      LOG_LEVEL: "silent",
    },
  },
});
