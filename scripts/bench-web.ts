/**
 * Dashboard page benchmark (not a test): on PostgreSQL (DATABASE_URL required) it creates a fresh
 * database `bench_web`, signs up a team and loads its promotion list with 100,000 records
 * (scripts/bench/load-promotion-list.ts, shared with bench:storage), builds the app into
 * .next-bench, starts `next start` on it, signs in as the team's owner through Auth.js over HTTP
 * and times every dashboard page: 50 requests each after a warm-up, full body read, one at a time.
 *
 *   DATABASE_URL=postgres://… npm run bench:web [-- --json] [--records 100000] [--customers 20000]
 *                                               [--samples 50] [--skip-build] [--keep]
 *
 * Pages that do not exist (yet) answer 404 and are reported as missing. With --json the last line
 * is a JSON object with the figures. The database is dropped at the end unless --keep is given.
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { benchEmail, loadPromotionList } from "./bench/load-promotion-list";
import { signedInSession, type HttpSession } from "./bench/http-session";
import { flag, option } from "./bench/args";
import { freePort, waitUntilAnswering } from "./bench/servers";

const RECORDS = option("records", 100_000);
const CUSTOMERS = option("customers", 20_000);
const SAMPLES = option("samples", 50);
const WARMUP = 5;
const TARGET_P95_MS = 300;
const DIST_DIR = ".next-bench";
const DB_NAME = "bench_web";

const root = process.cwd();
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const round = (ms: number) => Math.round(ms * 10) / 10;
const log = (line: string) => console.log(line);

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  return { median: round(at(0.5)), p95: round(at(0.95)), max: round(sorted[sorted.length - 1]), n: sorted.length };
}

function benchDatabaseUrl(base: string) {
  const url = new URL(base);
  url.pathname = `/${DB_NAME}`;
  return url.toString();
}

async function recreateDatabase(base: string, create: boolean) {
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${DB_NAME}" with (force)`);
    if (create) await admin.unsafe(`create database "${DB_NAME}"`);
  } finally {
    await admin.end();
  }
}

type Seeded = { email: string; password: string; listId: string; counterId: string | null; teamName: string };

/** Signs up the bench owner (user + team + default stores) and loads the list, in this process. */
async function seed(databaseUrl: string): Promise<Seeded> {
  process.env.DATABASE_URL = databaseUrl;
  process.env.DEMO_SEED = "false";
  const { getDb, closeDb } = await import("@/db");
  const { signUp } = await import("@/lib/auth/sign-up");
  const { getPromotionStores } = await import("@/lib/storage/promotion-list");
  const db = await getDb();
  const owner = { name: "Bench Owner", teamName: "Bench Jewellery", email: "owner@bench.test", password: "bench-password-2026" };
  const { team } = await signUp(db, owner);
  const stores = await getPromotionStores(db, team.id);
  // Dated up to today, as the server's clock sees it, so the pages show a full retention window.
  const { loadMs } = await loadPromotionList(db, team.id, { records: RECORDS, customers: CUSTOMERS, today: new Date() });
  log(`loaded ${RECORDS} records for ${CUSTOMERS} customers in ${round(loadMs / 1000)} s`);
  await closeDb();
  return { email: owner.email, password: owner.password, listId: stores.list.id, counterId: stores.amount.id, teamName: owner.teamName };
}

/** `beforeEach` runs untimed before every request (a write to the list, for the first view after a change). */
async function timePage(session: HttpSession, url: string, beforeEach?: () => Promise<unknown>) {
  const samples: number[] = [];
  let status = 0;
  let bytes = 0;
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    await beforeEach?.();
    const start = performance.now();
    const response = await session.fetch(url);
    const body = await response.arrayBuffer();
    const ms = performance.now() - start;
    status = response.status;
    bytes = body.byteLength;
    if (status !== 200) break;
    if (i >= WARMUP) samples.push(ms);
  }
  return { status, bytes, samples };
}

