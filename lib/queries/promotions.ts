import { sql } from "drizzle-orm";
import type { Executor } from "@/db";
import type { PromotionActionKind } from "@/db/schema";
import { listConnections } from "@/lib/connectors/connections";
import { fieldExpr } from "@/lib/storage/objects";
import { getPromotionStores } from "@/lib/storage/promotion-list";
import { queryRows } from "@/lib/storage/sql";
import { previewPromotionDecisions } from "@/lib/workflows/queries";
import type { PromotionDecision, PromotionRule } from "@/lib/workflows/rules";
import type { LinkableConnection } from "@/lib/vendor-links";

/** Reads for the Promotions page; every one takes the team id. */

export const promotionRules: PromotionRule[] = ["premium", "volume", "today", "seven_day", "none", "opted_out"];

export function parseRule(value: unknown): PromotionRule | null {
  return typeof value === "string" && (promotionRules as string[]).includes(value) ? (value as PromotionRule) : null;
}

export type DecisionsPage = {
  today: string;
  decisions: PromotionDecision[];
  /** Email to continue after (keyset), or null at the end of the list. */
  nextCursor: string | null;
  /** Customers read to fill this page (more than shown when a segment filters them). */
  scanned: number;
  /** A segment filter stopped at its read budget before filling the page: more may follow. */
  stoppedEarly: boolean;
};

const SCAN_BATCH = 500;
const SCAN_BUDGET = 2_000;

/**
 * Today's decisions (the promote workflow's own preview, nothing written), keyset-paged by email.
 * With a segment, customers are read in email order and decided until the page is full or the read
 * budget is spent; the cursor then says where to carry on, so no request reads the whole list.
 */
export async function listDecisionsPage(
  db: Executor,
  teamId: string,
  options: { at?: Date; segment?: PromotionRule | null; after?: string | null; limit?: number } = {},
): Promise<DecisionsPage> {
  const limit = Math.max(1, Math.min(options.limit ?? 50, 100));
  let after = options.after?.trim().toLowerCase() || null;
  if (!options.segment) {
    const page = await previewPromotionDecisions(db, teamId, { at: options.at, limit, afterEmail: after });
    return { today: page.today, decisions: page.decisions, nextCursor: page.nextCursor, scanned: page.decisions.length, stoppedEarly: false };
  }
  const decisions: PromotionDecision[] = [];
  let scanned = 0;
  let today = "";
  for (;;) {
    const page = await previewPromotionDecisions(db, teamId, { at: options.at, limit: SCAN_BATCH, afterEmail: after });
    today = page.today;
    for (const d of page.decisions) {
      scanned++;
      after = d.email;
      if (d.rule !== options.segment) continue;
      decisions.push(d);
      if (decisions.length === limit) {
        // Full: carry on after this customer (the next one may or may not exist; the next page says).
        const more = page.nextCursor !== null || page.decisions[page.decisions.length - 1].email !== d.email;
        return { today, decisions, nextCursor: more ? d.email : null, scanned, stoppedEarly: false };
      }
    }
    if (!page.nextCursor) return { today, decisions, nextCursor: null, scanned, stoppedEarly: false };
    after = page.nextCursor;
    if (scanned >= SCAN_BUDGET) return { today, decisions, nextCursor: after, scanned, stoppedEarly: true };
  }
}

export type ActionHistoryRow = {
  id: string;
  email: string;
  contactName: string | null;
  action: PromotionActionKind;
  period: string;
  rule: string;
  reason: string;
  status: "pending" | "done" | "failed";
  externalIds: Record<string, string>;
  error: string | null;
  runId: string | null;
  createdAt: Date;
  completedAt: Date | null;
};

const cursorPattern = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)_([0-9a-f-]{36})$/i;

/** `<created_at with microseconds>_<id>`: exact, so rows created in the same millisecond are not skipped. */
export function parseActionsCursor(value: unknown): { createdAt: string; id: string } | null {
  const m = typeof value === "string" ? cursorPattern.exec(value) : null;
  return m ? { createdAt: m[1], id: m[2].toLowerCase() } : null;
}

/**
 * The promotions taken (promotion_actions), newest first, keyset-paged by (created_at, id), with
 * the customer's name from their latest list record when they are still on the list.
 */
export async function listActionHistory(
  db: Executor,
  teamId: string,
  options: { before?: string | null; limit?: number } = {},
): Promise<{ actions: ActionHistoryRow[]; nextCursor: string | null }> {
  const limit = Math.max(1, Math.min(options.limit ?? 50, 100));
  const before = parseActionsCursor(options.before);
  const stores = await getPromotionStores(db, teamId);
  const rows = await queryRows<{
    id: string;
    customer_email: string;
    contact_name: string | null;
    action: PromotionActionKind;
    period: string;
    rule: string;
    reason: string;
    status: ActionHistoryRow["status"];
    external_ids: Record<string, string> | string;
    error: string | null;
    run_id: string | null;
    created_at: string | Date;
    completed_at: string | Date | null;
    cursor_at: string;
  }>(
    db,
    sql`select p.id, p.customer_email, latest.contact_name, p.action, p.period, p.rule, p.reason, p.status, p.external_ids,
               p.error, p.run_id, p.created_at, p.completed_at,
               to_char(p.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_at
        from promotion_actions p
        left join lateral (
          select ${fieldExpr("Contact Name")} as contact_name
          from stored_objects
          where "stored_objects"."store_id" = ${stores.list.id} and "stored_objects"."team_id" = ${teamId}
            and lower(${fieldExpr("Email Address")}) = p.customer_email
          order by "stored_objects"."id" desc limit 1
        ) latest on true
        where p.team_id = ${teamId}
          ${before ? sql`and (p.created_at, p.id) < (${before.createdAt}::timestamptz, ${before.id}::uuid)` : sql``}
        order by p.created_at desc, p.id desc
        limit ${limit + 1}`,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    actions: page.map((r) => ({
      id: r.id,
      email: r.customer_email,
      contactName: r.contact_name,
      action: r.action,
      period: r.period,
      rule: r.rule,
      reason: r.reason,
      status: r.status,
      externalIds: typeof r.external_ids === "string" ? (JSON.parse(r.external_ids) as Record<string, string>) : (r.external_ids ?? {}),
      error: r.error,
      runId: r.run_id,
      createdAt: new Date(r.created_at),
      completedAt: r.completed_at ? new Date(r.completed_at) : null,
    })),
    nextCursor: rows.length > limit && last ? `${last.cursor_at}_${last.id}` : null,
  };
}

/** The connections promotion links are built from (HubSpot portal, ActiveCampaign account). */
export async function vendorLinkConnections(
  db: Executor,
  teamId: string,
): Promise<{ hubspot: LinkableConnection | null; activecampaign: LinkableConnection | null }> {
  const all = await listConnections(db, teamId);
  return {
    hubspot: all.find((c) => c.provider === "hubspot") ?? null,
    activecampaign: all.find((c) => c.provider === "activecampaign") ?? null,
  };
}
