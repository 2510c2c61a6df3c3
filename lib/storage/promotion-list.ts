import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db";
import { counterStores, objectStores, storedObjects, type CounterContribution, type CounterStore, type ObjectStore } from "@/db/schema";
import { applyCounterDeltas, clampLimit, MAX_GROUP_LENGTH } from "./counters";
import { StorageNotFoundError, StorageValidationError } from "./errors";
import { MAX_KEY_LENGTH, validateObjectData } from "./fields";
import { deleteObjects, deleteObjectsOlderThan, fieldExpr } from "./objects";
import { isDecimalString, queryRows } from "./sql";

export type PromotionRecordInput = {
  key: string;
  contactName: string;
  email: string;
  /** YYYY-MM-DD */
  dateOfPurchase: string;
  /** Decimal string, e.g. "120.50". */
  purchaseAmount: string;
  subscriptionStatus: string;
  promotion?: string;
};

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use YYYY-MM-DD")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "Not a calendar date");

export const promotionRecordSchema = z.object({
  key: z.string().min(1, "A key cannot be empty").max(MAX_KEY_LENGTH, `A key is at most ${MAX_KEY_LENGTH} characters`),
  contactName: z.string().trim().max(500),
  email: z.string().trim().min(3, "An email address is required").max(MAX_GROUP_LENGTH).includes("@", { message: "Not an email address" }),
  dateOfPurchase: isoDate,
  purchaseAmount: z.string().trim().refine(isDecimalString, "A decimal amount with up to 4 decimals, e.g. 120.50"),
  subscriptionStatus: z.string().trim().max(200),
  promotion: z.string().max(2000).optional(),
});

export type PromotionStores = { list: ObjectStore; amount: CounterStore; count: CounterStore };

/** The team's promotion list and its two counter stores (found by role, whatever they are named). */
export async function getPromotionStores(db: Executor, teamId: string): Promise<PromotionStores> {
  const [list] = await db
    .select()
    .from(objectStores)
    .where(and(eq(objectStores.teamId, teamId), eq(objectStores.role, "promotion_list")))
    .limit(1);
  const counterRows = await db
    .select()
    .from(counterStores)
    .where(and(eq(counterStores.teamId, teamId), inArray(counterStores.role, ["order_amount", "order_count"])));
  const amount = counterRows.find((c) => c.role === "order_amount");
  const count = counterRows.find((c) => c.role === "order_count");
  if (!list) throw new StorageNotFoundError("Promotion list");
  if (!amount) throw new StorageNotFoundError("Order amount counter store");
  if (!count) throw new StorageNotFoundError("Order count counter store");
  return { list, amount, count };
}

/** The stored shape of a list record: the tutorial's field names, date as YYYY-MM-DD, amount as a decimal string. */
export function promotionRecordData(r: z.output<typeof promotionRecordSchema>) {
  return {
    "Contact Name": r.contactName,
    "Email Address": r.email,
    "Date Of Purchase": r.dateOfPurchase,
    "Purchase Amount": r.purchaseAmount,
    Reference: r.key,
    Promotion: r.promotion ?? "",
    "Subscription Status": r.subscriptionStatus,
  };
}

/** What one order adds: its amount to the customer's order_amount counter and 1 to order_count. */
export function promotionContributions(stores: PromotionStores, email: string, purchaseAmount: string): CounterContribution[] {
  const group = email.trim().toLowerCase();
  return [
    { counterStoreId: stores.amount.id, group, amount: purchaseAmount },
    { counterStoreId: stores.count.id, group, amount: "1" },
  ];
}

/**
 * One transaction: inserts the records whose key is absent (a single INSERT ... ON CONFLICT DO
 * NOTHING RETURNING) and, only for those, adds purchaseAmount and 1 to the customer's counters,
 * storing those contributions on the record. Replaying the same records adds nothing.
 * Any invalid record refuses the whole page (nothing is written).
 */
export async function addOrdersToPromotionList(
  db: Executor,
  teamId: string,
  records: PromotionRecordInput[],
): Promise<{ added: string[]; skipped: string[] }> {
  const errors: Record<string, string[]> = {};
  const parsed: Array<z.output<typeof promotionRecordSchema>> = [];
  records.forEach((record, i) => {
    const result = promotionRecordSchema.safeParse(record);
    if (result.success) parsed.push(result.data);
    else for (const issue of result.error.issues) (errors[`records[${i}].${issue.path.join(".")}`] ??= []).push(issue.message);
  });
  if (Object.keys(errors).length) throw new StorageValidationError(errors);
  if (!parsed.length) return { added: [], skipped: [] };

  return db.transaction(async (tx) => {
    const stores = await getPromotionStores(tx, teamId);
    const seen = new Set<string>();
    const skipped: string[] = [];
    const rows = [];
    for (const r of parsed) {
      if (seen.has(r.key)) {
        skipped.push(r.key);
        continue;
      }
      seen.add(r.key);
      const data = validateObjectData(stores.list.fields, promotionRecordData(r));
      if (!data.ok) throw new StorageValidationError(data.errors);
      rows.push({ teamId, storeId: stores.list.id, key: r.key, data: data.data, contributions: promotionContributions(stores, r.email, r.purchaseAmount) });
    }
    const inserted = await tx
      .insert(storedObjects)
      .values(rows)
      .onConflictDoNothing({ target: [storedObjects.storeId, storedObjects.key] })
      .returning({ key: storedObjects.key, contributions: storedObjects.contributions });
    await applyCounterDeltas(tx, teamId, inserted.flatMap((r) => r.contributions));
    const addedSet = new Set(inserted.map((r) => r.key));
    const added = rows.filter((r) => addedSet.has(r.key)).map((r) => r.key);
    skipped.push(...rows.filter((r) => !addedSet.has(r.key)).map((r) => r.key));
    return { added, skipped };
  });
}

