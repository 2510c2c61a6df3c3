import type { Db } from "@/db";
import type { ActiveCampaignClient, HubSpotClient, NetSuiteClient } from "@/lib/connectors/clients";
import type { WorkflowSettings } from "@/lib/workflows/settings";
import type { StepRunner } from "@/lib/workflows/step";

/**
 * The slice of each vendor client the workflows use. The connectors' clients satisfy it
 * structurally, and so can a test double; the workflows never build clients themselves.
 */
export type NetSuitePort = Pick<NetSuiteClient, "suiteql">;

export type HubSpotPort = Pick<HubSpotClient, "batchReadContactsByEmail" | "batchUpsertContactsByEmail" | "createTask" | "searchTasks">;

export type ActiveCampaignPort = Pick<
  ActiveCampaignClient,
  "findContactByEmail" | "syncContact" | "listLists" | "createList" | "subscribeContactToList" | "bulkImport" | "importStatus"
>;

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
