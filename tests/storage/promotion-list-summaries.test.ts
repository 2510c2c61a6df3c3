/**
 * The promotion list's running figures (promotion_list_customers / promotion_list_days, kept by
 * triggers) must equal a recomputation from the records after every kind of write, on PGlite and
 * PostgreSQL alike.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { createObjectStore, deleteObjectStore } from "@/lib/storage/object-stores";
import { deleteObject, setObject } from "@/lib/storage/objects";
import {
  addOrdersToPromotionList,
  expirePromotionRecords,
  getPromotionStores,
  removeOrdersFromPromotionList,
  setPromotionField,
  type PromotionRecordInput,
} from "@/lib/storage/promotion-list";
import { queryRows } from "@/lib/storage/sql";
import { makeTeam, testDb } from "../helpers/db";

let serial = 0;
const order = (email: string, date: string, amount: string, status = "Soft Opt-In"): PromotionRecordInput => ({
  key: `NetSuite-SUM${++serial}`,
  contactName: "A Customer",
  email,
  dateOfPurchase: date,
  purchaseAmount: amount,
  subscriptionStatus: status,
});

/** Rows where the kept figures and a fresh recomputation from the records disagree (none expected). */
async function drift(db: Db, storeId: string) {
  const customers = await queryRows<Record<string, unknown>>(
    db,
    sql`with fresh as (
          select lower(data->>'Email Address') as email, count(*)::int as records,
                 sum(promotion_amount(data)) as amount, max(promotion_latest(data, id) collate "C") as latest
          from stored_objects where store_id = ${storeId} and data->>'Email Address' is not null group by 1),
        kept as (select email, records, amount, latest from promotion_list_customers where store_id = ${storeId})
        select coalesce(f.email, k.email) as email, f.records as fresh_records, k.records as kept_records,
               f.amount::text as fresh_amount, k.amount::text as kept_amount, f.latest as fresh_latest, k.latest as kept_latest
        from fresh f full join kept k on k.email = f.email
        where f.records is distinct from k.records or f.amount is distinct from k.amount or f.latest is distinct from k.latest collate "C"`,
  );
  const days = await queryRows<Record<string, unknown>>(
    db,
    sql`with fresh as (
          select coalesce(data->>'Date Of Purchase', '') as day, count(*)::int as records, sum(promotion_amount(data)) as amount
          from stored_objects where store_id = ${storeId} group by 1),
        kept as (select day, records, amount from promotion_list_days where store_id = ${storeId})
        select coalesce(f.day, k.day) as day, f.records as fresh_records, k.records as kept_records, f.amount::text as fresh_amount, k.amount::text as kept_amount
        from fresh f full join kept k on k.day = f.day
        where f.records is distinct from k.records or f.amount is distinct from k.amount`,
  );
  return { customers, days };
}

async function keptCount(db: Db, storeId: string) {
  const [row] = await queryRows<{ customers: number; days: number }>(
    db,
    sql`select (select count(*)::int from promotion_list_customers where store_id = ${storeId}) as customers,
               (select count(*)::int from promotion_list_days where store_id = ${storeId}) as days`,
  );
  return row;
}

describe("promotion list running figures", () => {
  it("equal the records after adds, hand edits, promotions, deletions, removals and expiry", async () => {
    const db = await testDb();
    const team = await makeTeam(db);
    const { list } = await getPromotionStores(db, team.id);
    const none = { customers: [], days: [] };

    const page = [
      order("ann@shop.test", "2026-03-01", "100.10"),
      order("Ann@Shop.test", "2026-03-05", "0.20", "Confirmed Opt-Out"),
      order("bob@shop.test", "2026-03-05", "5"),
      order("cat@shop.test", "2026-02-20", "75.5"),
      order("dan@shop.test", "2026-03-10", "12"),
    ];
    await addOrdersToPromotionList(db, team.id, page);
    expect(await drift(db, list.id)).toEqual(none);
    expect(await keptCount(db, list.id)).toEqual({ customers: 4, days: 4 });
    // Replaying the page writes nothing and changes nothing.
    await addOrdersToPromotionList(db, team.id, page);
    expect(await drift(db, list.id)).toEqual(none);

    // Hand edits on the Storage page: a malformed amount (counts 0), a moved date, another email, no email.
    await setObject(db, team.id, list.id, page[0].key, { "Purchase Amount": "about 100" }, { merge: true });
    expect(await drift(db, list.id)).toEqual(none);
    await setObject(db, team.id, list.id, page[2].key, { "Date Of Purchase": "2026-03-12", "Subscription Status": "Confirmed Opt-In" }, { merge: true });
    expect(await drift(db, list.id)).toEqual(none);
    await setObject(db, team.id, list.id, page[4].key, { "Email Address": "eve@shop.test" }, { merge: true });
    expect(await drift(db, list.id)).toEqual(none);
    await setObject(db, team.id, list.id, "hand-made", { "Contact Name": "No Email", "Date Of Purchase": "2026-03-10", "Purchase Amount": "9.99" });
    expect(await drift(db, list.id)).toEqual(none);
    expect((await keptCount(db, list.id)).customers).toBe(4); // ann, bob, cat, eve: dan moved to eve

    // Promote writes the Promotion field only: nothing to recompute, nothing changes.
    await setPromotionField(db, team.id, "bob@shop.test", "Seven Day Promotion");
    expect(await drift(db, list.id)).toEqual(none);

    // A deletion of a customer's latest record brings their previous one back as the latest.
    await deleteObject(db, team.id, list.id, page[1].key);
    expect(await drift(db, list.id)).toEqual(none);
    await removeOrdersFromPromotionList(db, team.id, [page[2].key]);
    expect(await drift(db, list.id)).toEqual(none);
    await expirePromotionRecords(db, team.id, { purchasedBefore: "2026-03-01", limit: 100 });
    expect(await drift(db, list.id)).toEqual(none);
    expect(await keptCount(db, list.id)).toEqual({ customers: 2, days: 2 }); // ann (03-01), eve + hand-made (03-10)

    // A rolled-back write leaves the figures as they were.
    await db
      .transaction(async (tx) => {
        await addOrdersToPromotionList(tx, team.id, [order("zed@shop.test", "2026-03-11", "1")]);
        throw new Error("roll back");
      })
      .catch(() => {});
    expect(await drift(db, list.id)).toEqual(none);
    expect(await keptCount(db, list.id)).toEqual({ customers: 2, days: 2 });
  });

  it("keeps figures for promotion lists only, and drops them with the store", async () => {
    const db = await testDb();
    const team = await makeTeam(db);
    const other = await createObjectStore(db, team.id, { name: "Wishlist", fields: "Email Address, Date Of Purchase, Purchase Amount" });
    await setObject(db, team.id, other.id, "w1", { "Email Address": "ann@shop.test", "Date Of Purchase": "2026-03-01", "Purchase Amount": "5" });
    expect(await keptCount(db, other.id)).toEqual({ customers: 0, days: 0 });

    const { list } = await getPromotionStores(db, team.id);
    await addOrdersToPromotionList(db, team.id, [order("ann@shop.test", "2026-03-01", "1")]);
    expect(await keptCount(db, list.id)).toEqual({ customers: 1, days: 1 });
    expect(await deleteObjectStore(db, team.id, list.id)).toBe(true);
    expect(await keptCount(db, list.id)).toEqual({ customers: 0, days: 0 });
  });
});
