import { ConnectionMissingError, ConnectionNeedsReauthError, VendorError } from "@/lib/connectors/errors";
import { sql } from "drizzle-orm";
import { getPromotionStores, listPromotionCustomers } from "@/lib/storage/promotion-list";
import {
  MAX_PAGES,
  type HubSpotPort,
  type WorkflowClients,
  type WorkflowContext,
  type WorkflowOutcome,
} from "@/lib/workflows/context";
import { importContacts } from "@/lib/workflows/activecampaign-import";
import { claimPromotion, completePromotion, failPromotion, taskMarker } from "@/lib/workflows/promotion-actions";
import { addDays, calendarDate, decidePromotion, renderTemplate, type PromotionDecision } from "@/lib/workflows/rules";
import { addCounts } from "@/lib/workflows/runs";
import type { WorkflowSettings } from "@/lib/workflows/settings";
import { errorMessage } from "@/lib/workflows/step";

/**
 * Workflow 2: per customer on the list (one step per page of customers), the first matching rule
 * wins; each action is claimed as an intent before the vendor call so a retried step never
 * repeats it. A dry run decides and returns the decisions without any write.
 */
export async function runPromote(ctx: WorkflowContext): Promise<WorkflowOutcome> {
  const { step, settings, at, dryRun } = ctx;
  const today = calendarDate(at, settings.timeZone);
  const totals: Record<string, number> = { pages: 0 };
  const decisions: PromotionDecision[] = [];

  const lists = dryRun
    ? null
    : await step.run("resolve-lists", async () => ({ ids: await resolveLists(await ctx.clients(), settings), counts: {} }));

  let cursor: string | null = null;
  for (let page = 1; ; page++) {
    if (page > MAX_PAGES) {
      totals.customers_deferred = 1;
      break;
    }
    const after: string | null = cursor;
    const result: PageResult = await step.run(`customers-page-${page}`, () =>
      promotePage(ctx, { today, afterEmail: after, listIds: lists?.ids ?? null, decisions }),
    );
    addCounts(totals, result.counts);
    totals.pages = page;
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return { counts: totals, ...(dryRun ? { decisions } : {}) };
}

type PageResult = { nextCursor: string | null; counts: Record<string, number> };
type ListIds = Record<"list_volume" | "list_today" | "list_seven_day", string>;

/** Decisions for a page of customers, without writing anything (dry runs and the dashboard preview). */
export async function decidePage(
  ctx: Pick<WorkflowContext, "db" | "teamId" | "settings">,
  input: { today: string; afterEmail: string | null; limit?: number },
) {
  const customers = await listPromotionCustomers(ctx.db, ctx.teamId, {
    afterEmail: input.afterEmail ?? undefined,
    limit: input.limit ?? ctx.settings.pageSize,
  });
  const decisions = customers.map((c) => decidePromotion(c, input.today, ctx.settings));
  const limit = input.limit ?? ctx.settings.pageSize;
  return { decisions, nextCursor: customers.length === limit ? customers[customers.length - 1].email : null };
}

async function promotePage(
  ctx: WorkflowContext,
  input: { today: string; afterEmail: string | null; listIds: ListIds | null; decisions: PromotionDecision[] },
): Promise<PageResult> {
  const { db, teamId, dryRun } = ctx;
  const { decisions, nextCursor } = await decidePage(ctx, input);
  const counts: Record<string, number> = { customers: decisions.length };
  const bump = (key: string) => (counts[key] = (counts[key] ?? 0) + 1);
  for (const d of decisions) bump(`rule_${d.rule}`);

  if (dryRun) {
    input.decisions.push(...decisions);
    return { nextCursor, counts };
  }

  const clients = await ctx.clients();
  const premium = decisions.filter((d) => d.action === "hubspot_task").map((d) => d.email);
  const hubspotIds = new Map<string, string>();
  if (premium.length > 0) {
    for (const [email, contact] of await clients.hubspot.batchReadContactsByEmail(premium)) {
      hubspotIds.set(email.toLowerCase(), contact.id);
    }
  }

  const results = new Map<string, ActionResult>();
  // HubSpot tasks: one call each (the vendor has no batch create for tasks). A few customers at a
  // time, so one customer's database writes overlap another's wait for the HubSpot rate limit.
  // ActiveCampaign lists, side by side with the tasks (another vendor, other customers): every
  // intent claimed first, then bulk imports that upsert and subscribe.
  const tasks = decisions.filter((d) => d.action === "hubspot_task");
  const listDecisions = decisions.filter((d) => d.action && d.action !== "hubspot_task");
  const settled = await Promise.allSettled([
    forEachConcurrently(tasks, TASK_CONCURRENCY, async (d) => {
      results.set(d.email, await applyTaskAction(ctx, clients, d, { today: input.today, hubspotIds }));
    }),
    applyListActions(ctx, clients, listDecisions, { today: input.today, listIds: input.listIds! }).then((listResults) => {
      for (const [email, result] of listResults) results.set(email, result);
    }),
  ]);
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failure) throw failure.reason;

  const fields: { email: string; promotion: string }[] = [];
  for (const d of decisions) {
    let outcome = "";
    const result = d.action ? results.get(d.email) : undefined;
    if (result) {
      bump(result);
      // The field says what was decided; it reads the same whether this run or an earlier one acted.
      outcome = result === "failed" ? " (the vendor refused; see the run)" : "";
      if (result === "promoted") bump(`promoted_${d.rule}`);
    }
    fields.push({ email: d.email, promotion: `${input.today}: ${d.reason}${outcome}` });
  }
  await setPromotionFields(db, teamId, fields);
  return { nextCursor, counts };
}

