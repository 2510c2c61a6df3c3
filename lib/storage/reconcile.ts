import { sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { logActivity } from "@/lib/activity";
import { fieldExpr } from "./objects";
import { getPromotionStores, type PromotionStores } from "./promotion-list";
import { queryRows } from "./sql";

export type CounterDrift = {
  email: string;
  /** What the list says: sum of Purchase Amount and number of records for this email. */
  listAmount: string;
  listCount: number;
  /** What the counters hold ("0" when the counter is absent). */
  counterAmount: string;
  counterCount: string;
};

export type ReconcileReport = { customers: number; drifts: CounterDrift[]; checkedAt: Date };

// A record's amount by the list's one rule (SQL function promotion_amount, migration 0004): a
// non-numeric amount (written around the workflows) counts as 0 rather than failing the whole check.
const amountNumeric = sql`promotion_amount("stored_objects"."data")`;

function driftQuery(stores: PromotionStores, teamId: string, onlyEmails?: string[]) {
  const emailFilter = onlyEmails ? sql`and x.email in (select jsonb_array_elements_text(${JSON.stringify(onlyEmails)}::jsonb))` : sql``;
  return sql`
    with list as (
      -- What the list holds per customer: the running figures its triggers recompute from the
      -- customer's records on every write (migration 0004), so this reads one row per customer.
      select email, amount, records as n
      from promotion_list_customers
      where store_id = ${stores.list.id} and team_id = ${teamId}
    ),
    a as (select group_key as email, value from counters where store_id = ${stores.amount.id} and team_id = ${teamId}),
    c as (select group_key as email, value from counters where store_id = ${stores.count.id} and team_id = ${teamId}),
    x as (
      select coalesce(list.email, a.email, c.email) as email,
             coalesce(list.amount, 0) as list_amount, coalesce(list.n, 0) as list_count,
             coalesce(a.value, 0) as counter_amount, coalesce(c.value, 0) as counter_count,
             list.email is not null as on_list
      from list
      full join a on a.email = list.email
      full join c on c.email = coalesce(list.email, a.email)
    )
    select d.email, d.list_amount::text as list_amount, d.list_count::int as list_count,
           d.counter_amount::text as counter_amount, d.counter_count::text as counter_count,
           (select count(*) from list where list.email is not null)::int as customers
    -- One row even without drift, so the customer count never needs a second pass over the list.
    from (select 1) as one
    left join lateral (
      select * from x
      where x.email is not null and (x.list_amount <> x.counter_amount or x.list_count <> x.counter_count) ${emailFilter}
    ) d on true
    order by d.email`;
}

/**
 * Compares every customer's totals on the promotion list (sum of Purchase Amount and number of
 * records per lower-cased Email Address, which the list's triggers recompute from the customer's
 * records on every write) with the two counter stores.
 * Read-only: every difference is reported, nothing is changed.
 */
export async function reconcilePromotionCounters(db: Executor, teamId: string): Promise<ReconcileReport> {
  const stores = await getPromotionStores(db, teamId);
  const rows = await queryRows<{
    email: string | null;
    list_amount: string;
    list_count: number;
    counter_amount: string;
    counter_count: string;
    customers: number;
  }>(db, driftQuery(stores, teamId));
  return {
    customers: Number(rows[0]?.customers ?? 0),
    checkedAt: new Date(),
    drifts: rows
      .filter((r): r is typeof r & { email: string } => r.email !== null)
      .map((r) => ({
        email: r.email,
        listAmount: moneyText(r.list_amount),
        listCount: Number(r.list_count),
        counterAmount: moneyText(r.counter_amount),
        counterCount: countText(r.counter_count),
      })),
  };
}

/**
 * Repairs drift (all customers, or only `emails`): sets both counters to what the list says,
 * deletes counters of customers no longer on the list, and rewrites the drifted customers'
 * records' contributions so later removals subtract exactly what the counters now hold.
 * One transaction, logged as `store.reconciled`.
 */
export async function repairPromotionCounters(
  db: Executor,
  teamId: string,
  opts: { userId?: string | null; emails?: string[] } = {},
): Promise<{ repaired: CounterDrift[] }> {
  return db.transaction(async (tx) => {
    const stores = await getPromotionStores(tx, teamId);
    const only = opts.emails?.map((e) => e.trim().toLowerCase());
    const rows = await queryRows<{ email: string; list_amount: string; list_count: number; counter_amount: string; counter_count: string }>(
      tx,
      driftQuery(stores, teamId, only),
    );
    if (!rows.length) return { repaired: [] };
    const payload = JSON.stringify(rows.map((r) => ({ g: r.email, a: r.list_amount, n: Number(r.list_count) })));
    // Counters for customers still on the list: set to the list's totals.
    await tx.execute(sql`
      insert into counters (store_id, team_id, group_key, value)
      select s.id, ${teamId}::uuid, d.g, case when s.id = ${stores.amount.id}::uuid then d.a else d.n end
      from jsonb_to_recordset(${payload}::jsonb) as d(g text, a numeric, n numeric)
      cross join (values (${stores.amount.id}::uuid), (${stores.count.id}::uuid)) as s(id)
      where d.n > 0
      order by s.id, d.g
      on conflict (store_id, group_key) do update set value = excluded.value, updated_at = now()`);
    // Customers with no records left: their counters go.
    await tx.execute(sql`
      delete from counters c using jsonb_to_recordset(${payload}::jsonb) as d(g text, n int)
      where d.n = 0 and c.team_id = ${teamId} and c.store_id in (${stores.amount.id}, ${stores.count.id}) and c.group_key = d.g`);
    // The ledger of the drifted customers' records now matches what the counters hold.
    await tx.execute(sql`
      update stored_objects set contributions = jsonb_build_array(
          jsonb_build_object('counterStoreId', ${stores.amount.id}::text, 'group', lower(${fieldExpr("Email Address")}), 'amount', (${amountNumeric})::text),
          jsonb_build_object('counterStoreId', ${stores.count.id}::text, 'group', lower(${fieldExpr("Email Address")}), 'amount', '1')),
        updated_at = now()
      where "stored_objects"."store_id" = ${stores.list.id} and "stored_objects"."team_id" = ${teamId}
        and lower(${fieldExpr("Email Address")}) in (select d.g from jsonb_to_recordset(${payload}::jsonb) as d(g text))`);
    const repaired = rows.map((r) => ({
      email: r.email,
      listAmount: moneyText(r.list_amount),
      listCount: Number(r.list_count),
      counterAmount: moneyText(r.counter_amount),
      counterCount: countText(r.counter_count),
    }));
    await logActivity(tx, {
      teamId,
      userId: opts.userId ?? null,
      action: "store.reconciled",
      detail: { repaired: repaired.length, emails: repaired.slice(0, 20).map((r) => r.email) },
    });
    return { repaired };
  });
}

/** Money as text with at least 2 decimals and no float: "120.5000" -> "120.50", "25" -> "25.00". */
export function moneyText(value: string): string {
  const [int, frac = ""] = value.split(".");
  const trimmed = frac.replace(/0+$/, "");
  return `${int}.${trimmed.padEnd(2, "0")}`;
}

/** A count held in a numeric counter: "2.0000" -> "2" (fractions, which mean drift, are kept). */
export function countText(value: string): string {
  const [int, frac = ""] = value.split(".");
  const trimmed = frac.replace(/0+$/, "");
  return trimmed ? `${int}.${trimmed}` : int;
}
