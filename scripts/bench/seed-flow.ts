import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { queryRows } from "@/lib/storage/sql";

/**
 * The vendor calls the tutorial's per-record flow (seed/000_7a9fdce582e526c7.txt) would make for
 * the same data, counted from what our run saw. Call it after promote, before expire.
 *
 * Extract: list the updated orders (one call per 1,000), then per order get the sales order and
 * get the customer (2); per order that passes the filters and is new: search the contact in
 * ActiveCampaign and in HubSpot (2), plus create it in each where it does not exist yet (2 per
 * customer, the first time).
 * Promote: per list record: search the contact in both CRMs (2), then the action: HubSpot create
 * task + create association (2) or add to an ActiveCampaign list (1); no action, no call.
 * Expire touches only storage (0).
 */
export async function seedFlowCalls(
  db: Db,
  teamId: string,
  input: { extract: Record<string, number>; promoteRunId: string },
): Promise<{ total: number; byWorkflow: Record<string, number> }> {
  const fetched = input.extract.fetched ?? 0;
  const added = input.extract.added ?? 0;
  const [row] = await queryRows<{ records: number; customers: number; action_calls: number }>(
    db,
    sql`select count(*)::int as records,
               count(distinct lower(so.data->>'Email Address'))::int as customers,
               coalesce(sum(case when pa.action is null then 0 when pa.action = 'hubspot_task' then 2 else 1 end), 0)::int as action_calls
        from stored_objects so
        left join promotion_actions pa
          on pa.team_id = so.team_id and pa.customer_email = lower(so.data->>'Email Address') and pa.run_id = ${input.promoteRunId}
        where so.team_id = ${teamId}`,
  );
  const extract = Math.ceil(fetched / 1000) + 2 * fetched + 2 * added + 2 * row.customers;
  const promote = 2 * row.records + row.action_calls;
  return { total: extract + promote, byWorkflow: { extract, promote, expire: 0 } };
}
