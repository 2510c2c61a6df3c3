import type { Db } from "@/db";
import type { WorkflowSettings } from "@/lib/workflows/settings";
import type { StepRunner } from "@/lib/workflows/step";

/**
 * The slice of each vendor client the workflows use. The connectors' clients satisfy it
 * structurally, and so can a test double; the workflows never build clients themselves.
 */
export interface NetSuitePort {
  suiteql(
    query: string,
    page: { limit: number; offset: number },
  ): Promise<{ items: Record<string, unknown>[]; hasMore: boolean; count?: number; offset?: number; totalResults?: number }>;
}

export type HubSpotContact = { id: string; properties?: Record<string, string | null | undefined> };

export interface HubSpotPort {
  batchReadContactsByEmail(emails: string[]): Promise<Map<string, HubSpotContact>>;
  batchUpsertContactsByEmail(
    inputs: { email: string; properties: Record<string, string> }[],
  ): Promise<{ id: string; email: string; created: boolean }[]>;
  createTask(input: {
    subject: string;
    body: string;
    dueAt: Date;
    priority: "LOW" | "MEDIUM" | "HIGH";
    contactId: string;
  }): Promise<{ id: string }>;
  searchTasks?(request: Record<string, unknown>): Promise<unknown>;
}

export interface ActiveCampaignPort {
  findContactByEmail(email: string): Promise<{ id: string } | null | undefined>;
  syncContact(input: { email: string; firstName?: string; lastName?: string }): Promise<{ id: string }>;
  listLists(query: { name?: string }): Promise<{ id: string; name: string; stringid?: string }[]>;
  createList(input: { name: string; stringid: string; senderUrl: string; senderReminder: string }): Promise<{ id: string }>;
  subscribeContactToList(contactId: string, listId: string): Promise<unknown>;
}

export type WorkflowClients = {
  netsuite: NetSuitePort;
  hubspot: HubSpotPort;
  activecampaign: ActiveCampaignPort;
};

/** Everything a workflow run depends on, handed in by whichever engine drives it. */
export type WorkflowContext = {
  db: Db;
  teamId: string;
  runId: string;
  /** The run's clock: "today" and "since" come from it. */
  at: Date;
  settings: WorkflowSettings;
  step: StepRunner;
  /** The team's vendor clients; called inside steps so a retried step gets fresh credentials. */
  clients: () => Promise<WorkflowClients>;
  dryRun: boolean;
};

export type WorkflowOutcome = {
  counts: Record<string, number>;
  /** Promote only: every decision (dry runs). */
  decisions?: import("@/lib/workflows/rules").PromotionDecision[];
};

/** Enough pages to stay well under Inngest's 1,000 steps per function run. */
export const MAX_PAGES = 900;
