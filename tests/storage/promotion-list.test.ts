import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { getCounter, getCounters } from "@/lib/storage/counters";
import { StorageValidationError } from "@/lib/storage/errors";
import { deleteObject, getObject, setObject } from "@/lib/storage/objects";
import {
  addOrdersToPromotionList,
  expirePromotionRecords,
  getPromotionStores,
  listPromotionCustomers,
  removeOrdersFromPromotionList,
  setPromotionField,
  type PromotionRecordInput,
} from "@/lib/storage/promotion-list";
import { reconcilePromotionCounters, repairPromotionCounters } from "@/lib/storage/reconcile";
import { queryRows } from "@/lib/storage/sql";
import { makeTeam, testDb } from "../helpers/db";

const order = (tranId: string, email: string, amount: string, date = "2026-03-01", name = "Ann Lee"): PromotionRecordInput => ({
  key: `NetSuite-${tranId}`,
  contactName: name,
  email,
  dateOfPurchase: date,
  purchaseAmount: amount,
  subscriptionStatus: "subscribed",
});

async function totals(db: Db, teamId: string, email: string) {
  const stores = await getPromotionStores(db, teamId);
  return {
    amount: await getCounter(db, teamId, stores.amount.id, email),
    count: await getCounter(db, teamId, stores.count.id, email),
  };
}

