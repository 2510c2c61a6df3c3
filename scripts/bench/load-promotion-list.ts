/**
 * Loads a team's Dynamic Promotion List with deterministic records (and the counters they add),
 * through the same addOrdersToPromotionList the extract workflow calls. Shared by bench:storage
 * and bench:web so both measure the same data.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { addOrdersToPromotionList } from "@/lib/storage/promotion-list";

export const benchEmail = (customer: number) => `customer${customer}@bench.test`;
export const benchKey = (record: number) => `NetSuite-SO${String(record).padStart(7, "0")}`;

/** A small deterministic generator (no Math.random, so runs are comparable). */
export function seededRandom(seed = 42) {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

export async function loadPromotionList(
  db: Db,
  teamId: string,
  options: { records: number; customers: number; pageSize?: number; rand?: () => number; today?: Date },
): Promise<{ loadMs: number }> {
  const { records, customers, pageSize = 1_000 } = options;
  const rand = options.rand ?? seededRandom();
  const today = (options.today ?? new Date("2026-03-15T00:00:00Z")).getTime();
  const start = performance.now();
  for (let first = 0; first < records; first += pageSize) {
    const page = [];
    for (let i = first; i < Math.min(records, first + pageSize); i++) {
      const c = i % customers;
      page.push({
        key: benchKey(i),
        contactName: `Customer ${c}`,
        email: c % 7 === 0 ? benchEmail(c).toUpperCase() : benchEmail(c),
        dateOfPurchase: new Date(today - Math.floor(rand() * 21) * 86_400_000).toISOString().slice(0, 10),
        purchaseAmount: (Math.floor(rand() * 200_000) / 100).toFixed(2),
        subscriptionStatus: rand() < 0.5 ? "subscribed" : "unsubscribed",
      });
    }
    await addOrdersToPromotionList(db, teamId, page);
  }
  const loadMs = performance.now() - start;
  // What autovacuum does after a bulk load on PostgreSQL (PGlite has none, so do it on both), done
  // now rather than while the reads are timed: statistics, the visibility map, and the trigram
  // index's pending entries merged, and the running-figure tables' many updated rows cleaned up.
  await db.execute(sql`vacuum analyze stored_objects`);
  await db.execute(sql`vacuum analyze counters`);
  await db.execute(sql`vacuum analyze promotion_list_customers, promotion_list_days`);
  return { loadMs };
}
