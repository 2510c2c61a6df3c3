import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { promotionActions, quarantinedRecords, storedObjects } from "@/db/schema";
import { getTeamClients, type ClientOptions } from "@/lib/connectors";
import { createConnection } from "@/lib/connectors/connections";
import { connectTeamToSandbox } from "@/lib/connectors/sandbox-connections";
import { queryRows } from "@/lib/storage/sql";
import type { WorkflowClients } from "@/lib/workflows/context";
import type { RunResult } from "@/lib/workflows/execute";
import { runWorkflowNow } from "@/lib/workflows/start-run";
import type { RunningSandbox } from "@/sandbox/server";
import { makeTeam } from "../helpers/db";
import { sandboxControl as control } from "../helpers/sandbox";

export { control };

/** The run's clock: extract and promote at AT, expire a week later (so it removes about half). */
export const AT = new Date("2026-07-01T09:00:00Z");
export const EXPIRE_AT = new Date(AT.getTime() + 7 * 86_400_000);
/** 300 orders over the 14 days before AT, 60 customers; pages of 100 so every run has several steps. */
export const DATA = { seed: 11, customers: 60, orders: 300, days: 14, now: AT.toISOString() };
export const PAGE_SIZE = 100;
/** Fast retries so a faulty run takes seconds; Retry-After is still honoured as sent. */
export const FAST: ClientOptions = { baseDelayMs: 10, maxDelayMs: 100, timeoutMs: 5_000 };

export const WORKFLOWS = ["extract", "promote", "expire"] as const;
export type Workflow = (typeof WORKFLOWS)[number];


export const setFaults = (sandbox: RunningSandbox, faults: Record<string, unknown>) => control(sandbox, "POST", "/_sandbox/faults", faults);
export const clearFaults = (sandbox: RunningSandbox) => control(sandbox, "DELETE", "/_sandbox/faults");

/** Issues sandbox OAuth tokens (valid an hour) and stores them as the team's connection. */
export async function connectOAuth(db: Db, sandbox: RunningSandbox, teamId: string, provider: "hubspot" | "netsuite") {
  const tokens = (await control(sandbox, "POST", "/_sandbox/tokens", { vendor: provider, expiresIn: 3600 })) as { accessToken: string; refreshToken: string };
  await createConnection(db, {
    teamId,
    provider,
    authKind: "oauth2",
    accountId: provider === "netsuite" ? "SANDBOX" : null,
    baseUrl: sandbox.url,
    credentials: { kind: "oauth2", accessToken: tokens.accessToken, refreshToken: tokens.refreshToken },
    accessTokenExpiresAt: new Date(Date.now() + 3600_000),
  });
}

/**
 * The same starting point for every scenario: the sandbox emptied and loaded with the same data
 * (same seed, same clock), faults cleared (PRNGs restarted), and a fresh team connected to it.
 */
export async function freshWorld(db: Db, sandbox: RunningSandbox, opts: { oauth?: ("hubspot" | "netsuite")[] } = {}) {
  await control(sandbox, "POST", "/_sandbox/reset", {});
  await clearFaults(sandbox);
  await control(sandbox, "POST", "/_sandbox/demo-data", DATA);
  const team = await makeTeam(db, { pageSize: PAGE_SIZE });
  await connectTeamToSandbox(db, team.id, sandbox.url);
  for (const provider of opts.oauth ?? []) await connectOAuth(db, sandbox, team.id, provider);
  return team.id;
}

export type RunOptions = {
  clientOptions?: ClientOptions;
  /** Called at the start of each step that asks for the vendor clients (n counts per workflow run from 1). */
  beforeClients?: (workflow: Workflow, n: number) => Promise<void> | void;
  /** Wraps the clients (crash injection). */
  decorate?: (clients: WorkflowClients, workflow: Workflow) => WorkflowClients;
  /** Runs per workflow, first included; a failed run is run again as a retry (what Inngest or the Retry button does). */
  maxRuns?: number;
  /** Before each run of a workflow. */
  beforeRun?: (workflow: Workflow, attempt: number) => Promise<void> | void;
  workflows?: readonly Workflow[];
};

/** Runs extract -> promote -> expire through the in-process runner, re-running a failed run up to maxRuns times. */
export async function runAll(db: Db, teamId: string, opts: RunOptions = {}) {
  const runs: (RunResult & { attempt: number })[] = [];
  for (const workflow of opts.workflows ?? WORKFLOWS) {
    const at = workflow === "expire" ? EXPIRE_AT : AT;
    let previous: RunResult | null = null;
    for (let attempt = 1; attempt <= (opts.maxRuns ?? 4); attempt++) {
      await opts.beforeRun?.(workflow, attempt);
      let n = 0;
      const clients = async () => {
        await opts.beforeClients?.(workflow, ++n);
        const team = (await getTeamClients(db, teamId, opts.clientOptions ?? FAST)) as unknown as WorkflowClients;
        return opts.decorate ? opts.decorate(team, workflow) : team;
      };
      const result: RunResult = await runWorkflowNow({
        db,
        teamId,
        workflow,
        trigger: previous ? "retry" : "test",
        retryOf: previous?.runId ?? null,
        at,
        clients,
      });
      runs.push({ ...result, attempt });
      previous = result;
      if (result.status === "succeeded") break;
    }
  }
  return runs;
}