/**
 * One transaction: deletes up to `limit` records whose "Date Of Purchase" is before `purchasedBefore`
 * (YYYY-MM-DD), subtracts exactly what each had added to the counters, deletes counters left at 0.
 */
export async function expirePromotionRecords(
  db: Executor,
  teamId: string,
  opts: { purchasedBefore: string; limit: number },
): Promise<{ removed: number; keys: string[] }> {
  const before = isoDate.safeParse(opts.purchasedBefore);
  if (!before.success) throw new StorageValidationError({ purchasedBefore: before.error.issues.map((i) => i.message) });
  const stores = await getPromotionStores(db, teamId);
  const deleted = await deleteObjectsOlderThan(db, teamId, stores.list.id, {
    field: "Date Of Purchase",
    before: before.data,
    limit: clampLimit(opts.limit, 10_000),
  });
  return { removed: deleted.length, keys: deleted.map((d) => d.key) };
}

/** The inverse of addOrdersToPromotionList for given keys: removes them and subtracts their contributions. */
export async function removeOrdersFromPromotionList(db: Executor, teamId: string, keys: string[]): Promise<{ removed: string[] }> {
  const stores = await getPromotionStores(db, teamId);
  const deleted = await deleteObjects(db, teamId, stores.list.id, keys);
  return { removed: deleted.map((d) => d.key) };
}

export type PromotionCustomer = {
  email: string;
  contactName: string;
  totalAmount: string;
  orderCount: number;
  lastPurchaseDate: string;
  subscriptionStatus: string;
};

const emailExpr = sql`lower(${fieldExpr("Email Address")})`;

/**
 * One row per customer on the list (lower-cased email), in email order; `afterEmail` is the keyset
 * cursor (the last email of the previous page). Amount and count come from the counters; name and
 * subscription status from the customer's latest record.
 */
export async function listPromotionCustomers(
  db: Executor,
  teamId: string,
  opts: { afterEmail?: string; limit: number },
): Promise<PromotionCustomer[]> {
  const stores = await getPromotionStores(db, teamId);
  const limit = clampLimit(opts.limit, 5000);
  const after = opts.afterEmail?.trim().toLowerCase();
  const rows = await queryRows<{
    email: string;
    last_date: string;
    contact_name: string | null;
    status: string | null;
    amount: string | null;
    orders: string | null;
  }>(
    db,
    // The customer rows the list's triggers keep (migration 0004) name each customer's latest record
    // ("date, id, status"), so a page of customers reads one record each, by id.
    sql`select k.email, split_part(k.latest, chr(1), 1) as last_date,
               r.data->>'Contact Name' as contact_name, r.data->>'Subscription Status' as status,
               a.value::text as amount, c.value::text as orders
        from (
          -- The page first (in primary-key order), then one lookup per customer.
          select email, latest, store_id from promotion_list_customers
          where store_id = ${stores.list.id} and team_id = ${teamId} ${after ? sql`and email > ${after}` : sql``}
          order by email limit ${limit}
        ) k
        left join stored_objects r on r.id = split_part(k.latest, chr(1), 2)::bigint and r.store_id = k.store_id
        left join counters a on a.store_id = ${stores.amount.id} and a.group_key = k.email
        left join counters c on c.store_id = ${stores.count.id} and c.group_key = k.email
        order by k.email`,
  );
  return rows.map((r) => ({
    email: r.email,
    contactName: r.contact_name ?? "",
    totalAmount: r.amount ?? "0",
    orderCount: r.orders == null ? 0 : Math.trunc(Number(r.orders)),
    lastPurchaseDate: r.last_date,
    subscriptionStatus: r.status ?? "",
  }));
}

/** Writes the Promotion field on every list record of that customer (email compared lower-cased). */
export async function setPromotionField(db: Executor, teamId: string, email: string, promotion: string): Promise<void> {
  const stores = await getPromotionStores(db, teamId);
  await db.execute(
    sql`update stored_objects set data = jsonb_set(data, '{Promotion}', to_jsonb(${promotion}::text)), updated_at = now()
        where "stored_objects"."store_id" = ${stores.list.id} and "stored_objects"."team_id" = ${teamId}
          and ${emailExpr} = ${email.trim().toLowerCase()}`,
  );
}
