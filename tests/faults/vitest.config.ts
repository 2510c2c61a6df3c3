import path from "node:path";
import { defineConfig } from "vitest/config";

// `npm run test:faults`: the fault-injection suite (tests/faults), modelled on the unit project in
// the root vitest.config.ts (same alias and environment). Kept out of `npm test`: it takes minutes.
const root = path.resolve(import.meta.dirname, "..", "..");
const alias = { "@": root };

export default defineConfig({
  root,
  resolve: { alias },
  test: {
    name: "faults",
    pool: "forks",
    include: ["tests/faults/**/*.test.ts"],
    // One sandbox and one database per file; files run one at a time (the machine has 2 CPUs).
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 240_000,
    env: {
      PGLITE_DIR: "memory://",
      DEMO_SEED: "false",
      ENCRYPTION_KEY: "b64:" + Buffer.alloc(32, 7).toString("base64"),
      AUTH_SECRET: "test-secret-test-secret-test-secret-0123",
      LOG_LEVEL: "silent",
    },
  },
});