async function main() {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("bench:web needs DATABASE_URL (a PostgreSQL server it may create and drop the database bench_web on)");
  const databaseUrl = benchDatabaseUrl(base);
  log(`web bench: PostgreSQL ${new URL(base).host}, database ${DB_NAME}, ${RECORDS} records, ${SAMPLES} requests per page after ${WARMUP} warm-up`);
  await recreateDatabase(base, true);

  let app: ChildProcess | undefined;
  try {
    const seeded = await seed(databaseUrl);
    if (!flag("skip-build") || !existsSync(path.join(root, DIST_DIR, "BUILD_ID"))) {
      const started = performance.now();
      try {
        execFileSync(bin("next"), ["build"], {
          stdio: ["ignore", "pipe", "pipe"],
          env: { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
          maxBuffer: 64 * 1024 * 1024,
        });
      } catch (error) {
        const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
        console.error(`${stdout ?? ""}${stderr ?? ""}`);
        throw new Error("next build failed (output above)");
      }
      log(`next build (${DIST_DIR}) in ${round((performance.now() - started) / 1000)} s`);
    }
    const port = await freePort();
    const appUrl = `http://127.0.0.1:${port}`;
    app = spawn(bin("next"), ["start", "--port", String(port), "--hostname", "127.0.0.1"], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_DIST_DIR: DIST_DIR,
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: databaseUrl,
        DEMO_SEED: "false",
        AUTH_SECRET: randomBytes(32).toString("base64"),
        AUTH_TRUST_HOST: "true",
        ENCRYPTION_KEY: "b64:" + randomBytes(32).toString("base64"),
        APP_URL: appUrl,
        INNGEST_DEV: "",
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    await waitUntilAnswering(`${appUrl}/api/health`, app, "next start");
    const session = await signedInSession(appUrl, seeded.email, seeded.password);

    // A real change to one list record's amount (its trigger updates the list's running figures),
    // untimed, so the Overview that follows shows figures that include it.
    const writer = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    let edits = 0;
    const touchList = () =>
      writer`update stored_objects set data = jsonb_set(data, '{Purchase Amount}', to_jsonb(${`${100 + (++edits % 50)}.00`}::text))
             where id = (select min(id) from stored_objects where store_id = ${seeded.listId})`;
    const pages: Array<{ name: string; url: string; beforeEach?: () => Promise<unknown> }> = [
      { name: "overview", url: "/overview" },
      { name: "overview, list just changed", url: "/overview", beforeEach: touchList },
      { name: "storage", url: "/storage" },
      { name: "list store", url: `/storage/objects/${seeded.listId}` },
      { name: "list store, email search", url: `/storage/objects/${seeded.listId}?q=${encodeURIComponent(benchEmail(1234))}` },
      { name: "list store, text search", url: `/storage/objects/${seeded.listId}?q=Customer%201234` },
      ...(seeded.counterId ? [{ name: "counter store", url: `/storage/counters/${seeded.counterId}` }] : []),
      ...(seeded.counterId ? [{ name: "counter store, search", url: `/storage/counters/${seeded.counterId}?q=customer1234` }] : []),
      { name: "reconcile", url: "/storage/reconcile" },
      { name: "workflows", url: "/workflows" },
      { name: "promotions", url: "/promotions" },
      { name: "connectors", url: "/connectors" },
      { name: "settings", url: "/settings" },
      { name: "activity", url: "/activity" },
    ];
    const results: Record<string, { url: string; status: number; medianMs?: number; p95Ms?: number; maxMs?: number; kb?: number; meetsTarget?: boolean }> = {};
    log("");
    log(`| page | median | p95 | max | body | p95 < ${TARGET_P95_MS} ms |`);
    log("|---|---|---|---|---|---|");
    for (const { name, url, beforeEach } of pages) {
      const { status, bytes, samples } = await timePage(session, url, beforeEach);
      if (status !== 200 || samples.length === 0) {
        results[name] = { url, status };
        log(`| ${name} (\`${url.replace(seeded.listId, "<list>").replace(seeded.counterId ?? "-", "<counter>")}\`) | — | — | — | HTTP ${status} | missing |`);
        continue;
      }
      const s = stats(samples);
      const meetsTarget = s.p95 < TARGET_P95_MS;
      results[name] = { url, status, medianMs: s.median, p95Ms: s.p95, maxMs: s.max, kb: Math.round(bytes / 1024), meetsTarget };
      log(`| ${name} | ${s.median} ms | ${s.p95} ms | ${s.max} ms | ${Math.round(bytes / 1024)} KB | ${meetsTarget ? "yes" : "**no**"} |`);
    }
    const slow = Object.entries(results).filter(([, r]) => r.meetsTarget === false).map(([name]) => name);
    log("");
    log(slow.length ? `over the ${TARGET_P95_MS} ms p95 target: ${slow.join(", ")}` : `every page that exists is under the ${TARGET_P95_MS} ms p95 target`);
    await writer.end();
    if (flag("json")) console.log(JSON.stringify({ database: "postgres", records: RECORDS, customers: CUSTOMERS, samples: SAMPLES, targetP95Ms: TARGET_P95_MS, pages: results }));
  } finally {
    app?.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    if (!flag("keep")) await recreateDatabase(base, false);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