/** HubSpot tasks in flight at once per page (the connection's pacer still keeps to the rate limit). */
const TASK_CONCURRENCY = 4;

/** Runs `fn` over `items` with at most `limit` at a time; the first error is thrown once all have stopped. */
async function forEachConcurrently<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (!failure && next < items.length) {
      const item = items[next++];
      try {
        await fn(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw (failure as { error: unknown }).error;
}

/** Writes the Promotion field on every list record of each customer in one statement per page. */
async function setPromotionFields(db: WorkflowContext["db"], teamId: string, fields: { email: string; promotion: string }[]) {
  if (fields.length === 0) return;
  const stores = await getPromotionStores(db, teamId);
  const rows = JSON.stringify(fields.map((f) => ({ email: f.email.trim().toLowerCase(), promotion: f.promotion })));
  await db.execute(
    sql`update stored_objects so set data = jsonb_set(so.data, '{Promotion}', to_jsonb(v.promotion)), updated_at = now()
        from jsonb_to_recordset(${rows}::jsonb) as v(email text, promotion text)
        where so.store_id = ${stores.list.id} and so.team_id = ${teamId} and lower(so.data->>'Email Address') = v.email`,
  );
}

type ActionResult = "promoted" | "already_promoted" | "failed";
type ListAction = keyof ListIds;

function shouldRethrow(error: unknown) {
  if (error instanceof ConnectionNeedsReauthError || error instanceof ConnectionMissingError) return true;
  if (error instanceof VendorError) return error.retriable;
  return true; // an unknown error (network, bug): let the step retry; the intent stays pending
}

async function applyTaskAction(
  ctx: WorkflowContext,
  clients: WorkflowClients,
  d: PromotionDecision,
  page: { today: string; hubspotIds: Map<string, string> },
): Promise<ActionResult> {
  const { db, teamId, runId, settings, at } = ctx;
  const claim = await claimPromotion(db, {
    teamId,
    email: d.email,
    action: "hubspot_task",
    period: page.today,
    windowStart: addDays(page.today, -(settings.retentionDays - 1)),
    rule: d.rule,
    reason: d.reason,
    runId,
  });
  if (claim.state === "done" || claim.state === "within_window") return "already_promoted";
  const intent = claim.action;

  try {
    const marker = taskMarker(intent.id);
    if (claim.state === "resume") {
      const found = await findTaskByMarker(clients.hubspot, marker);
      if (found) {
        await completePromotion(db, intent.id, { hubspotTaskId: found, resolvedBy: "search" });
        return "promoted";
      }
    }
    let contactId = page.hubspotIds.get(d.email);
    if (!contactId) {
      const [name, ...rest] = d.contactName.split(/\s+/);
      const [upserted] = await clients.hubspot.batchUpsertContactsByEmail([
        { email: d.email, properties: { email: d.email, firstname: name ?? "", lastname: rest.join(" ") } },
      ]);
      contactId = upserted.id;
    }
    const dueAt = new Date(at.getTime() + settings.task.dueInDays * 86_400_000);
    const task = await clients.hubspot.createTask({
      subject: renderTemplate(settings.task.subject, d, settings.retentionDays),
      body: `${renderTemplate(settings.task.body, d, settings.retentionDays)}\n\nReason: ${d.reason}\nRef: ${marker}`,
      dueAt,
      priority: settings.task.priority,
      contactId,
    });
    await completePromotion(db, intent.id, { hubspotTaskId: task.id, hubspotContactId: contactId });
    return "promoted";
  } catch (error) {
    if (shouldRethrow(error)) throw error;
    await failPromotion(db, intent.id, errorMessage(error));
    return "failed";
  }
}

/**
 * List promotions for a page: each intent is claimed first (done or already within the window ->
 * skipped), then one bulk import per list (up to 250 contacts a call) upserts the contacts and
 * subscribes them, and the intents are completed. Subscribing is idempotent, so an intent left
 * pending by a crash is simply imported again.
 */
async function applyListActions(
  ctx: WorkflowContext,
  clients: WorkflowClients,
  decisions: PromotionDecision[],
  page: { today: string; listIds: ListIds },
): Promise<Map<string, ActionResult>> {
  const { db, teamId, runId } = ctx;
  const out = new Map<string, ActionResult>();
  const byList = new Map<ListAction, { d: PromotionDecision; intentId: string }[]>();
  for (const d of decisions) {
    const action = d.action as ListAction;
    const claim = await claimPromotion(db, { teamId, email: d.email, action, period: page.today, windowStart: page.today, rule: d.rule, reason: d.reason, runId });
    if (claim.state === "done" || claim.state === "within_window") {
      out.set(d.email, "already_promoted");
      continue;
    }
    byList.set(action, [...(byList.get(action) ?? []), { d, intentId: claim.action.id }]);
  }
  for (const [action, items] of byList) {
    const listId = page.listIds[action];
    let imported: Awaited<ReturnType<typeof importContacts>>;
    try {
      imported = await importContacts(
        clients.activecampaign,
        items.map(({ d }) => {
          const [firstName, ...rest] = d.contactName.split(/\s+/);
          return { email: d.email, firstName: firstName ?? "", lastName: rest.join(" ") };
        }),
        { listIds: [listId] },
      );
    } catch (error) {
      if (shouldRethrow(error)) throw error;
      for (const { d, intentId } of items) {
        await failPromotion(db, intentId, errorMessage(error));
        out.set(d.email, "failed");
      }
      continue;
    }
    const refused = new Set(imported.failed.map((e) => e.toLowerCase()));
    for (const { d, intentId } of items) {
      if (refused.has(d.email.toLowerCase())) {
        await failPromotion(db, intentId, "ActiveCampaign refused the contact");
        out.set(d.email, "failed");
        continue;
      }
      const contactId = imported.ids.get(d.email);
      await completePromotion(db, intentId, { ...(contactId ? { activecampaignContactId: contactId } : {}), activecampaignListId: listId });
      out.set(d.email, "promoted");
    }
  }
  return out;
}

/**
 * Looks for a task the failed attempt may already have created, by the marker in its body.
 * Returns null when none is found or when the vendor cannot search tasks (then the task is
 * created: in that narrow case delivery is at-least-once).
 */
export async function findTaskByMarker(hubspot: HubSpotPort, marker: string): Promise<string | null> {
  let response: unknown;
  try {
    response = await hubspot.searchTasks({
      filterGroups: [{ filters: [{ propertyName: "hs_task_body", operator: "CONTAINS_TOKEN", value: marker }] }],
      properties: ["hs_task_body", "hs_task_subject"],
      limit: 10,
    });
  } catch (error) {
    if (error instanceof VendorError && (error.status === 404 || error.status === 405)) return null;
    throw error;
  }
  const results = Array.isArray(response)
    ? response
    : ((response as { results?: unknown[] } | null)?.results ?? []);
  for (const r of results as { id?: string; properties?: Record<string, string | null> }[]) {
    if (r?.id && (r.properties?.hs_task_body ?? "").includes(marker)) return r.id;
  }
  return null;
}

function listStringId(name: string) {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "list";
}

/** Finds each promotion list by name (case-insensitive) or creates it; one call set per run. */
export async function resolveLists(clients: WorkflowClients, settings: WorkflowSettings): Promise<ListIds> {
  const wanted: [keyof ListIds, string][] = [
    ["list_volume", settings.lists.volume],
    ["list_today", settings.lists.today],
    ["list_seven_day", settings.lists.sevenDay],
  ];
  const ids = {} as ListIds;
  for (const [key, name] of wanted) {
    const found = (await clients.activecampaign.listLists({ name })).find((l) => l.name.trim().toLowerCase() === name.trim().toLowerCase());
    if (found) {
      ids[key] = String(found.id);
      continue;
    }
    const created = await clients.activecampaign.createList({
      name,
      stringid: listStringId(name),
      senderUrl: process.env.APP_URL ?? "http://localhost:3000",
      senderReminder: "You are receiving this because you bought from us recently.",
    });
    ids[key] = String(created.id);
  }
  return ids;
}
