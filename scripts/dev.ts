/**
 * `npm run dev`: the whole product on one machine with nothing configured. Starts the vendor
 * sandbox and the Next.js dev server against the embedded database in .data/.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { demoCredentials } from "../lib/demo/seed";

const dataDir = path.join(process.cwd(), ".data");
mkdirSync(dataDir, { recursive: true });

/** A secret kept in .data/ so sessions survive restarts; an explicit env var always wins. */
function localSecret(name: string, file: string) {
  if (process.env[name]) return process.env[name]!;
  const filePath = path.join(dataDir, file);
  if (!existsSync(filePath)) writeFileSync(filePath, randomBytes(32).toString("base64"), { mode: 0o600 });
  return readFileSync(filePath, "utf8").trim();
}

const appPort = process.env.PORT ?? "3000";
const sandboxPort = process.env.SANDBOX_PORT ?? "4010";
const env = {
  ...process.env,
  AUTH_SECRET: localSecret("AUTH_SECRET", "auth-secret"),
  SANDBOX_URL: process.env.SANDBOX_URL ?? `http://127.0.0.1:${sandboxPort}`,
  SANDBOX_PORT: sandboxPort,
  APP_URL: process.env.APP_URL ?? `http://localhost:${appPort}`,
};

const bin = (name: string) => path.join(process.cwd(), "node_modules", ".bin", name);
const children: ChildProcess[] = [
  spawn(bin("tsx"), ["sandbox/main.ts"], { env, stdio: "inherit" }),
  spawn(bin("next"), ["dev", "--port", appPort], { env, stdio: "inherit" }),
];

console.log(`
  Dashboard: http://localhost:${appPort}
  Sandbox:   ${env.SANDBOX_URL}  (NetSuite, HubSpot and ActiveCampaign imitations)
  Database:  ${process.env.DATABASE_URL ? "DATABASE_URL" : "embedded PGlite in .data/pglite"}
  Workflows: ${process.env.INNGEST_DEV || process.env.INNGEST_EVENT_KEY ? "Inngest" : "in-process runner (no Inngest server; run `npx inngest-cli@latest dev` and set INNGEST_DEV=1 for schedules)"}
  Demo merchant: ${demoCredentials.email} / ${demoCredentials.password}
`);

const stop = () => {
  for (const child of children) child.kill("SIGTERM");
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
for (const child of children) child.on("exit", (code) => code && code !== 0 && stop());
