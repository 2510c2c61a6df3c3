/**
 * Storage benchmark (not a test): loads 100,000 promotion-list records for 20,000 customers into the
 * configured database (DATABASE_URL, else a temporary PGlite directory) under a fresh team, then
 * times a filtered list page, a key lookup, an increment and a full reconciliation.
 *
 *   npm run bench:storage [-- --json] [--records 100000] [--customers 20000] [--keep]
 *
 * With --json the last line is a JSON object with the figures. The bench team is deleted at the
 * end unless --keep is given.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { flag, option } from "./bench/args";

const RECORDS = option("records", 100_000);
const CUSTOMERS = option("customers", 20_000);
const PAGE = 1_000;
const SAMPLES = option("samples", 200);

process.env.DEMO_SEED = "false";
let tempDir: string | undefined;
if (!process.env.DATABASE_URL && !process.env.PGLITE_DIR) {
  tempDir = mkdtempSync(path.join(tmpdir(), "bench-storage-"));
  process.env.PGLITE_DIR = tempDir;
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  return { median: round(at(0.5)), p95: round(at(0.95)), n: sorted.length };
}
const round = (ms: number) => Math.round(ms * 100) / 100;

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const result = await fn();
  return [performance.now() - start, result];
}

async function main() {
  const { getDb, databaseKind, closeDb } = await import("@/db");
  const { teams } = await import("@/db/schema");
  const { eq } = await import("drizzle-orm");
  const { createTeam } = await import("@/lib/teams/create-team");
  const { getPromotionStores } = await import("@/lib/storage/promotion-list");
  const { benchEmail, benchKey, loadPromotionList, seededRandom } = await import("./bench/load-promotion-list");
  const { getObject, listObjectsInStore } = await import("@/lib/storage/objects");
  const { incrementCounter } = await import("@/lib/storage/counters");
  const { reconcilePromotionCounters } = await import("@/lib/storage/reconcile");

  const db = await getDb();
  const kind = await databaseKind();
  const log = (line: string) => console.log(line);
  log(`storage bench on ${kind}${tempDir ? ` (${tempDir})` : ""}: ${RECORDS} records, ${CUSTOMERS} customers`);

  const slug = `bench-${Date.now().toString(36)}`;
  const team = await createTeam(db, { slug, name: `Storage bench ${slug}` });
  try {
    const stores = await getPromotionStores(db, team.id);
    const email = benchEmail;
    // Deterministic pseudo-random amounts and dates (no Math.random so runs are comparable).
    const rand = seededRandom(42);
    const { loadMs } = await loadPromotionList(db, team.id, { records: RECORDS, customers: CUSTOMERS, pageSize: PAGE, rand });
    log(`bulk load: ${RECORDS} records in ${round(loadMs)} ms (${Math.round(RECORDS / (loadMs / 1000))} records/s, pages of ${PAGE} through addOrdersToPromotionList)`);

    const list = stores.list;
    const listScenarios: Array<{ name: string; opts: Parameters<typeof listObjectsInStore>[2] }> = [
      { name: "status filter, newest first", opts: { filters: [{ field: "Subscription Status", value: "subscribed" }] } },
      { name: "sort by Date Of Purchase desc", opts: { sort: { by: "Date Of Purchase", dir: "desc" } } },
      { name: "key prefix, key order", opts: { keyPrefix: "NetSuite-SO00", sort: { by: "key" } } },
      { name: "email search", opts: { search: email(1234) } },
    ];
    const listSamples: number[] = [];
    const perScenario: Record<string, ReturnType<typeof stats>> = {};
    for (const scenario of listScenarios) {
      const samples: number[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < SAMPLES / listScenarios.length + 5; i++) {
        // Walk forward through pages (keyset), restarting at the end: deep pages cost what page 1 does.
        const [ms, page] = await time(() => listObjectsInStore(db, list, { ...scenario.opts, limit: 50, cursor }));
        if (i >= 5) samples.push(ms);
        cursor = page.nextCursor;
      }
      perScenario[scenario.name] = stats(samples);
      listSamples.push(...samples);
    }
    const listStats = stats(listSamples);
    log(`list page (50 rows): median ${listStats.median} ms, p95 ${listStats.p95} ms`);
    for (const [name, s] of Object.entries(perScenario)) log(`  - ${name}: median ${s.median} ms, p95 ${s.p95} ms`);

    const lookupSamples: number[] = [];
    for (let i = 0; i < SAMPLES + 10; i++) {
      const key = benchKey(Math.floor(rand() * RECORDS));
      const [ms, found] = await time(() => getObject(db, team.id, list.id, key));
      if (!found) throw new Error(`lookup missed ${key}`);
      if (i >= 10) lookupSamples.push(ms);
    }
    const lookupStats = stats(lookupSamples);
    log(`key lookup: median ${lookupStats.median} ms, p95 ${lookupStats.p95} ms`);

    const incrementSamples: number[] = [];
    const benchCounter = stores.count.id;
    for (let i = 0; i < SAMPLES + 10; i++) {
      const [ms] = await time(() => incrementCounter(db, team.id, benchCounter, `bench-extra-${i % 50}@bench.test`, "1"));
      if (i >= 10) incrementSamples.push(ms);
    }
    const incrementStats = stats(incrementSamples);
    log(`increment: median ${incrementStats.median} ms, p95 ${incrementStats.p95} ms`);

    const reconcileRuns: number[] = [];
    let drifts = 0;
    let customers = 0;
    for (let i = 0; i < 3; i++) {
      const [ms, report] = await time(() => reconcilePromotionCounters(db, team.id));
      reconcileRuns.push(ms);
      drifts = report.drifts.length;
      customers = report.customers;
    }
    const reconcileMs = stats(reconcileRuns).median;
    log(`reconciliation: ${customers} customers, ${drifts} drifts (the 50 extra increments above), median of 3 runs ${reconcileMs} ms (runs: ${reconcileRuns.map(round).join(", ")} ms)`);

    const summary = {
      database: kind,
      records: RECORDS,
      customers,
      loadMs: round(loadMs),
      listMedianMs: listStats.median,
      listP95Ms: listStats.p95,
      lookupMedianMs: lookupStats.median,
      lookupP95Ms: lookupStats.p95,
      incrementMedianMs: incrementStats.median,
      incrementP95Ms: incrementStats.p95,
      reconcileMs,
    };
    if (flag("json")) console.log(JSON.stringify(summary));
  } finally {
    if (!flag("keep")) await db.delete(teams).where(eq(teams.id, team.id));
    await closeDb();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
