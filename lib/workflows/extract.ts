import { sql } from "drizzle-orm";
import { quarantinedRecords } from "@/db/schema";
import { addOrdersToPromotionList, type PromotionRecordInput } from "@/lib/storage/promotion-list";
import { importContacts } from "@/lib/workflows/activecampaign-import";
import { MAX_PAGES, type WorkflowClients, type WorkflowContext, type WorkflowOutcome } from "@/lib/workflows/context";
import { classifyOrder, salesOrdersQuery } from "@/lib/workflows/netsuite-orders";
import { addCounts, lastSuccessfulRunAt, setRunSince } from "@/lib/workflows/runs";

/**
 * Workflow 1: sales orders modified since the last successful extract (first run: the retention
 * window) -> filter people at the store location -> add new records and their counter increments
 * in one transaction -> make every customer of the page exist in HubSpot and ActiveCampaign.
 * One step per SuiteQL page; each returns the next page's cursor (the last transaction id) and counts only.
 */
export async function runExtract(ctx: WorkflowContext): Promise<WorkflowOutcome> {
  const { db, teamId, runId, at, settings, step } = ctx;
  const plan = await step.run("plan", async () => {
    const last = await lastSuccessfulRunAt(db, teamId, "extract", runId);
    const since = last ?? new Date(at.getTime() - settings.retentionDays * 86_400_000);
    await setRunSince(db, runId, since);
    return { since: since.toISOString(), counts: {} as Record<string, number> };
  });
  const range = { since: new Date(plan.since), until: at };
  const totals: Record<string, number> = { pages: 0 };
  let afterId: string | null = null;
  for (let page = 1; ; page++) {
    if (page > MAX_PAGES) throw new Error(`More than ${MAX_PAGES} pages of orders in one run; narrow the window with --at`);
    const cursor: string | null = afterId;
    const result: PageResult = await step.run(`orders-page-${page}`, () => extractPage(ctx, range, cursor));
    addCounts(totals, result.counts);
    totals.pages = page;
    if (!result.hasMore || !result.nextAfterId) break;
    afterId = result.nextAfterId;
  }
  return { counts: totals };
}

type PageResult = { nextAfterId: string | null; hasMore: boolean; counts: Record<string, number> };

/** The largest transaction id of a page: the next page's keyset cursor. */
function lastId(items: Record<string, unknown>[], previous: string | null): string | null {
  let max = previous === null ? null : BigInt(previous);
  for (const row of items) {
    const id = typeof row.id === "string" && /^\d+$/.test(row.id) ? BigInt(row.id) : null;
    if (id !== null && (max === null || id > max)) max = id;
  }
  return max === null ? null : max.toString();
}

async function extractPage(ctx: WorkflowContext, range: { since: Date; until: Date }, afterId: string | null): Promise<PageResult> {
  const { db, teamId, runId, settings, dryRun } = ctx;
  const clients = await ctx.clients();
  const page = await clients.netsuite.suiteql(salesOrdersQuery(range, afterId), { limit: settings.pageSize, offset: 0 });
  const next = { nextAfterId: lastId(page.items, afterId), hasMore: page.hasMore && page.items.length > 0 };
  const counts: Record<string, number> = { fetched: page.items.length };
  const bump = (key: string, n = 1) => (counts[key] = (counts[key] ?? 0) + n);

  const keep: { record: PromotionRecordInput; firstName: string; lastName: string }[] = [];
  const quarantine: { externalId: string; reason: string; payload: Record<string, unknown> }[] = [];
  for (const row of page.items) {
    const c = classifyOrder(row, settings);
    if (c.kind === "keep") keep.push(c);
    else if (c.kind === "filtered") bump(`filtered_${c.reason}`);
    else quarantine.push(c);
  }
  bump("quarantined", quarantine.length);
  bump("kept", keep.length);

  if (dryRun) {
    return { ...next, counts };
  }

  if (quarantine.length > 0) {
    // Unique per team, source and external id: a retried page updates the row instead of adding one.
    await db
      .insert(quarantinedRecords)
      .values(quarantine.map((q) => ({ teamId, runId, source: "netsuite", externalId: q.externalId, reason: q.reason, payload: q.payload })))
      .onConflictDoUpdate({
        target: [quarantinedRecords.teamId, quarantinedRecords.source, quarantinedRecords.externalId],
        set: { runId, reason: sql`excluded.reason`, payload: sql`excluded.payload`, createdAt: new Date() },
      });
  }

  if (keep.length > 0) {
    // The list write and the contact sync are independent and both safe to repeat, so they run
    // side by side; the page fails (and is retried whole) if either fails.
    const [stored, contacts] = await settleAll([
      addOrdersToPromotionList(db, teamId, keep.map((k) => k.record)),
      // Every customer of the page's kept orders (not only the new ones) so a retried page, whose
      // records were already added by the failed attempt, still syncs the contacts.
      ensureContacts(clients, keep),
    ] as const);
    bump("added", stored.added.length);
    bump("duplicates", stored.skipped.length);
    addCounts(counts, contacts);
  }
  return { ...next, counts };
}

/** Makes each customer exist in HubSpot (batch read, then batch upsert by email) and ActiveCampaign (bulk import). */
async function ensureContacts(
  clients: WorkflowClients,
  kept: { record: PromotionRecordInput; firstName: string; lastName: string }[],
): Promise<Record<string, number>> {
  const byEmail = new Map<string, { firstName: string; lastName: string }>();
  for (const k of kept) if (!byEmail.has(k.record.email)) byEmail.set(k.record.email, k);
  const emails = [...byEmail.keys()];
  const counts: Record<string, number> = { customers: emails.length };

  const [hubspot, activecampaign] = await settleAll([
    ensureHubSpotContacts(clients, emails, byEmail),
    // Bulk imports of up to 250 (an upsert by email, so a retried page cannot create a duplicate)
    // instead of a lookup and a contact/sync per customer.
    importContacts(
      clients.activecampaign,
      emails.map((email) => ({ email, firstName: byEmail.get(email)!.firstName, lastName: byEmail.get(email)!.lastName })),
    ),
  ] as const);
  addCounts(counts, hubspot);
  counts.activecampaign_contacts_synced = emails.length - activecampaign.failed.length;
  counts.activecampaign_imports = activecampaign.imports;
  if (activecampaign.failed.length > 0) counts.activecampaign_contacts_failed = activecampaign.failed.length;
  return counts;
}

async function ensureHubSpotContacts(
  clients: WorkflowClients,
  emails: string[],
  byEmail: Map<string, { firstName: string; lastName: string }>,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const existing = await clients.hubspot.batchReadContactsByEmail(emails);
  const has = (email: string) => existing.has(email) || existing.has(email.toLowerCase());
  const missing = emails.filter((e) => !has(e));
  counts.hubspot_contacts_existing = emails.length - missing.length;
  counts.hubspot_contacts_created = 0;
  for (let i = 0; i < missing.length; i += 100) {
    const chunk = missing.slice(i, i + 100).map((email) => {
      const n = byEmail.get(email)!;
      return { email, properties: { email, firstname: n.firstName, lastname: n.lastName } };
    });
    const results = await clients.hubspot.batchUpsertContactsByEmail(chunk);
    for (const r of results) counts[r.created ? "hubspot_contacts_created" : "hubspot_contacts_existing"] += 1;
  }
  return counts;
}

/** Promise.all that lets every promise finish before throwing the first failure (no stray rejections). */
async function settleAll<T extends readonly unknown[]>(promises: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
