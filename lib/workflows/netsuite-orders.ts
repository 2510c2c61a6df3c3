import { z } from "zod";
import type { PromotionRecordInput } from "@/lib/storage/promotion-list";
import { extractFilter, isDecimal, normaliseDate, subscriptionStatusName, toScaled, fromScaled, type FilterReason } from "@/lib/workflows/rules";
import type { WorkflowSettings } from "@/lib/workflows/settings";

/**
 * Extract's read from NetSuite: one SuiteQL query joining the sales order header, its customer,
 * its header location (from the mainline transaction line) and the sum of its item lines.
 * Item lines carry negative amounts in SuiteQL, so the subtotal is their negated sum
 * (vendor-apis.md §7). Values come back as strings and null columns are left out of a row.
 */

/** SuiteQL timestamps: 'YYYY-MM-DD HH24:MI:SS' in UTC. */
export function suiteqlTimestamp(instant: Date): string {
  return instant.toISOString().slice(0, 19).replace("T", " ");
}

/**
 * Pages are keyed by the transaction id (`afterId`: the last id of the previous page) rather than
 * an offset: each page reads only what follows, NetSuite's offset cap (100,000) does not apply,
 * and an order modified during the run cannot shift the pages under it.
 */
export function salesOrdersQuery(range: { since: Date; until: Date }, afterId?: string | null): string {
  const since = suiteqlTimestamp(range.since);
  const until = suiteqlTimestamp(range.until);
  if (afterId != null && !/^\d+$/.test(afterId)) throw new Error(`Not a NetSuite id: ${afterId}`);
  return [
    "SELECT t.id AS id, t.tranid AS tranid,",
    "  TO_CHAR(t.trandate, 'YYYY-MM-DD') AS trandate,",
    "  TO_CHAR(t.lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS') AS lastmodified,",
    "  t.email AS order_email, t.entity AS entity,",
    "  c.id AS customer_id, c.entityid AS entityid, c.altname AS altname, c.companyname AS companyname,",
    "  c.firstname AS firstname, c.lastname AS lastname, c.email AS customer_email, c.isperson AS isperson,",
    "  BUILTIN.DF(c.globalsubscriptionstatus) AS subscription_status,",
    "  hl.location AS location_id, l.name AS location_name,",
    "  SUM(il.netamount) AS item_total",
    "FROM transaction t",
    "LEFT JOIN customer c ON c.id = t.entity",
    "LEFT JOIN transactionline hl ON hl.transaction = t.id AND hl.mainline = 'T'",
    "LEFT JOIN location l ON l.id = hl.location",
    "LEFT JOIN transactionline il ON il.transaction = t.id AND il.mainline = 'F' AND il.taxline = 'F'",
    "WHERE t.type = 'SalesOrd'",
    `  AND t.lastmodifieddate > TO_TIMESTAMP('${since}', 'YYYY-MM-DD HH24:MI:SS')`,
    `  AND t.lastmodifieddate <= TO_TIMESTAMP('${until}', 'YYYY-MM-DD HH24:MI:SS')`,
    ...(afterId != null ? [`  AND t.id > ${afterId}`] : []),
    "GROUP BY t.id, t.tranid, t.trandate, t.lastmodifieddate, t.email, t.entity,",
    "  c.id, c.entityid, c.altname, c.companyname, c.firstname, c.lastname, c.email, c.isperson,",
    "  c.globalsubscriptionstatus, hl.location, l.name",
    "ORDER BY t.id",
  ].join("\n");
}

const str = z.string().optional();

/** One SuiteQL row as it arrives: every value a string, any column possibly missing. */
export const salesOrderRowSchema = z.looseObject({
  id: str,
  tranid: str,
  trandate: str,
  lastmodified: str,
  order_email: str,
  entity: str,
  customer_id: str,
  entityid: str,
  altname: str,
  companyname: str,
  firstname: str,
  lastname: str,
  customer_email: str,
  isperson: str,
  subscription_status: str,
  location_id: str,
  location_name: str,
  item_total: str,
});
export type SalesOrderRow = z.infer<typeof salesOrderRowSchema>;

const emailSchema = z.email();

export type ClassifiedOrder =
  | { kind: "keep"; record: PromotionRecordInput; firstName: string; lastName: string }
  | { kind: "filtered"; reason: FilterReason; externalId: string; detail: string }
  | { kind: "quarantine"; externalId: string; reason: string; payload: Record<string, unknown> };

export const orderKey = (tranId: string) => `NetSuite-${tranId}`;

function splitName(altName: string, first?: string, last?: string) {
  if (first || last) return { firstName: first ?? "", lastName: last ?? "" };
  const parts = altName.trim().split(/\s+/);
  return { firstName: parts[0] ?? "", lastName: parts.slice(1).join(" ") };
}

/**
 * Decides what happens to one row: kept as a promotion list record, filtered out (company,
 * location) with its reason, or quarantined (unknown customer, no email, bad amount or date).
 */
export function classifyOrder(raw: Record<string, unknown>, settings: Pick<WorkflowSettings, "storeLocation">): ClassifiedOrder {
  const parsed = salesOrderRowSchema.safeParse(raw);
  const externalId = String(raw.tranid ?? raw.id ?? "unknown");
  const payload = Object.fromEntries(Object.entries(raw).filter(([k]) => k !== "links"));
  const quarantine = (reason: string): ClassifiedOrder => ({ kind: "quarantine", externalId, reason, payload });
  if (!parsed.success) return quarantine(`Unreadable row: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const row = parsed.data;
  if (!row.tranid) return quarantine("The sales order has no transaction id (tranid)");
  if (!row.customer_id) return quarantine(`Unknown customer${row.entity ? ` (entity ${row.entity})` : ""}: not found in NetSuite`);

  const filter = extractFilter({ isPerson: row.isperson === "T", locationName: row.location_name }, settings);
  if (!filter.keep) return { kind: "filtered", reason: filter.reason, externalId, detail: filter.detail };

  const email = (row.customer_email ?? row.order_email ?? "").trim().toLowerCase();
  if (!email) return quarantine("The customer has no email address");
  if (!emailSchema.safeParse(email).success) return quarantine(`The customer's email address is not valid: "${email}"`);
  const date = normaliseDate(row.trandate);
  if (!date) return quarantine(`The transaction date is missing or not a date: "${row.trandate ?? ""}"`);
  if (row.item_total === undefined || !isDecimal(row.item_total)) {
    return quarantine(`The order amount is missing or not a number: "${row.item_total ?? ""}"`);
  }
  const subtotal = -toScaled(row.item_total);
  if (subtotal < 0n) return quarantine(`The order amount is negative: ${fromScaled(subtotal)}`);

  const contactName = (row.altname ?? [row.firstname, row.lastname].filter(Boolean).join(" ")).trim();
  return {
    kind: "keep",
    record: {
      key: orderKey(row.tranid),
      contactName: contactName || email,
      email,
      dateOfPurchase: date,
      purchaseAmount: fromScaled(subtotal),
      subscriptionStatus: subscriptionStatusName(row.subscription_status),
    },
    ...splitName(contactName, row.firstname, row.lastname),
  };
}