export type SandboxState = {
  hubspot: {
    contacts: { id: string; properties: Record<string, string | null> }[];
    tasks: { id: string; properties: Record<string, string | null>; associations: { contacts: string[] } }[];
  };
  activecampaign: {
    contacts: { id: string; email: string; firstName?: string; lastName?: string }[];
    lists: { id: string; name: string }[];
    contactLists: { contact: string; list: string; status?: string | number }[];
  };
};

/**
 * Everything a run leaves behind, by natural keys (emails, names), never by generated ids: the
 * promotion list, counters (by store role), promotion intents, quarantined records, and the
 * vendors' contacts, tasks and list memberships. Lists keep duplicates so a duplicate shows.
 */
export async function snapshot(db: Db, sandbox: RunningSandbox, teamId: string) {
  const list = (await db.select().from(storedObjects).where(eq(storedObjects.teamId, teamId)))
    .map((r) => ({ key: r.key, data: r.data as Record<string, unknown> }))
    .sort((a, b) => a.key.localeCompare(b.key));
  const counters = (
    await queryRows<{ role: string; group_key: string; value: string }>(
      db,
      sql`select cs.role, c.group_key, c.value::text as value from counters c join counter_stores cs on cs.id = c.store_id where c.team_id = ${teamId}`,
    )
  )
    .map((c) => `${c.role}:${c.group_key}=${Number(c.value).toFixed(2)}`)
    .sort();
  const actions = (await db.select().from(promotionActions).where(eq(promotionActions.teamId, teamId)))
    .map((a) => `${a.customerEmail}|${a.action}|${a.period}|${a.rule}|${a.status}`)
    .sort();
  const quarantined = (await db.select().from(quarantinedRecords).where(eq(quarantinedRecords.teamId, teamId)))
    .map((q) => ({ externalId: q.externalId, reason: q.reason }))
    .sort((a, b) => a.externalId.localeCompare(b.externalId));

  const state = (await control(sandbox, "GET", "/_sandbox/state")) as SandboxState;
  const hsEmail = new Map(state.hubspot.contacts.map((c) => [String(c.id), (c.properties.email ?? "").toLowerCase()]));
  const acEmail = new Map(state.activecampaign.contacts.map((c) => [String(c.id), c.email.toLowerCase()]));
  const acList = new Map(state.activecampaign.lists.map((l) => [String(l.id), l.name]));
  return {
    list,
    counters,
    actions,
    quarantined,
    hubspotContacts: state.hubspot.contacts
      .map((c) => `${(c.properties.email ?? "").toLowerCase()}|${c.properties.firstname ?? ""}|${c.properties.lastname ?? ""}`)
      .sort(),
    hubspotTasks: state.hubspot.tasks
      .map((t) => `${t.associations.contacts.map((id) => hsEmail.get(String(id))).join(",")}|${t.properties.hs_task_subject}|${t.properties.hs_task_priority}`)
      .sort(),
    acContacts: state.activecampaign.contacts.map((c) => c.email.toLowerCase()).sort(),
    acLists: state.activecampaign.lists.map((l) => l.name).sort(),
    acMemberships: state.activecampaign.contactLists
      .map((m) => `${acEmail.get(String(m.contact))}|${acList.get(String(m.list))}|${m.status ?? ""}`)
      .sort(),
  };
}
export type Snapshot = Awaited<ReturnType<typeof snapshot>>;

/** Entries that occur more than once (a duplicate contact, task or membership). */
export function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const v of values) (seen.has(v) ? twice : seen).add(v);
  return [...twice];
}

export function duplicatesIn(s: Snapshot) {
  return {
    hubspotContacts: duplicates(s.hubspotContacts.map((c) => c.split("|")[0])),
    hubspotTasks: duplicates(s.hubspotTasks.map((t) => t.split("|")[0])),
    acContacts: duplicates(s.acContacts),
    acMemberships: duplicates(s.acMemberships.map((m) => m.split("|").slice(0, 2).join("|"))),
    listKeys: duplicates(s.list.map((r) => r.key)),
  };
}

export const noDuplicates = { hubspotContacts: [], hubspotTasks: [], acContacts: [], acMemberships: [], listKeys: [] };

/** The comparable part of a snapshot: everything but the quarantine (compared separately). */
export function comparable(s: Snapshot) {
  const { quarantined: _quarantined, ...rest } = s;
  return rest;
}

/** Thrown by an injected crash: the process "dies" at that point (the step fails, nothing after it runs). */
export class InjectedCrash extends Error {
  constructor(where: string) {
    super(`injected crash: ${where}`);
    this.name = "InjectedCrash";
  }
}

/** Summary of the suite, printed at the end. */
export const outcomes: { fault: string; ok: boolean; note?: string }[] = [];

export function summaryLine(suite: string, inputs: string) {
  const passed = outcomes.filter((o) => o.ok);
  const failed = outcomes.filter((o) => !o.ok);
  const notes = outcomes.filter((o) => o.note).map((o) => `${o.fault}: ${o.note}`);
  return (
    `${suite}: ${passed.length} passed, ${failed.length} failed; faults survived: ${passed.map((o) => o.fault).join(", ") || "none"}` +
    (failed.length ? `; not survived: ${failed.map((o) => o.fault).join(", ")}` : "") +
    `; inputs tried: ${inputs}` +
    (notes.length ? `\n  notes: ${notes.join("; ")}` : "")
  );
}
