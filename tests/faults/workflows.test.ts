/**
 * Fault injection: each fault runs extract -> promote -> expire (in-process runner, real HTTP
 * against a sandbox started here) on the same data and clock as a fault-free reference run, and
 * the final state must match it: promotion list, counters, promotion intents, contacts in both
 * CRMs, HubSpot tasks, ActiveCampaign list memberships; no duplicates. A failed run is run again
 * as a retry, as Inngest (or the Retry button) would.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKind, type Db } from "@/db";
import { connections, promotionActions, workflowRunSteps } from "@/db/schema";
import { startSandbox, type RunningSandbox } from "@/sandbox/server";
import { testDb } from "../helpers/db";
import {
  clearFaults,
  comparable,
  connectOAuth,
  control,
  DATA,
  duplicatesIn,
  FAST,
  freshWorld,
  InjectedCrash,
  noDuplicates,
  outcomes,
  runAll,
  setFaults,
  snapshot,
  summaryLine,
  type Snapshot,
} from "./harness";

// Our own backends carry this name, so the "database goes away" fault terminates only them.
const APP_NAME = `fault-suite-${process.pid}`;
process.env.PGAPPNAME = APP_NAME;

let db: Db;
let sandbox: RunningSandbox;
let reference: Snapshot;
let kind: "postgres" | "pglite";
const outcomesNote: { db?: string } = {};

beforeAll(async () => {
  db = await testDb();
  kind = await databaseKind();
  sandbox = await startSandbox({ port: 0, rateLimits: false, seed: 42 });
  const teamId = await freshWorld(db, sandbox);
  const runs = await runAll(db, teamId, { maxRuns: 1 });
  expect(runs.map((r) => `${r.workflow}:${r.status}`)).toEqual(["extract:succeeded", "promote:succeeded", "expire:succeeded"]);
  reference = await snapshot(db, sandbox, teamId);
  // The data exercises every path: tasks, list memberships, quarantine, expiry.
  expect(reference.hubspotTasks.length).toBeGreaterThan(0);
  expect(reference.acMemberships.length).toBeGreaterThan(0);
  expect(reference.quarantined.length).toBeGreaterThan(0);
  expect(runs.find((r) => r.workflow === "expire")!.counts.expired).toBeGreaterThan(0);
  expect(reference.list.length).toBeGreaterThan(0);
  expect(duplicatesIn(reference)).toEqual(noDuplicates);
});

afterAll(async () => {
  await sandbox?.close();
  console.log(summaryLine(`faults (${kind ?? "?"})`, `${DATA.orders} orders x ${outcomes.length} faults`));
});

/** A test whose outcome goes into the summary line. */
function fault(name: string, fn: () => Promise<void>, note?: () => string | undefined) {
  it(name, async () => {
    try {
      await fn();
      outcomes.push({ fault: name, ok: true, note: note?.() });
    } catch (error) {
      outcomes.push({ fault: name, ok: false, note: error instanceof Error ? error.message.split("\n")[0].slice(0, 160) : String(error) });
      throw error;
    }
  });
}

async function expectSameAsReference(teamId: string) {
  const after = await snapshot(db, sandbox, teamId);
  expect(duplicatesIn(after)).toEqual(noDuplicates);
  expect(comparable(after)).toEqual(comparable(reference));
  expect(after.quarantined).toEqual(reference.quarantined);
  return after;
}

async function rateLimitedCount() {
  const calls = (await control(sandbox, "GET", "/_sandbox/calls")) as { rateLimited: Record<string, number> };
  return Object.values(calls.rateLimited).reduce((a, b) => a + b, 0);
}

