/**
 * Starts what the browser tests drive: a production build of the app on its own database, and the
 * vendor sandbox. Without Chromium the browser tests are skipped (and fail when E2E_REQUIRED=1, as in CI).
 */
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { freePort, waitUntilAnswering } from "../../scripts/bench/servers";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

declare module "vitest" {
  export interface ProvidedContext {
    e2e: { appUrl: string; sandboxUrl: string } | null;
  }
}

/** With DATABASE_URL the app gets a fresh database of its own beside the unit tests' one. */
async function freshPostgresDatabase(baseUrl: string) {
  const url = new URL(baseUrl);
  const name = `${url.pathname.slice(1) || "postgres"}_e2e`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  url.pathname = `/${name}`;
  return url.toString();
}

export default async function setup(project: TestProject) {
  if (!existsSync(chromiumPath)) {
    if (process.env.E2E_REQUIRED === "1") throw new Error(`No Chromium at ${chromiumPath}: apt-get install -y chromium`);
    console.warn(`\n[browser tests skipped] no Chromium at ${chromiumPath}; install it with: apt-get install -y chromium\n`);
    project.provide("e2e", null);
    return;
  }
  const root = process.cwd();
  const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
  // A separate build directory lets a developer build while another build is being tested.
  const distDir = process.env.E2E_DIST_DIR ?? ".next-e2e";
  if (process.env.E2E_SKIP_BUILD !== "1" || !existsSync(path.join(root, distDir, "BUILD_ID"))) {
    execFileSync(bin("next"), ["build"], {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
    });
  }
  const [appPort, sandboxPort] = [await freePort(), await freePort()];
  const dataDir = mkdtempSync(path.join(tmpdir(), "e2e-"));
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  const appUrl = `http://127.0.0.1:${appPort}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_SECRET: randomBytes(32).toString("base64"),
    AUTH_TRUST_HOST: "true",
    ENCRYPTION_KEY: "b64:" + randomBytes(32).toString("base64"),
    DEMO_SEED: "true",
    PGLITE_DIR: path.join(dataDir, "pglite"),
    SANDBOX_URL: sandboxUrl,
    SANDBOX_PORT: String(sandboxPort),
    APP_URL: appUrl,
    INNGEST_DEV: "",
    INNGEST_EVENT_KEY: "",
  };
  if (process.env.DATABASE_URL) env.DATABASE_URL = await freshPostgresDatabase(process.env.DATABASE_URL);

  const logs = process.env.E2E_LOGS === "1" ? "inherit" : "ignore";
  const sandbox = spawn(bin("tsx"), ["sandbox/main.ts"], { env, stdio: ["ignore", logs, "inherit"] });
  const app = spawn(bin("next"), ["start", "--port", String(appPort), "--hostname", "127.0.0.1"], {
    env,
    stdio: ["ignore", logs, "inherit"],
  });
  try {
    await waitUntilAnswering(`${sandboxUrl}/_sandbox/state`, sandbox, "sandbox", 90_000);
    await waitUntilAnswering(`${appUrl}/api/health`, app, "app", 90_000);
  } catch (error) {
    sandbox.kill();
    app.kill();
    throw error;
  }
  project.provide("e2e", { appUrl, sandboxUrl });

  return async () => {
    app.kill("SIGTERM");
    sandbox.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    rmSync(dataDir, { recursive: true, force: true });
  };
}
