import type { PromotionActionKind } from "@/db/schema";
import { ConnectionMissingError, ConnectionNeedsReauthError, VendorError } from "@/lib/connectors/errors";
import { listPromotionCustomers, setPromotionField } from "@/lib/storage/promotion-list";
import {
  MAX_PAGES,
  type HubSpotPort,
  type WorkflowClients,
  type WorkflowContext,
  type WorkflowOutcome,
} from "@/lib/workflows/context";
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

  for (const d of decisions) {
    let outcome = "";
    if (d.action) {
      const result = await applyAction(ctx, clients, d, { today: input.today, listIds: input.listIds!, hubspotIds });
      bump(result);
      // The field says what was decided; it reads the same whether this run or an earlier one acted.
      outcome = result === "failed" ? " (the vendor refused; see the run)" : "";
      if (result === "promoted") bump(`promoted_${d.rule}`);
    }
    await setPromotionField(db, teamId, d.email, `${input.today}: ${d.reason}${outcome}`);
  }
  return { nextCursor, counts };
}

function shouldRethrow(error: unknown) {
  if (error instanceof ConnectionNeedsReauthError || error instanceof ConnectionMissingError) return true;
  if (error instanceof VendorError) return error.retriable;
  return true; // an unknown error (network, bug): let the step retry; the intent stays pending
}

async function applyAction(
  ctx: WorkflowContext,
  clients: WorkflowClients,
  d: PromotionDecision,
  page: { today: string; listIds: ListIds; hubspotIds: Map<string, string> },
): Promise<"promoted" | "already_promoted" | "failed"> {
  const { db, teamId, runId, settings, at } = ctx;
  const action = d.action as PromotionActionKind;
  const windowStart = action === "hubspot_task" ? addDays(page.today, -(settings.retentionDays - 1)) : page.today;
  const claim = await claimPromotion(db, {
    teamId,
    email: d.email,
    action,
    period: page.today,
    windowStart,
    rule: d.rule,
    reason: d.reason,
    runId,
  });
  if (claim.state === "done" || claim.state === "within_window") return "already_promoted";
  const intent = claim.action;

  try {
    if (action === "hubspot_task") {
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
    }
    const [firstName, ...rest] = d.contactName.split(/\s+/);
    // contact/sync upserts by email; adding a contact already on a list changes nothing.
    const contact = await clients.activecampaign.syncContact({ email: d.email, firstName: firstName ?? "", lastName: rest.join(" ") });
    const listId = page.listIds[action];
    await clients.activecampaign.subscribeContactToList(contact.id, listId);
    await completePromotion(db, intent.id, { activecampaignContactId: contact.id, activecampaignListId: listId });
    return "promoted";
  } catch (error) {
    if (shouldRethrow(error)) throw error;
    await failPromotion(db, intent.id, errorMessage(error));
    return "failed";
  }
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
