import { describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { getOverviewAnalytics, segmentRules } from "@/lib/queries/analytics";
import { incrementCounter } from "@/lib/storage/counters";
import { deleteObject, setObject } from "@/lib/storage/objects";
import { addOrdersToPromotionList, getPromotionStores, type PromotionRecordInput } from "@/lib/storage/promotion-list";
import { updateTeamSettings } from "@/lib/workflows/team-settings";
import { previewPromotionDecisions } from "@/lib/workflows/queries";
import type { WorkflowSettingsInput } from "@/lib/workflows/settings";
import { makeTeam, testDb } from "../helpers/db";

let serial = 0;
const order = (email: string, date: string, amount: string, status = "Soft Opt-In", name = "A Customer"): PromotionRecordInput => ({
  key: `NetSuite-SO${++serial}`,
  contactName: name,
  email,
  dateOfPurchase: date,
  purchaseAmount: amount,
  subscriptionStatus: status,
});

/** Today is 2026-03-15 in the team's zone; the window (14 days) starts 2026-03-01. */
const knownOrders = () => [
  order("ann@shop.test", "2026-03-15", "600.10"),
  order("Ann@Shop.test", "2026-03-10", "500.00"), // same customer, other case
  order("bob@shop.test", "2026-03-14", "20.00"),
  order("bob@shop.test", "2026-03-14", "30.5"),
  order("bob@shop.test", "2026-03-02", "0.25"),
  order("cat@shop.test", "2026-03-15", "99.99"),
  order("dan@shop.test", "2026-03-08", "10"),
  order("eve@shop.test", "2026-03-05", "250"),
  order("fay@shop.test", "2026-03-15", "40", "Confirmed Opt-Out"),
  order("gus@shop.test", "2026-02-20", "75"), // before the window (awaiting expiry)
  order("hal@shop.test", "2026-03-16", "5"), // after today
];

async function seededTeam(db: Db, settings?: WorkflowSettingsInput, orders = knownOrders()) {
  const team = await makeTeam(db, settings);
  await addOrdersToPromotionList(db, team.id, orders);
  return team;
}

const at = new Date("2026-03-15T12:00:00Z");

describe("overview analytics", () => {
  it("computes exact figures over the retention window", async () => {
    const db = await testDb();
    const team = await seededTeam(db);
    const a = await getOverviewAnalytics(db, team.id, { at });
    expect(a).toMatchObject({
      today: "2026-03-15",
      from: "2026-03-01",
      retentionDays: 14,
      timeZone: "Europe/London",
      customers: 6,
      orders: 9,
      revenue: "1550.84",
      averageOrderValue: "172.32",
      repeatCustomers: 2,
      recordsBeforeWindow: 1,
      recordsAfterToday: 1,
      segmentsUnreadable: 0,
    });
    expect(a.repeatRate).toBeCloseTo(2 / 6, 10);
    expect(a.frequency).toEqual([
      { orders: "1", customers: 4 },
      { orders: "2", customers: 1 },
      { orders: "3", customers: 1 },
      { orders: "4", customers: 0 },
      { orders: "5+", customers: 0 },
    ]);
    expect(a.spend).toEqual([
      { min: null, max: "50.00", customers: 2 },
      { min: "50.00", max: "100.00", customers: 2 },
      { min: "100.00", max: "250.00", customers: 1 },
      { min: "250.00", max: "500.00", customers: 0 },
      { min: "500.00", max: "1000.00", customers: 0 },
      { min: "1000.00", max: null, customers: 1 },
    ]);
    expect(a.perDay).toHaveLength(15);
    expect(a.perDay[0]).toEqual({ date: "2026-03-01", orders: 0, revenue: "0.00" });
    expect(a.perDay.filter((d) => d.orders > 0)).toEqual([
      { date: "2026-03-02", orders: 1, revenue: "0.25" },
      { date: "2026-03-05", orders: 1, revenue: "250.00" },
      { date: "2026-03-08", orders: 1, revenue: "10.00" },
      { date: "2026-03-10", orders: 1, revenue: "500.00" },
      { date: "2026-03-14", orders: 2, revenue: "50.50" },
      { date: "2026-03-15", orders: 3, revenue: "740.09" },
    ]);
    expect(a.segments).toEqual({ premium: 1, volume: 1, today: 1, seven_day: 1, none: 3, opted_out: 1 });
  });

  it("sizes segments exactly as the promote preview decides them", async () => {
    const db = await testDb();
    const team = await seededTeam(db, { premiumThreshold: 100, volumeMinOrders: 3 });
    const a = await getOverviewAnalytics(db, team.id, { at });
    const tally = Object.fromEntries(segmentRules.map((r) => [r, 0]));
    let after: string | null = null;
    do {
      const page = await previewPromotionDecisions(db, team.id, { at, limit: 3, afterEmail: after });
      for (const d of page.decisions) tally[d.rule]++;
      after = page.nextCursor;
    } while (after);
    expect(a.segments).toEqual(tally);
    // ann 1100.10 and eve 250 are over 100; bob has 3 orders; cat today; dan seven days; fay opted out.
    expect(a.segments).toEqual({ premium: 2, volume: 1, today: 1, seven_day: 1, none: 2, opted_out: 1 });
    // Buckets follow the threshold: 5, 10, 25, 50, 100, over 100.
    expect(a.spend.map((b) => [b.max, b.customers])).toEqual([
      ["5.00", 0],
      ["10.00", 1],
      ["25.00", 0],
      ["50.00", 1],
      ["100.00", 2],
      [null, 2],
    ]);
  });

  it("takes today and the day boundaries from the team's time zone", async () => {
    const db = await testDb();
    // 06:30 UTC on 16 March is still 15 March (23:30) in Los Angeles, already 16 March in London.
    const instant = new Date("2026-03-16T06:30:00Z");
    const la = await seededTeam(db, { timeZone: "America/Los_Angeles" });
    const london = await seededTeam(db, { timeZone: "Europe/London" });

    const inLa = await getOverviewAnalytics(db, la.id, { at: instant });
    expect(inLa).toMatchObject({ today: "2026-03-15", from: "2026-03-01", customers: 6, orders: 9, revenue: "1550.84", recordsAfterToday: 1 });
    expect(inLa.perDay.at(-1)).toEqual({ date: "2026-03-15", orders: 3, revenue: "740.09" });
    expect(inLa.segments.today).toBe(1);

    const inLondon = await getOverviewAnalytics(db, london.id, { at: instant });
    // The window moved a day: 1 March drops out, 16 March (hal) comes in; bob's 2 March order stays.
    expect(inLondon).toMatchObject({ today: "2026-03-16", from: "2026-03-02", customers: 7, orders: 10, revenue: "1555.84", recordsAfterToday: 0 });
    expect(inLondon.perDay[0]).toEqual({ date: "2026-03-02", orders: 1, revenue: "0.25" });
    expect(inLondon.perDay.at(-1)).toEqual({ date: "2026-03-16", orders: 1, revenue: "5.00" });
    // hal bought "today"; nobody bought exactly seven days ago (9 March).
    expect(inLondon.segments).toMatchObject({ today: 1, seven_day: 0 });

    // Just before midnight in London, the 15th is today there too.
    const lateLondon = await getOverviewAnalytics(db, london.id, { at: new Date("2026-03-15T23:59:59Z") });
    expect(lateLondon.today).toBe("2026-03-15");
  });

  it("keeps teams apart: another team never sees these figures", async () => {
    const db = await testDb();
    const a = await seededTeam(db);
    const b = await seededTeam(db, undefined, [order("ann@shop.test", "2026-03-15", "9999.99"), order("zed@shop.test", "2026-03-14", "1")]);
    const figuresA = await getOverviewAnalytics(db, a.id, { at });
    const figuresB = await getOverviewAnalytics(db, b.id, { at });
    expect(figuresA).toMatchObject({ customers: 6, orders: 9, revenue: "1550.84" });
    expect(figuresB).toMatchObject({ customers: 2, orders: 2, revenue: "10000.99", averageOrderValue: "5000.50", repeatCustomers: 0, recordsBeforeWindow: 0 });
    expect(figuresB.segments).toEqual({ premium: 1, volume: 0, today: 0, seven_day: 0, none: 1, opted_out: 0 });
  });

  it("answers every change to the list, its counters, the settings or the day at once", async () => {
    const db = await testDb();
    const team = await seededTeam(db);
    const { list, amount } = await getPromotionStores(db, team.id);
    expect(await getOverviewAnalytics(db, team.id, { at })).toMatchObject({ customers: 6, orders: 9, revenue: "1550.84" });

    await addOrdersToPromotionList(db, team.id, [order("ivy@shop.test", "2026-03-15", "1.00")]);
    const added = await getOverviewAnalytics(db, team.id, { at });
    expect(added).toMatchObject({ customers: 7, orders: 10, revenue: "1551.84" });

    // A record edited by hand on the Storage page: its new amount counts at once.
    const [ivy] = (await db.query.storedObjects.findMany({ where: (o, { and, eq }) => and(eq(o.storeId, list.id), eq(o.key, `NetSuite-SO${serial}`)) }));
    await setObject(db, team.id, list.id, ivy.key, { "Purchase Amount": "2.00" }, { merge: true });
    expect(await getOverviewAnalytics(db, team.id, { at })).toMatchObject({ orders: 10, revenue: "1552.84" });

    await deleteObject(db, team.id, list.id, ivy.key);
    expect(await getOverviewAnalytics(db, team.id, { at })).toMatchObject({ customers: 6, orders: 9, revenue: "1550.84" });

    // A counter changed on its own (what reconciliation repairs) moves a customer between segments.
    const before = (await getOverviewAnalytics(db, team.id, { at })).segments;
    await incrementCounter(db, team.id, amount.id, "dan@shop.test", "5000");
    const after = (await getOverviewAnalytics(db, team.id, { at })).segments;
    expect(after.premium).toBe(before.premium + 1);

    expect((await updateTeamSettings(db, team.id, { retentionDays: 30 })).ok).toBe(true);
    expect(await getOverviewAnalytics(db, team.id, { at })).toMatchObject({ retentionDays: 30, orders: 10, recordsBeforeWindow: 0 });
    expect(await getOverviewAnalytics(db, team.id, { at: new Date("2026-03-16T12:00:00Z") })).toMatchObject({ today: "2026-03-16", orders: 11 });
  });

  it("answers zeros for an empty list", async () => {
    const db = await testDb();
    const team = await makeTeam(db);
    const a = await getOverviewAnalytics(db, team.id, { at });
    expect(a).toMatchObject({ customers: 0, orders: 0, revenue: "0.00", averageOrderValue: null, repeatRate: null, repeatCustomers: 0 });
    expect(a.perDay.every((d) => d.orders === 0 && d.revenue === "0.00")).toBe(true);
    expect(Object.values(a.segments).every((n) => n === 0)).toBe(true);
    expect(a.spend.every((b) => b.customers === 0)).toBe(true);
  });
});