describe("promotion list with counters", () => {
  it("adds orders and counts them once; replaying is a no-op", async () => {
    const db = await testDb();
    const team = await makeTeam(db);
    const page = [order("1", "Ann@Shop.test", "100.10"), order("2", "ann@shop.test", "0.20"), order("3", "bob@shop.test", "5")];
    expect(await addOrdersToPromotionList(db, team.id, page)).toEqual({ added: ["NetSuite-1", "NetSuite-2", "NetSuite-3"], skipped: [] });
    expect(await totals(db, team.id, "ann@shop.test")).toEqual({ amount: "100.3000", count: "2.0000" });
    expect(await addOrdersToPromotionList(db, team.id, [...page, order("4", "bob@shop.test", "1.01"), order("4", "bob@shop.test", "1.01")])).toEqual({
      added: ["NetSuite-4"],
      skipped: ["NetSuite-4", "NetSuite-1", "NetSuite-2", "NetSuite-3"],
    });
    expect(await totals(db, team.id, "ann@shop.test")).toEqual({ amount: "100.3000", count: "2.0000" });
    expect(await totals(db, team.id, "bob@shop.test")).toEqual({ amount: "6.0100", count: "2.0000" });
    const stores = await getPromotionStores(db, team.id);
    const stored = await getObject(db, team.id, stores.list.id, "NetSuite-1");
    expect(stored?.data).toEqual({
      "Contact Name": "Ann Lee",
      "Email Address": "Ann@Shop.test",
      "Date Of Purchase": "2026-03-01",
      "Purchase Amount": "100.10",
      Reference: "NetSuite-1",
      Promotion: "",
      "Subscription Status": "subscribed",
    });
    expect(stored?.contributions).toEqual([
      { counterStoreId: stores.amount.id, group: "ann@shop.test", amount: "100.10" },
      { counterStoreId: stores.count.id, group: "ann@shop.test", amount: "1" },
    ]);
  });

  it("replaying the same page concurrently still counts each record once", async () => {
    const db = await testDb();
    const team = await makeTeam(db);
    const page = Array.from({ length: 20 }, (_, i) => order(`c${i}`, `c${i % 4}@shop.test`, "10.05"));
    const results = await Promise.all([1, 2, 3].map(() => addOrdersToPromotionList(db, team.id, page)));
    expect(results.reduce((n, r) => n + r.added.length, 0)).toBe(20);
    expect(await totals(db, team.id, "c0@shop.test")).toEqual({ amount: "50.2500", count: "5.0000" });
    expect((await reconcilePromotionCounters(db, team.id)).drifts).toEqual([]);
  });

  it("a failure inside add-and-count leaves neither the record nor the counts", async () => {
    const db = await testDb();
    const team = await makeTeam(db);
    await addOrdersToPromotionList(db, team.id, [order("1", "rich@shop.test", "9999999999999999")]);
    // The second record overflows the amount counter (numeric(20,4)): the counter update fails after the insert.
    await expect(
      addOrdersToPromotionList(db, team.id, [order("2", "new@shop.test", "3"), order("3", "rich@shop.test", "1")]),
    ).rejects.toThrow();
    const stores = await getPromotionStores(db, team.id);
    expect(await getObject(db, team.id, stores.list.id, "NetSuite-2")).toBeNull();
    expect(await getObject(db, team.id, stores.list.id, "NetSuite-3")).toBeNull();
    expect(await totals(db, team.id, "new@shop.test")).toEqual({ amount: "0", count: "0" });
    expect(await totals(db, team.id, "rich@shop.test")).toEqual({ amount: "9999999999999999.0000", count: "1.0000" });

    // And inside the caller's transaction: a later failure undoes the add and the counts.
    await expect(
      db.transaction(async (tx) => {
        await addOrdersToPromotionList(tx, team.id, [order("4", "tx@shop.test", "7")]);
        throw new Error("the contact sync failed");
      }),
    ).rejects.toThrow("the contact sync failed");
    expect(await getObject(db, team.id, stores.list.id, "NetSuite-4")).toBeNull();
    expect(await totals(db, team.id, "tx@shop.test")).toEqual({ amount: "0", count: "0" });
  });

  it("refuses a page with an invalid record, naming it, and writes nothing", async () => {
    const db = await testDb();
    const team = await makeTeam(db);
    const error = await addOrdersToPromotionList(db, team.id, [
      order("1", "ok@shop.test", "1"),
      { ...order("2", "bad", "12.345678"), dateOfPurchase: "2026-02-30" },
    ]).catch((e) => e);
    expect(error).toBeInstanceOf(StorageValidationError);
    expect(error.fieldErrors).toEqual({
      "records[1].email": ["Not an email address"],
      "records[1].dateOfPurchase": ["Not a calendar date"],
      "records[1].purchaseAmount": ["A decimal amount with up to 4 decimals, e.g. 120.50"],
    });
    expect(await totals(db, team.id, "ok@shop.test")).toEqual({ amount: "0", count: "0" });
  });

  it("expires old records and subtracts exactly what they added, dropping counters at zero", async () => {
    const db = await testDb();
    const team = await makeTeam(db);
    await addOrdersToPromotionList(db, team.id, [
      order("1", "ann@shop.test", "10.10", "2026-02-01"),
      order("2", "ann@shop.test", "20.20", "2026-02-20"),
      order("3", "bob@shop.test", "5.55", "2026-02-02"),
      order("4", "cid@shop.test", "1", "2026-02-03"),
    ]);
    expect(await expirePromotionRecords(db, team.id, { purchasedBefore: "2026-02-10", limit: 2 })).toMatchObject({ removed: 2 });
    const rest = await expirePromotionRecords(db, team.id, { purchasedBefore: "2026-02-10", limit: 100 });
    expect(rest.removed).toBe(1);
    expect(await totals(db, team.id, "ann@shop.test")).toEqual({ amount: "20.2000", count: "1.0000" });
    const stores = await getPromotionStores(db, team.id);
    const left = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from counters where team_id = ${team.id}`);
    expect(Number(left[0].n)).toBe(2); // bob's and cid's counters are gone, ann's two remain
    expect(await getCounters(db, team.id, stores.amount.id, ["bob@shop.test"])).toEqual({ "bob@shop.test": "0" });
    expect(await expirePromotionRecords(db, team.id, { purchasedBefore: "2026-02-10", limit: 100 })).toEqual({ removed: 0, keys: [] });
    await expect(expirePromotionRecords(db, team.id, { purchasedBefore: "10/02/2026", limit: 5 })).rejects.toThrow(/YYYY-MM-DD/);

    // Deleting one record from the dashboard also subtracts its contribution.
    await deleteObject(db, team.id, stores.list.id, "NetSuite-2");
    expect(await totals(db, team.id, "ann@shop.test")).toEqual({ amount: "0", count: "0" });
  });

  it("lists customers with counters and last purchase date, by keyset on email", async () => {
    const db = await testDb();
    const team = await makeTeam(db);
    await addOrdersToPromotionList(db, team.id, [
      order("1", "Bob@shop.test", "600", "2026-03-01", "Bob"),
      order("2", "bob@shop.test", "500.50", "2026-03-04", "Bob Smith"),
      order("3", "ann@shop.test", "20", "2026-03-02", "Ann"),
      order("4", "cid@shop.test", "1", "2026-03-03", "Cid"),
    ]);
    const first = await listPromotionCustomers(db, team.id, { limit: 2 });
    expect(first).toEqual([
      { email: "ann@shop.test", contactName: "Ann", totalAmount: "20.0000", orderCount: 1, lastPurchaseDate: "2026-03-02", subscriptionStatus: "subscribed" },
      { email: "bob@shop.test", contactName: "Bob Smith", totalAmount: "1100.5000", orderCount: 2, lastPurchaseDate: "2026-03-04", subscriptionStatus: "subscribed" },
    ]);
    const next = await listPromotionCustomers(db, team.id, { afterEmail: first[1].email, limit: 2 });
    expect(next.map((c) => c.email)).toEqual(["cid@shop.test"]);

    await setPromotionField(db, team.id, "BOB@shop.test", "HubSpot follow-up task (total 1100.50 > 1000)");
    const stores = await getPromotionStores(db, team.id);
    expect((await getObject(db, team.id, stores.list.id, "NetSuite-1"))?.data.Promotion).toBe("HubSpot follow-up task (total 1100.50 > 1000)");
    expect((await getObject(db, team.id, stores.list.id, "NetSuite-3"))?.data.Promotion).toBe("");
  });

  it("reconciles list and counters, reports every drift, repairs on request (logged)", async () => {
    const db = await testDb();
    const team = await makeTeam(db);
    await addOrdersToPromotionList(db, team.id, [
      order("1", "ann@shop.test", "10.10"),
      order("2", "bob@shop.test", "20"),
      order("3", "cid@shop.test", "30"),
    ]);
    const stores = await getPromotionStores(db, team.id);
    expect(await reconcilePromotionCounters(db, team.id)).toMatchObject({ customers: 3, drifts: [] });

    // Drift: a counter changed behind the list's back, a record written without counting, a ghost counter.
    await db.execute(sql`update counters set value = value + 1 where store_id = ${stores.amount.id} and group_key = 'ann@shop.test'`);
    await setObject(db, team.id, stores.list.id, "manual-1", { "Email Address": "Bob@Shop.test", "Purchase Amount": "5" });
    await db.execute(sql`insert into counters (store_id, team_id, group_key, value) values (${stores.count.id}, ${team.id}, 'ghost@shop.test', 2)`);

    const report = await reconcilePromotionCounters(db, team.id);
    expect(report.customers).toBe(3);
    expect(report.drifts).toEqual([
      { email: "ann@shop.test", listAmount: "10.10", listCount: 1, counterAmount: "11.10", counterCount: "1" },
      { email: "bob@shop.test", listAmount: "25.00", listCount: 2, counterAmount: "20.00", counterCount: "1" },
      { email: "ghost@shop.test", listAmount: "0.00", listCount: 0, counterAmount: "0.00", counterCount: "2" },
    ]);
    const other = await makeTeam(db);
    expect((await reconcilePromotionCounters(db, other.id)).drifts).toEqual([]);

    const { repaired } = await repairPromotionCounters(db, team.id, { userId: null });
    expect(repaired.map((r) => r.email)).toEqual(["ann@shop.test", "bob@shop.test", "ghost@shop.test"]);
    expect((await reconcilePromotionCounters(db, team.id)).drifts).toEqual([]);
    expect(await totals(db, team.id, "bob@shop.test")).toEqual({ amount: "25.0000", count: "2.0000" });
    const log = await queryRows<{ action: string }>(db, sql`select action from activity_log where team_id = ${team.id} and action = 'store.reconciled'`);
    expect(log).toHaveLength(1);

    // The repaired ledger means removing bob's records now leaves his counters at exactly zero.
    await removeOrdersFromPromotionList(db, team.id, ["NetSuite-2", "manual-1"]);
    expect(await totals(db, team.id, "bob@shop.test")).toEqual({ amount: "0", count: "0" });
    expect((await reconcilePromotionCounters(db, team.id)).drifts).toEqual([]);
  });

  it("keeps teams apart", async () => {
    const db = await testDb();
    const team = await makeTeam(db);
    const intruder = await makeTeam(db);
    await addOrdersToPromotionList(db, team.id, [order("1", "ann@shop.test", "10")]);
    await addOrdersToPromotionList(db, intruder.id, [order("1", "ann@shop.test", "99")]);
    expect(await totals(db, team.id, "ann@shop.test")).toEqual({ amount: "10.0000", count: "1.0000" });
    expect(await expirePromotionRecords(db, intruder.id, { purchasedBefore: "2099-01-01", limit: 10 })).toMatchObject({ removed: 1 });
    expect(await totals(db, team.id, "ann@shop.test")).toEqual({ amount: "10.0000", count: "1.0000" });
    expect((await listPromotionCustomers(db, intruder.id, { limit: 10 }))).toEqual([]);
    const teamStores = await getPromotionStores(db, team.id);
    expect(await deleteObject(db, intruder.id, teamStores.list.id, "NetSuite-1")).toBeNull();
    expect(await getObject(db, team.id, teamStores.list.id, "NetSuite-1")).not.toBeNull();
  });
});
