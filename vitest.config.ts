import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const alias = { "@": path.resolve(root) };

export default defineConfig({
  resolve: { alias },
  test: {
    pool: "forks",
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["tests/**/*.test.ts", "lib/**/*.test.ts"],
          exclude: ["tests/e2e/**", "tests/faults/**", "node_modules/**"],
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
      },
      {
        resolve: { alias },
        test: {
          name: "browser",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/e2e/global-setup.ts"],
          // One app server is shared; its pages are driven one file at a time.
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