describe("workflows under injected faults end where a fault-free run ends", () => {
  fault("20% 5xx", async () => {
    const teamId = await freshWorld(db, sandbox);
    await setFaults(sandbox, { errorRate: 0.2 });
    const runs = await runAll(db, teamId);
    await clearFaults(sandbox);
    expect(runs.filter((r) => r.status === "succeeded")).toHaveLength(3);
    await expectSameAsReference(teamId);
  });

  let stormNote = "";
  fault(
    "429 storm with Retry-After",
    async () => {
      const teamId = await freshWorld(db, sandbox);
      const waits: number[] = [];
      // 6 in a row per vendor: more than one call's 5 attempts, so a run also fails and is retried.
      await setFaults(sandbox, { rateLimitStorm: { count: 6, retryAfterSeconds: 1 } });
      const runs = await runAll(db, teamId, {
        clientOptions: { ...FAST, onRetry: (r) => r.status === 429 && waits.push(r.delayMs) },
      });
      const throttled = await rateLimitedCount();
      await clearFaults(sandbox);
      expect(runs.filter((r) => r.status === "succeeded")).toHaveLength(3);
      expect(throttled).toBeGreaterThanOrEqual(12);
      // HubSpot and ActiveCampaign send Retry-After: 1; no retry came sooner.
      expect(waits.filter((ms) => ms >= 1000).length).toBeGreaterThan(0);
      stormNote = `${throttled} 429s, ${runs.length - 3} re-runs`;
      await expectSameAsReference(teamId);
    },
    () => stormNote,
  );

  let malformedNote = "";
  fault(
    "10% malformed NetSuite records",
    async () => {
      const teamId = await freshWorld(db, sandbox);
      await setFaults(sandbox, { vendor: "netsuite", malformedRate: 0.1, seed: 5 });
      const runs = await runAll(db, teamId);
      await clearFaults(sandbox);
      expect(runs.filter((r) => r.status === "succeeded")).toHaveLength(3);
      const after = await snapshot(db, sandbox, teamId);
      expect(duplicatesIn(after)).toEqual(noDuplicates);

      // Every record the reference kept is either still there, unchanged, or quarantined with its reason.
      const refByKey = new Map(reference.list.map((r) => [r.key, r.data]));
      const reasons = new Map(after.quarantined.map((q) => [q.externalId, q.reason]));
      const refQuarantined = new Set(reference.quarantined.map((q) => q.externalId));
      const strip = ({ Promotion: _p, ...rest }: Record<string, unknown>) => rest;
      for (const r of after.list) expect(strip(r.data)).toEqual(strip(refByKey.get(r.key) ?? {}));
      const missing = reference.list.filter((r) => !after.list.some((a) => a.key === r.key));
      const newlyQuarantined = after.quarantined.filter((q) => !refQuarantined.has(q.externalId));
      expect(newlyQuarantined.length).toBeGreaterThan(0);
      for (const r of missing) expect(reasons.get(r.key.replace(/^NetSuite-/, ""))).toBeTruthy();
      for (const q of newlyQuarantined) expect(q.reason).toMatch(/email|amount|total|number|invalid/i);
      // Quarantined in the reference stays quarantined (same reasons or a malformed-field reason).
      for (const id of refQuarantined) expect(reasons.has(id)).toBe(true);

      // Counters are exactly what the remaining records add up to.
      const derived = new Map<string, { amount: number; count: number }>();
      for (const r of after.list) {
        const email = String(r.data["Email Address"]).toLowerCase();
        const d = derived.get(email) ?? { amount: 0, count: 0 };
        d.amount += Number(r.data["Purchase Amount"]);
        d.count += 1;
        derived.set(email, d);
      }
      const expected = [...derived].flatMap(([email, d]) => [`order_amount:${email}=${d.amount.toFixed(2)}`, `order_count:${email}=${d.count.toFixed(2)}`]).sort();
      expect(after.counters).toEqual(expected);
      // Nobody reached a CRM who would not have without the fault.
      for (const c of after.hubspotContacts) expect(reference.hubspotContacts).toContain(c);
      for (const c of after.acContacts) expect(reference.acContacts).toContain(c);
      malformedNote = `${newlyQuarantined.length} malformed orders quarantined (${missing.length} would have been listed)`;
    },
    () => malformedNote,
  );

  fault("timeouts (latency beyond the client timeout)", async () => {
    const teamId = await freshWorld(db, sandbox);
    const timers: NodeJS.Timeout[] = [];
    let timedOut = 0;
    // For the first second of each workflow every answer takes 600 ms against a 300 ms client timeout.
    // Promote: NetSuite and ActiveCampaign only; a HubSpot task whose answer is lost is the
    // at-least-once gap tested under "crash after a HubSpot task write" below.
    const runs = await runAll(db, teamId, {
      clientOptions: { ...FAST, timeoutMs: 300, onRetry: (r) => /timed out/.test(r.reason) && timedOut++ },
      beforeRun: async (workflow, attempt) => {
        if (attempt > 1) return;
        const vendors = workflow === "promote" ? ["netsuite", "activecampaign"] : ["all"];
        for (const vendor of vendors) await setFaults(sandbox, { vendor, latencyMs: 600 });
        timers.push(setTimeout(() => void clearFaults(sandbox).catch(() => {}), 1000));
      },
    });
    timers.forEach(clearTimeout);
    await clearFaults(sandbox);
    await new Promise((resolve) => setTimeout(resolve, 700)); // answers still in flight land
    expect(runs.filter((r) => r.status !== "succeeded").map((r) => `${r.workflow}: ${r.error}`)).toEqual([]);
    expect(runs.filter((r) => r.status === "succeeded")).toHaveLength(3);
    expect(timedOut).toBeGreaterThan(0);
    await expectSameAsReference(teamId);
  });

  fault("access token expires mid-run (refreshed, run continues)", async () => {
    const teamId = await freshWorld(db, sandbox, { oauth: ["hubspot", "netsuite"] });
    await control(sandbox, "POST", "/_sandbox/calls/reset", {});
    const runs = await runAll(db, teamId, {
      maxRuns: 1,
      // Page 2 of extract and the first page of promote start with every issued token expired.
      beforeClients: async (workflow, n) => {
        if ((workflow === "extract" && n === 2) || (workflow === "promote" && n === 2)) await setFaults(sandbox, { expireTokens: true });
      },
    });
    expect(runs.map((r) => r.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
    const calls = (await control(sandbox, "GET", "/_sandbox/calls")) as { calls: Record<string, number> };
    expect(calls.calls["netsuite POST /services/rest/auth/oauth2/v1/token"]).toBeGreaterThanOrEqual(1);
    expect(calls.calls["hubspot POST /oauth/v1/token"]).toBeGreaterThanOrEqual(2);
    const rows = await db.select().from(connections).where(eq(connections.teamId, teamId));
    expect(rows.map((r) => r.status)).toEqual(["connected", "connected", "connected"]);
    await expectSameAsReference(teamId);
  });

  fault("refused refresh (run fails clearly, needs_reauth, nothing half-written; reconnect and resume)", async () => {
    const teamId = await freshWorld(db, sandbox, { oauth: ["hubspot"] });
    const [extract] = await runAll(db, teamId, { maxRuns: 1, workflows: ["extract"] });
    expect(extract.status).toBe("succeeded");
    const beforePromote = await snapshot(db, sandbox, teamId);
    await setFaults(sandbox, { vendor: "hubspot", expireTokens: true, refuseRefresh: true });
    const [promote] = await runAll(db, teamId, { maxRuns: 1, workflows: ["promote"] });
    expect(promote.status).toBe("failed");
    expect(promote.error).toMatch(/HubSpot needs to be reconnected/);
    const [hubspot] = (await db.select().from(connections).where(eq(connections.teamId, teamId))).filter((c) => c.provider === "hubspot");
    expect(hubspot.status).toBe("needs_reauth");
    // Nothing half-written: no intent, no task, no membership, no Promotion field; no step left running.
    expect(await db.select().from(promotionActions).where(eq(promotionActions.teamId, teamId))).toHaveLength(0);
    // (The three ActiveCampaign lists exist now: resolving them is the run's first step, and harmless.)
    const { acLists: _lists, ...afterFailure } = comparable(await snapshot(db, sandbox, teamId));
    const { acLists: _before, ...expectedUnchanged } = comparable(beforePromote);
    expect(afterFailure).toEqual(expectedUnchanged);
    const steps = await db.select().from(workflowRunSteps).where(eq(workflowRunSteps.runId, promote.runId));
    expect(steps.some((s) => s.status === "running")).toBe(false);
    // A later run fails fast with the same message, without calling HubSpot.
    const [again] = await runAll(db, teamId, { maxRuns: 1, workflows: ["promote"] });
    expect(again.error).toMatch(/HubSpot needs to be reconnected/);

    // The merchant reconnects; the next runs finish the job as if nothing had happened.
    await clearFaults(sandbox);
    await connectOAuth(db, sandbox, teamId, "hubspot");
    const rest = await runAll(db, teamId, { maxRuns: 1, workflows: ["promote", "expire"] });
    expect(rest.map((r) => r.status)).toEqual(["succeeded", "succeeded"]);
    await expectSameAsReference(teamId);
  });

  fault("crash after extract step k (pages 1-2 stored, then the process dies), re-run", async () => {
    const teamId = await freshWorld(db, sandbox);
    let crashed = false;
    const runs = await runAll(db, teamId, {
      beforeClients: (workflow, n) => {
        if (workflow === "extract" && n === 3 && !crashed) {
          crashed = true;
          throw new InjectedCrash("before extract page 3");
        }
      },
    });
    expect(runs.map((r) => r.status)).toEqual(["failed", "succeeded", "succeeded", "succeeded"]);
    await expectSameAsReference(teamId);
  });

  fault("crash after an ActiveCampaign list import, before the intents are completed", async () => {
    const teamId = await freshWorld(db, sandbox);
    let crashed = false;
    const runs = await runAll(db, teamId, {
      decorate: (clients, workflow) => {
        if (workflow !== "promote") return clients;
        const ac = clients.activecampaign;
        return {
          ...clients,
          activecampaign: {
            ...ac,
            bulkImport: ac.bulkImport.bind(ac),
            importStatus: async (batchId: string) => {
              const status = await ac.importStatus(batchId);
              if (status.status === "completed" && !crashed) {
                crashed = true; // the vendor has the contacts and memberships; our intents are still pending
                throw new InjectedCrash("after an ActiveCampaign import completed");
              }
              return status;
            },
          },
        };
      },
    });
    expect(crashed).toBe(true);
    expect(runs.map((r) => `${r.workflow}:${r.status}`)).toEqual(["extract:succeeded", "promote:failed", "promote:succeeded", "expire:succeeded"]);
    await expectSameAsReference(teamId);
  });

  fault(
    "database goes away for a moment mid-run",
    async () => {
      const teamId = await freshWorld(db, sandbox);
      let terminated = 0;
      let injected = false;
      const { default: postgres } = await import("postgres");
      const admin =
        kind === "postgres" ? postgres(process.env.DATABASE_URL!, { max: 1, connection: { application_name: `${APP_NAME}-admin` }, onnotice: () => {} }) : null;
      if (admin) await admin`select 1`;
      // Every backend this process holds is killed, again and again for 300 ms, starting the moment
      // page 2's orders arrive: the page's database writes run into dead connections.
      const terminateFor = async (ms: number) => {
        const until = Date.now() + ms;
        while (Date.now() < until) {
          const rows = await admin!`select pg_terminate_backend(pid) as ok from pg_stat_activity where application_name = ${APP_NAME}`;
          terminated += rows.filter((r) => r.ok).length;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      };
      let pending: Promise<void> | null = null;
      let pagesRead = 0;
      const runs = await runAll(db, teamId, {
        // A re-run comes after the outage, as a scheduler's retry with backoff would: a run that
        // failed fast must not be re-run into the same 300 ms of killed connections.
        beforeRun: async () => {
          await pending;
        },
        decorate: (clients, workflow) => {
          if (workflow !== "extract" || injected) return clients;
          const netsuite = clients.netsuite;
          return {
            ...clients,
            netsuite: {
              suiteql: async (query, page) => {
                const result = await netsuite.suiteql(query, page);
                if (++pagesRead === 2 && !injected) {
                  injected = true;
                  if (admin) pending = terminateFor(300);
                  // PGlite runs in this process and cannot lose its connection: the step sees the error instead.
                  else throw Object.assign(new Error("terminating connection due to administrator command (simulated)"), { code: "57P01" });
                }
                return result;
              },
            },
          };
        },
      });
      await pending;
      await admin?.end();
      expect(injected).toBe(true);
      if (kind === "postgres") expect(terminated).toBeGreaterThan(0);
      expect(runs.filter((r) => r.status === "succeeded")).toHaveLength(3);
      await expectSameAsReference(teamId);
      const failed = runs.filter((r) => r.status === "failed");
      outcomesNote.db =
        kind === "postgres"
          ? `pg_terminate_backend killed ${terminated} backend(s); ${failed.length} run(s) failed and were re-run${failed[0] ? ` (${failed[0].error?.slice(0, 80)})` : ""}`
          : "PGlite: simulated connection error in a step; re-run resumed";
    },
    () => outcomesNote.db,
  );

  // A task whose creation reached HubSpot but was never recorded is found again on resume by the
  // marker in its body (POST /crm/v3/objects/tasks/search), so it is not created twice.
  it("crash after a HubSpot task write, before the intent is completed", async () => {
    const teamId = await freshWorld(db, sandbox);
    let created = 0;
    const runs = await runAll(db, teamId, {
      decorate: (clients, workflow) => {
        if (workflow !== "promote") return clients;
        const hs = clients.hubspot;
        return {
          ...clients,
          hubspot: {
            ...hs,
            createTask: async (input) => {
              const task = await hs.createTask(input);
              if (++created === 3) throw new InjectedCrash("after the third HubSpot task was created");
              return task;
            },
          },
        };
      },
    });
    expect(runs.filter((r) => r.status === "succeeded")).toHaveLength(3);
    const after = await snapshot(db, sandbox, teamId);
    const dup = duplicatesIn(after).hubspotTasks;
    outcomes.push({ fault: "crash after a HubSpot task write", ok: dup.length === 0, note: dup.length ? `${dup.length} duplicate task(s)` : undefined });
    expect(dup).toEqual([]);
    await expectSameAsReference(teamId);
  });
});

