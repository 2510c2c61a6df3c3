import { sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { fieldExpr } from "@/lib/storage/objects";
import { getPromotionStores } from "@/lib/storage/promotion-list";
import { queryRows } from "@/lib/storage/sql";
import { addDays, calendarDate, decidePromotion, expiryCutoff, type PromotionRule } from "@/lib/workflows/rules";
import type { WorkflowSettings } from "@/lib/workflows/settings";
import { getTeamSettings } from "@/lib/workflows/team-settings";

/**
 * The overview's figures for one team, every aggregate computed in SQL over the promotion list's
 * running figures; money is summed as numeric and returned as decimal strings.
 */

export type DayFigures = { date: string; orders: number; revenue: string };
export type SpendBucket = { min: string | null; max: string | null; customers: number };
export type FrequencyBucket = { orders: string; customers: number };
export type SegmentSizes = Record<PromotionRule, number>;

export type OverviewAnalytics = {
  today: string;
  /** First day of the window (inclusive): the oldest purchase date the list keeps. */
  from: string;
  retentionDays: number;
  timeZone: string;
  customers: number;
  orders: number;
  revenue: string;
  /** Revenue / orders, rounded to 2 decimals; null without orders. */
  averageOrderValue: string | null;
  repeatCustomers: number;
  /** Repeat customers / customers (0..1); null without customers. */
  repeatRate: number | null;
  perDay: DayFigures[];
  spend: SpendBucket[];
  frequency: FrequencyBucket[];
  segments: SegmentSizes;
  /** Customers whose latest record has no readable purchase date (promote cannot decide them). */
  segmentsUnreadable: number;
  /** Records on the list dated before the window (the next Expire run removes them). */
  recordsBeforeWindow: number;
  /** Records dated after today (in the team's time zone); not in the window figures. */
  recordsAfterToday: number;
};

export const segmentRules: PromotionRule[] = ["premium", "volume", "today", "seven_day", "none", "opted_out"];

const emailExpr = sql`lower(${fieldExpr("Email Address")})`;
const dateExpr = sql`coalesce(${fieldExpr("Date Of Purchase")}, '')`;

/** Spend bucket edges as fractions of the premium threshold: the last bucket is "premium" spend. */
const spendFractions = ["0.05", "0.1", "0.25", "0.5", "1"];

function decimalText(value: number): string {
  // Settings hold the threshold as a number; print it without exponent or float noise.
  return Number.isInteger(value) ? String(value) : value.toFixed(4).replace(/0+$/, "").replace(/\.$/, "");
}

type SegmentRow = { orders: string | null; last_date: string | null; status: string | null; customers: number; min_amount: string; max_amount: string };
type OverviewRow = {
  summary: Record<string, number | string | null>;
  edges: string[];
  days: { date: string; records: number; orders: number; revenue: string }[];
  segments: SegmentRow[];
};

/**
 * Reads the list's running figures (promotion_list_customers and promotion_list_days, kept by
 * triggers on its records, migration 0004) rather than the records: one row per customer and per
 * day. Only records dated outside the window are read, to take them out of the window's figures.
 */
export async function getOverviewAnalytics(db: Executor, teamId: string, options: { at?: Date } = {}): Promise<OverviewAnalytics> {
  const [settings, stores] = await Promise.all([getTeamSettings(db, teamId), getPromotionStores(db, teamId)]);
  const { list } = stores;
  const today = calendarDate(options.at ?? new Date(), settings.timeZone);
  const from = expiryCutoff(today, settings.retentionDays);
  const threshold = decimalText(settings.premiumThreshold);
  const buckets = spendFractions.length;
  // Bucket edges as literals (the threshold is a validated number), so no join is needed for them.
  const edge = (i: number) => sql.raw(`(${spendFractions[i]} * ${threshold}::numeric)`);

  const query = sql`
    with outside as (
      -- Records dated outside the window (awaiting expiry, or after today): usually none, found
      -- through the purchase-date index.
      select ${emailExpr} as email, count(*) as records, sum(promotion_amount("stored_objects"."data")) as amount
      from stored_objects
      where "stored_objects"."store_id" = ${list.id} and "stored_objects"."team_id" = ${teamId}
        and (${dateExpr} < ${from} or ${dateExpr} > ${today})
      group by 1
    ), c as (
      select k.email, k.records - coalesce(o.records, 0) as orders, k.amount - coalesce(o.amount, 0) as spend, k.latest
      from promotion_list_customers k
      left join outside o on o.email = k.email
      where k.store_id = ${list.id} and k.team_id = ${teamId}
    )
    select json_build_object(
      'summary', (
        select json_build_object(
          'customers', count(*),
          'orders', coalesce(sum(orders), 0),
          'revenue', coalesce(sum(spend), 0)::text,
          'aov', case when sum(orders) > 0 then round(sum(spend) / sum(orders), 2)::text end,
          'repeaters', count(*) filter (where orders >= 2),
          'f1', count(*) filter (where orders = 1),
          'f2', count(*) filter (where orders = 2),
          'f3', count(*) filter (where orders = 3),
          'f4', count(*) filter (where orders = 4),
          'f5', count(*) filter (where orders >= 5),
          ${sql.join(
            Array.from({ length: buckets + 1 }, (_, i) => {
              const lower = i > 0 ? sql`spend > ${edge(i - 1)}` : sql`true`;
              const upper = i < buckets ? sql`spend <= ${edge(i)}` : sql`true`;
              return sql`${sql.raw(`'b${i}'`)}, count(*) filter (where ${lower} and ${upper})`;
            }),
            sql`, `,
          )}
        )
        from c where orders > 0
      ),
      'edges', json_build_array(${sql.join(spendFractions.map((_, i) => sql`${edge(i)}::text`), sql`, `)}),
      'days', (
        select coalesce(json_agg(json_build_object(
                 'date', day, 'records', records,
                 'orders', case when day >= ${from} and day <= ${today} then records else 0 end,
                 'revenue', (case when day >= ${from} and day <= ${today} then amount else 0 end)::text) order by day), '[]')
        from promotion_list_days where store_id = ${list.id} and team_id = ${teamId}
      ),
      'segments', (
        select coalesce(json_agg(s), '[]') from (
          select n.value::text as orders, split_part(c.latest, chr(1), 1) as last_date, split_part(c.latest, chr(1), 3) as status, count(*) as customers,
                 min(coalesce(a.value, 0))::text as min_amount, max(coalesce(a.value, 0))::text as max_amount
          from c
          left join counters a on a.store_id = ${stores.amount.id} and a.group_key = c.email
          left join counters n on n.store_id = ${stores.count.id} and n.group_key = c.email
          group by coalesce(a.value, 0) > ${threshold}::numeric, n.value, split_part(c.latest, chr(1), 1), split_part(c.latest, chr(1), 3)
        ) s
      )
    )::text as result`;

  const [row] = await db.transaction(async (tx) => {
    // Enough memory for the per-customer hash (tens of thousands of groups) so it is not sorted on
    // disk; hash joins to the counters (the planner cannot estimate the CTE's customer count and
    // would otherwise probe the counter index once per customer); and no JIT, whose compilation
    // costs far more than this query saves from it.
    await tx.execute(
      sql`select set_config('work_mem', '64MB', true), set_config('enable_nestloop', 'off', true), set_config('jit', 'off', true)`,
    );
    return queryRows<{ result: string }>(tx, query);
  });
  const data = JSON.parse(row.result) as OverviewRow;
  const s = data.summary;
  const n = (v: unknown) => Number(v ?? 0);
  const customers = n(s.customers);
  const orders = n(s.orders);
  const repeatCustomers = n(s.repeaters);

  const byDay = new Map(data.days.map((d) => [d.date, d]));
  const perDay: DayFigures[] = [];
  for (let d = from; d <= today; d = addDays(d, 1)) {
    const day = byDay.get(d);
    perDay.push({ date: d, orders: n(day?.orders), revenue: trimDecimal(day?.revenue ?? "0") });
  }
  const edges = data.edges.map(trimDecimal);
  const spend: SpendBucket[] = Array.from({ length: buckets + 1 }, (_, i) => ({
    min: i === 0 ? null : edges[i - 1],
    max: i === buckets ? null : edges[i],
    customers: n(s[`b${i}`]),
  }));
  const segments = tallySegments(data.segments, today, settings);

  return {
    today,
    from,
    retentionDays: settings.retentionDays,
    timeZone: settings.timeZone,
    customers,
    orders,
    revenue: trimDecimal(String(s.revenue ?? "0")),
    averageOrderValue: s.aov == null ? null : String(s.aov),
    repeatCustomers,
    repeatRate: customers > 0 ? repeatCustomers / customers : null,
    perDay,
    spend,
    frequency: ["1", "2", "3", "4", "5+"].map((label, i) => ({ orders: label, customers: n(s[`f${i + 1}`]) })),
    segments: segments.sizes,
    segmentsUnreadable: segments.unreadable,
    recordsBeforeWindow: data.days.filter((d) => d.date < from).reduce((sum, d) => sum + n(d.records), 0),
    recordsAfterToday: data.days.filter((d) => d.date > today).reduce((sum, d) => sum + n(d.records), 0),
  };
}

/** "120.5000" -> "120.50", "3.0000" -> "3.00": keeps cents, drops the storage scale's extra zeros. */
function trimDecimal(value: string): string {
  const m = /^(-?\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) return value;
  const frac = (m[2] ?? "").replace(/0+$/, "");
  return `${m[1]}.${frac.padEnd(2, "0")}`;
}

/**
 * Today's segment sizes, decided by the promote workflow's own rule (decidePromotion) over the same
 * inputs listPromotionCustomers gives it: the counters for amount and orders, the latest purchase
 * date and the latest record's subscription status. SQL groups customers by everything the rule
 * reads except the exact amount, which it splits only at the premium threshold. Each group is
 * decided at its smallest and at its largest amount; the rule depends on the amount only through
 * that threshold, so the two must agree (checked) and the whole group gets that decision.
 */
export function tallySegments(rows: SegmentRow[], today: string, settings: WorkflowSettings): { sizes: SegmentSizes; unreadable: number } {
  const sizes = Object.fromEntries(segmentRules.map((r) => [r, 0])) as SegmentSizes;
  let unreadable = 0;
  for (const row of rows) {
    if (!row.last_date || !/^\d{4}-\d{2}-\d{2}$/.test(row.last_date)) {
      // A hand-edited record without a purchase date: promote cannot decide for this customer either.
      unreadable += Number(row.customers);
      continue;
    }
    const customer = {
      email: "",
      contactName: "",
      orderCount: row.orders == null ? 0 : Math.trunc(Number(row.orders)),
      lastPurchaseDate: row.last_date,
      subscriptionStatus: row.status ?? "",
    };
    const low = decidePromotion({ ...customer, totalAmount: row.min_amount }, today, settings).rule;
    const high = decidePromotion({ ...customer, totalAmount: row.max_amount }, today, settings).rule;
    if (low !== high) throw new Error(`Segment grouping disagrees with the promotion rule (${low} / ${high})`);
    sizes[low] += Number(row.customers);
  }
  return { sizes, unreadable };
}
