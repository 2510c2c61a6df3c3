import { beforeEach, describe, expect, it } from "vitest";
import { sandboxForThisFile } from "./helpers";

const sandbox = sandboxForThisFile();
const NOW = "2024-06-01T12:00:00Z";

beforeEach(async () => {
  await sandbox.control("/reset", {});
});

async function allOrders(): Promise<Record<string, string>[]> {
  const q = `SELECT t.id, t.tranid, t.trandate, t.foreigntotal, t.entity, c.email, c.isperson, c.globalsubscriptionstatus, tl.location
               FROM transaction t JOIN customer c ON c.id = t.entity JOIN transactionline tl ON tl.transaction = t.id AND tl.mainline = 'T' ORDER BY t.id`;
  return (await (await sandbox.suiteql(q)).json()).items;
}

describe("demo data", () => {
  it("is deterministic for a seed and shaped for the promotion rules", async () => {
    const counts = await sandbox.control("/demo-data", { seed: 7, customers: 120, orders: 400, days: 30, now: NOW });
    expect(counts).toMatchObject({ customers: 120, salesOrders: 400, locations: 3 });
    const first = await allOrders();
    await sandbox.control("/demo-data", { seed: 7, customers: 120, orders: 400, days: 30, now: NOW });
    expect(await allOrders()).toEqual(first);
    await sandbox.control("/demo-data", { seed: 8, customers: 120, orders: 400, days: 30, now: NOW });
    expect(await allOrders()).not.toEqual(first);

    const locations = (await (await sandbox.suiteql("SELECT id, name FROM location ORDER BY id")).json()).items;
    expect(locations.map((l: { name: string }) => l.name)).toEqual(["London", "Manchester", "Online"]);
    const totals = first.map((o) => Number(o.foreigntotal));
    expect(Math.min(...totals)).toBeGreaterThanOrEqual(5);
    expect(Math.max(...totals)).toBeLessThanOrEqual(950);
    expect(first.some((o) => o.isperson === "T") && first.some((o) => o.isperson === "F")).toBe(true);
    expect(first.some((o) => o.email === undefined)).toBe(true);
    expect(first.some((o) => o.globalsubscriptionstatus === "2" || o.globalsubscriptionstatus === "4")).toBe(true);
    const dates = first.map((o) => new Date(o.trandate).getTime());
    expect(Math.min(...dates)).toBeGreaterThanOrEqual(Date.parse("2024-05-01T00:00:00Z") - 86400000);
    const big = await (await sandbox.suiteql("SELECT entity, SUM(foreigntotal) AS spent, COUNT(*) AS n FROM transaction GROUP BY entity HAVING SUM(foreigntotal) > 1000")).json();
    expect(big.count).toBeGreaterThan(0);
  });

  it("loads 100 000 orders quickly", async () => {
    const started = Date.now();
    const counts = await sandbox.control("/demo-data", { seed: 1, customers: 20000, orders: 100000, days: 365, now: NOW });
    expect(counts.salesOrders).toBe(100000);
    expect(Date.now() - started).toBeLessThan(30_000);
    const last = await (await sandbox.suiteql("SELECT id FROM transaction ORDER BY id", "?limit=1000&offset=99000")).json();
    expect(last).toMatchObject({ count: 1000, hasMore: false, totalResults: 100000 });
  }, 60_000);
});

describe("faults", () => {
  async function statuses(n: number): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await sandbox.hs("GET", "/account-info/v3/details")).status);
    return out;
  }

  it("injects errors deterministically for a seed", async () => {
    await sandbox.control("/faults", { vendor: "hubspot", errorRate: 0.5, seed: 99 });
    const first = await statuses(20);
    expect(first).toContain(500);
    expect(first).toContain(200);
    await sandbox.control("/faults", undefined, "DELETE");
    await sandbox.control("/faults", { vendor: "hubspot", errorRate: 0.5, seed: 99 });
    expect(await statuses(20)).toEqual(first);
    const failed = await (async () => {
      for (;;) {
        const res = await sandbox.hs("GET", "/account-info/v3/details");
        if (res.status === 500) return res.json();
      }
    })();
    expect(failed).toMatchObject({ status: "error", correlationId: expect.any(String) });
  });

  it("runs a rate-limit storm in each vendor's 429 form", async () => {
    await sandbox.control("/faults", { vendor: "all", rateLimitStorm: { count: 2, retryAfterSeconds: 3 } });
    const hs = [await sandbox.hs("GET", "/account-info/v3/details"), await sandbox.hs("GET", "/account-info/v3/details"), await sandbox.hs("GET", "/account-info/v3/details")];
    expect(hs.map((r) => r.status)).toEqual([429, 429, 200]);
    expect(hs[0].headers.get("retry-after")).toBe("3");
    const ac = await sandbox.ac("GET", "/api/3/lists");
    expect(ac.status).toBe(429);
    expect(ac.headers.get("retry-after")).toBe("3");
    const ns = await sandbox.suiteql("SELECT 1 AS one");
    expect(ns.status).toBe(429);
    expect(ns.headers.get("retry-after")).toBeNull();
    const calls = await sandbox.control("/calls");
    expect(calls.rateLimited["hubspot GET /account-info/v3/details"]).toBe(2);
    expect(calls.calls["hubspot GET /account-info/v3/details"]).toBe(3);
  });

  it("malforms records and expires tokens on request", async () => {
    await sandbox.control("/netsuite/records", { customers: [{ id: 5, firstName: "M", email: "m@example.com" }] });
    await sandbox.control("/faults", { vendor: "netsuite", malformedRate: 1 });
    const { items } = await (await sandbox.suiteql("SELECT id, email FROM customer")).json();
    expect(items[0].email).toBe(12345);
    const record = await (await sandbox.ns("/services/rest/record/v1/customer/5")).json();
    expect(typeof record.email).not.toBe("string");

    const { accessToken } = await sandbox.control("/tokens", { vendor: "netsuite" });
    await sandbox.control("/faults", undefined, "DELETE");
    expect((await sandbox.ns("/services/rest/record/v1/customer/5", { token: accessToken })).status).toBe(200);
    await sandbox.control("/faults", { vendor: "netsuite", expireTokens: true });
    expect((await sandbox.ns("/services/rest/record/v1/customer/5", { token: accessToken })).status).toBe(401);
    // The fixed long-lived credentials keep working.
    expect((await sandbox.ns("/services/rest/record/v1/customer/5")).status).toBe(200);
  });
});

describe("calls", () => {
  it("counts requests per vendor, method and route template", async () => {
    await sandbox.hs("GET", "/crm/v3/objects/contacts/1");
    await sandbox.hs("GET", "/crm/v3/objects/contacts/2");
    await sandbox.ac("GET", "/api/3/contacts?email=a%40b.com");
    const { calls } = await sandbox.control("/calls");
    expect(calls).toEqual({ "hubspot GET /crm/v3/objects/contacts/:id": 2, "activecampaign GET /api/3/contacts": 1 });
    await sandbox.control("/calls/reset", {});
    expect((await sandbox.control("/calls")).total).toBe(0);
  });
});
