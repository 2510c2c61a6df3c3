/**
 * End-to-end workflow benchmark (not a test): seeds the vendor sandbox with N NetSuite orders,
 * with the vendors' documented rate limits enforced, then runs extract -> promote -> expire for a
 * fresh team through the in-process runner (the CLI's path) on the configured database
 * (DATABASE_URL, else a temporary PGlite directory).
 *
 *   npm run bench [-- --json] [--orders 10000] [--customers <orders/10>] [--seed 42] [--gap 10.5] [--keep]
 *
 * Prints a table per workflow (wall time, vendor calls by endpoint, rate-limit floor, time in
 * vendor calls and waits) and, with --json, a last line with the figures. The sandbox runs in a
 * child process so its memory is not counted as ours. The formulas are in scripts/bench/floor.ts
 * and docs/benchmarks.md ("End-to-end workflows").
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { callsByVendor, vendorFloorsMs, wholeRunFloorMs, type VendorId } from "./bench/floor";
import { RssSampler, SleepTimer, UnionTimer, VendorTimer, startSandboxProcess } from "./bench/instrument";
import { flag, option } from "./bench/args";

const ORDERS = option("orders", 10_000);
const CUSTOMERS = option("customers", Math.max(20, Math.round(ORDERS / 10)));
const SEED = option("seed", 42);
/**
 * Seconds to pause (not counted) between workflows so each starts with empty rate-limit windows,
 * as in production, where extract, promote and expire run on separate daily schedules. `--gap 0`
 * runs them back to back (HubSpot's rolling 10-second window then carries extract's calls into
 * promote).
 */
const GAP_SECONDS = option("gap", 10.5);
/** The run's clock. Orders are spread over the 14 days before it (the first extract's window). */
const AT = new Date("2026-07-01T09:00:00Z");
const DAYS = 14;
const WORKFLOWS = ["extract", "promote", "expire"] as const;
type Workflow = (typeof WORKFLOWS)[number];

process.env.DEMO_SEED = "false";
process.env.ENCRYPTION_KEY ??= `b64:${randomBytes(32).toString("base64")}`;
let tempDir: string | undefined;
if (!process.env.DATABASE_URL && !process.env.PGLITE_DIR) {
  tempDir = mkdtempSync(path.join(tmpdir(), "bench-workflows-"));
  process.env.PGLITE_DIR = tempDir;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const seconds = (ms: number) => round(ms / 1000);

async function control(url: string, method: string, route: string, body?: unknown) {
  const res = await fetch(`${url}${route}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`sandbox ${method} ${route}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

type WorkflowFigures = {
  workflow: Workflow;
  status: string;
  error?: string;
  wallMs: number;
  calls: Record<string, number>;
  rateLimited: Record<string, number>;
  callsByVendor: Record<VendorId, number>;
  floorMs: number;
  floorByVendorMs: Record<VendorId, number>;
  vendorMs: number;
  vendorByVendorMs: Record<VendorId, number>;
  waitMs: number;
  dbAndAppMs: number;
  counts: Record<string, number>;
};

async function main() {
  const rss = new RssSampler();
  rss.start();
  const sandbox = await startSandboxProcess();
  // "Blocked": a vendor call in flight or a caller asleep in pacing/backoff; the rest of the wall
  // time is spent in the database and our own code.
  const blocked = new UnionTimer();
  const vendorTimer = new VendorTimer(blocked);
  vendorTimer.install(sandbox.url);
  const sleepTimer = new SleepTimer(blocked);
  const { realClock } = await import("@/lib/connectors/pacing");
  sleepTimer.install(realClock);

  const { getDb, databaseKind, closeDb } = await import("@/db");
  const { teams } = await import("@/db/schema");
  const { eq } = await import("drizzle-orm");
  const { createTeam } = await import("@/lib/teams/create-team");
  const { connectTeamToSandbox } = await import("@/lib/connectors/sandbox-connections");
  const { runWorkflowNow } = await import("@/lib/workflows/start-run");
  const { seedFlowCalls } = await import("./bench/seed-flow");

  const db = await getDb();
  const kind = await databaseKind();
  const log = (line: string) => console.log(line);
  log(
    `workflow bench on ${kind}${tempDir ? ` (${tempDir})` : ""}: ${ORDERS} orders, ${CUSTOMERS} customers, seed ${SEED}, sandbox ${sandbox.url} (rate limits on), ${GAP_SECONDS} s pause between workflows (not counted)`,
  );

  const seedStart = performance.now();
  await control(sandbox.url, "POST", "/_sandbox/reset", {});
  await control(sandbox.url, "POST", "/_sandbox/config", { rateLimits: true });
  await control(sandbox.url, "POST", "/_sandbox/demo-data", { seed: SEED, customers: CUSTOMERS, orders: ORDERS, days: DAYS, now: AT.toISOString() });
  log(`seeded the sandbox in ${seconds(performance.now() - seedStart)} s`);

  const slug = `bench-${Date.now().toString(36)}`;
  const team = await createTeam(db, { slug, name: `Workflow bench ${slug}` });
  await connectTeamToSandbox(db, team.id, sandbox.url);
  const figures: WorkflowFigures[] = [];
  let seedFlow: Awaited<ReturnType<typeof seedFlowCalls>> | null = null;
  const runIds: Partial<Record<Workflow, string>> = {};
  try {
    for (const workflow of WORKFLOWS) {
      // Expire runs one day after the retention window so it removes every record extract added.
      const at = workflow === "expire" ? new Date(AT.getTime() + (DAYS + 1) * 86_400_000) : AT;
      if (workflow === "expire") {
        seedFlow = await seedFlowCalls(db, team.id, { extract: figures[0].counts, promoteRunId: runIds.promote! });
      }
      if (workflow !== "extract" && GAP_SECONDS > 0) await new Promise((resolve) => setTimeout(resolve, GAP_SECONDS * 1000));
      await control(sandbox.url, "POST", "/_sandbox/calls/reset", {});
      vendorTimer.reset();
      sleepTimer.asleep.reset();
      blocked.reset();
      const start = performance.now();
      const result = await runWorkflowNow({ db, teamId: team.id, workflow, trigger: "cli", at });
      const wallMs = performance.now() - start;
      runIds[workflow] = result.runId;
      const log = (await control(sandbox.url, "GET", "/_sandbox/calls")) as { calls: Record<string, number>; rateLimited: Record<string, number> };
      const floors = vendorFloorsMs(log.calls, vendorTimer.busyMs.netsuite);
      const waitMs = sleepTimer.asleep.ms;
      figures.push({
        workflow,
        status: result.status,
        error: result.error,
        wallMs,
        calls: log.calls,
        rateLimited: log.rateLimited,
        callsByVendor: callsByVendor(log.calls),
        floorMs: Math.max(...Object.values(floors)),
        floorByVendorMs: floors,
        vendorMs: vendorTimer.inFlight.ms,
        vendorByVendorMs: { ...vendorTimer.busyMs },
        waitMs,
        dbAndAppMs: Math.max(0, wallMs - blocked.ms),
        counts: result.counts,
      });
      if (result.status !== "succeeded") throw new Error(`${workflow} failed: ${result.error}`);
    }
  } finally {
    rss.stop();
    if (!flag("keep")) await db.delete(teams).where(eq(teams.id, team.id));
    await closeDb();
    const sandboxPeak = sandbox.peakRssMb();
    await sandbox.close();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    if (figures.length) report(figures, kind, seedFlow, rss.peakMb, sandboxPeak);
  }
}

function report(
  figures: WorkflowFigures[],
  kind: string,
  seedFlow: { total: number; byWorkflow: Record<string, number> } | null,
  peakRssMb: number,
  sandboxPeakRssMb: number | null,
) {
  const log = (line: string) => console.log(line);
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  log("");
  log("workflow | status    |  wall s | floor s | wall/floor | calls | NS | HS | AC | 429s | in vendor s | waits s | db+app s");
  log("---------|-----------|---------|---------|------------|-------|----|----|----|------|-------------|---------|---------");
  for (const f of figures) {
    const r429 = Object.values(f.rateLimited).reduce((a, b) => a + b, 0);
    const total = Object.values(f.calls).reduce((a, b) => a + b, 0);
    const ratio = f.floorMs > 0 ? round(f.wallMs / f.floorMs) : "-";
    log(
      `${f.workflow.padEnd(8)} | ${f.status.padEnd(9)} | ${pad(seconds(f.wallMs), 7)} | ${pad(seconds(f.floorMs), 7)} | ${pad(ratio, 10)} | ${pad(total, 5)} | ${pad(f.callsByVendor.netsuite, 2)} | ${pad(f.callsByVendor.hubspot, 2)} | ${pad(f.callsByVendor.activecampaign, 2)} | ${pad(r429, 4)} | ${pad(seconds(f.vendorMs), 11)} | ${pad(seconds(f.waitMs), 7)} | ${pad(seconds(f.dbAndAppMs), 8)}`,
    );
  }
  const calls: Record<string, number> = {};
  for (const f of figures) for (const [k, n] of Object.entries(f.calls)) calls[k] = (calls[k] ?? 0) + n;
  const totalCalls = Object.values(calls).reduce((a, b) => a + b, 0);
  const wallMs = figures.reduce((a, f) => a + f.wallMs, 0);
  const floorMs = figures.reduce((a, f) => a + f.floorMs, 0);
  const netsuiteBusyMs = figures.reduce((a, f) => a + f.vendorByVendorMs.netsuite, 0);
  // Only a lower bound when the workflows run back to back (with pauses the windows drain between them).
  const runFloorMs = GAP_SECONDS > 0 ? null : wholeRunFloorMs(figures.map((f) => f.floorMs), calls, netsuiteBusyMs);
  log("");
  log("vendor calls by endpoint (all three workflows):");
  for (const [k, n] of Object.entries(calls).sort((a, b) => b[1] - a[1])) log(`  ${pad(n, 6)}  ${k}`);
  log("");
  log(`orders ${ORDERS}, customers ${CUSTOMERS}; calls ${totalCalls} (${round(totalCalls / ORDERS, 4)} per order)`);
  if (seedFlow) log(`the tutorial's per-record flow would make ${seedFlow.total} calls (${JSON.stringify(seedFlow.byWorkflow)}): ${round(seedFlow.total / Math.max(1, totalCalls), 1)}x ours`);
  log(`wall ${seconds(wallMs)} s, rate-limit floor ${seconds(floorMs)} s (sum of per-workflow floors), wall/floor ${floorMs > 0 ? round(wallMs / floorMs) : "-"}`);
  if (runFloorMs !== null) {
    log(`whole-run floor ${seconds(runFloorMs)} s (back to back, the rate windows roll on from one workflow to the next), wall/floor ${runFloorMs > 0 ? round(wallMs / runFloorMs) : "-"}`);
  }
  log(`peak RSS ${peakRssMb} MB (bench process: runner + database client${kind === "pglite" ? " + embedded PGlite" : ""}); sandbox process ${sandboxPeakRssMb ?? "?"} MB`);
  log("in vendor = wall time with a vendor call in flight; waits = with a caller asleep in pacing/Retry-After/backoff;");
  log("db+app = wall time with neither (database statements and our own code; not measured inside the database driver)");
  if (flag("json")) {
    const summary = {
      database: kind,
      orders: ORDERS,
      customers: CUSTOMERS,
      gapSeconds: GAP_SECONDS,
      calls: totalCalls,
      callsPerOrder: round(totalCalls / ORDERS, 4),
      callsByEndpoint: calls,
      seedFlowCalls: seedFlow?.total ?? null,
      seedFlowOverOurs: seedFlow ? round(seedFlow.total / Math.max(1, totalCalls), 1) : null,
      wallSeconds: seconds(wallMs),
      floorSeconds: seconds(floorMs),
      wallOverFloor: floorMs > 0 ? round(wallMs / floorMs) : null,
      wholeRunFloorSeconds: runFloorMs === null ? null : seconds(runFloorMs),
      wallOverWholeRunFloor: runFloorMs ? round(wallMs / runFloorMs) : null,
      peakRssMb,
      sandboxPeakRssMb,
      workflows: Object.fromEntries(
        figures.map((f) => [
          f.workflow,
          {
            status: f.status,
            wallSeconds: seconds(f.wallMs),
            floorSeconds: seconds(f.floorMs),
            calls: Object.values(f.calls).reduce((a, b) => a + b, 0),
            rateLimited: Object.values(f.rateLimited).reduce((a, b) => a + b, 0),
            vendorSeconds: seconds(f.vendorMs),
            waitSeconds: seconds(f.waitMs),
            dbAndAppSeconds: seconds(f.dbAndAppMs),
            counts: f.counts,
          },
        ]),
      ),
    };
    console.log(JSON.stringify(summary));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
