import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();
const teamRef = () =>
  uuid("team_id")
    .notNull()
    .references(() => teams.id, { onDelete: "cascade" });

// ---------------------------------------------------------------- tenancy and people

export const teams = pgTable("teams", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: varchar("slug", { length: 64 }).notNull().unique(),
  name: varchar("name", { length: 120 }).notNull(),
  locale: varchar("locale", { length: 16 }).notNull().default("en-GB"),
  currency: varchar("currency", { length: 3 }).notNull().default("GBP"),
  createdAt: createdAt(),
});

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: varchar("email", { length: 254 }).notNull().unique(),
  name: varchar("name", { length: 120 }),
  passwordHash: text("password_hash").notNull(),
  createdAt: createdAt(),
});

export const memberRoles = ["owner", "admin", "member"] as const;
export type MemberRole = (typeof memberRoles)[number];

export const teamMembers = pgTable(
  "team_members",
  {
    teamId: teamRef(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: varchar("role", { length: 16 }).$type<MemberRole>().notNull().default("member"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index("team_members_user_idx").on(t.userId)],
);

export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: teamRef(),
    email: varchar("email", { length: 254 }).notNull(),
    role: varchar("role", { length: 16 }).$type<MemberRole>().notNull().default("member"),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    status: varchar("status", { length: 16 }).$type<"pending" | "accepted" | "revoked">().notNull().default("pending"),
    /** sha256 of the single-use token in the invite link; the raw token is shown once and never stored. */
    tokenHash: varchar("token_hash", { length: 64 }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull().defaultNow(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("invitations_team_email_idx").on(t.teamId, t.email),
    uniqueIndex("invitations_token_hash_idx").on(t.tokenHash),
  ],
);

export const activityLog = pgTable(
  "activity_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    teamId: teamRef(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    action: varchar("action", { length: 64 }).notNull(),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index("activity_log_team_created_idx").on(t.teamId, t.createdAt)],
);

/** Fixed-window counters for throttling (sign-in attempts); shared by every app instance. */
export const rateLimits = pgTable("rate_limits", {
  key: varchar("key", { length: 200 }).primaryKey(),
  count: integer("count").notNull().default(0),
  resetAt: timestamp("reset_at", { withTimezone: true }).notNull(),
});

// ---------------------------------------------------------------- connections

export const providers = ["netsuite", "hubspot", "activecampaign"] as const;
export type ProviderId = (typeof providers)[number];
export const authKinds = ["oauth2", "token", "api_key", "tba"] as const;
export type AuthKind = (typeof authKinds)[number];
export const connectionStatuses = ["connected", "needs_reauth", "error"] as const;
export type ConnectionStatus = (typeof connectionStatuses)[number];

export const connections = pgTable(
  "connections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: teamRef(),
    provider: varchar("provider", { length: 32 }).$type<ProviderId>().notNull(),
    name: varchar("name", { length: 120 }).notNull(),
    authKind: varchar("auth_kind", { length: 16 }).$type<AuthKind>().notNull(),
    baseUrl: text("base_url").notNull(),
    /** NetSuite account id, HubSpot hub id, ActiveCampaign account host: what the merchant recognises. */
    accountId: varchar("account_id", { length: 120 }),
    /** AES-256-GCM envelope (see lib/crypto); never plain text. */
    credentials: text("credentials").notNull(),
    status: varchar("status", { length: 16 }).$type<ConnectionStatus>().notNull().default("connected"),
    scopes: jsonb("scopes").$type<string[]>().notNull().default([]),
    accessTokenExpiresAt: timestamp("access_token_expires_at", { withTimezone: true }),
    refreshTokenExpiresAt: timestamp("refresh_token_expires_at", { withTimezone: true }),
    lastCheckedAt: timestamp("last_checked_at", { withTimezone: true }),
    lastSuccessAt: timestamp("last_success_at", { withTimezone: true }),
    lastError: text("last_error"),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("connections_team_provider_idx").on(t.teamId, t.provider)],
);

/** One pending OAuth installation: single use, short-lived, bound to the user and team. */
export const oauthStates = pgTable("oauth_states", {
  /** sha256 of the state value sent to the vendor; the raw value is never stored. */
  stateHash: varchar("state_hash", { length: 64 }).primaryKey(),
  teamId: teamRef(),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  provider: varchar("provider", { length: 32 }).$type<ProviderId>().notNull(),
  /** Encrypted JSON: PKCE verifier, account id, base URL, connection name. */
  payload: text("payload").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  createdAt: createdAt(),
});

// ---------------------------------------------------------------- utility storage

export const storeRoles = ["promotion_list", "order_amount", "order_count"] as const;
export type StoreRole = (typeof storeRoles)[number];

export const objectStores = pgTable(
  "object_stores",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: teamRef(),
    name: varchar("name", { length: 120 }).notNull(),
    description: text("description").notNull().default(""),
    fields: jsonb("fields").$type<string[]>().notNull(),
    retentionDays: integer("retention_days"),
    /** Which tutorial store this is, so workflows find it whatever the merchant renames it to. */
    role: varchar("role", { length: 32 }).$type<StoreRole>(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("object_stores_team_name_idx").on(t.teamId, t.name),
    uniqueIndex("object_stores_team_role_idx").on(t.teamId, t.role),
  ],
);

/** What adding a record added to counters, so removing it subtracts exactly that. */
export type CounterContribution = { counterStoreId: string; group: string; amount: string };

export const storedObjects = pgTable(
  "stored_objects",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    teamId: teamRef(),
    storeId: uuid("store_id")
      .notNull()
      .references(() => objectStores.id, { onDelete: "cascade" }),
    key: varchar("key", { length: 128 }).notNull(),
    data: jsonb("data").$type<Record<string, string | number | boolean | null>>().notNull(),
    contributions: jsonb("contributions").$type<CounterContribution[]>().notNull().default([]),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("stored_objects_store_key_idx").on(t.storeId, t.key),
    index("stored_objects_store_created_idx").on(t.storeId, t.createdAt, t.id),
    /** Key prefix search and key order (byte order, so `>=`/`<` ranges use the index). */
    index("stored_objects_store_key_c_idx").on(t.storeId, sql`(key collate "C")`, t.id),
    /** The promotion list's per-customer reads: filter, group and keyset by lower-cased email. */
    index("stored_objects_store_email_idx").on(t.storeId, sql`lower((data->>'Email Address'))`, t.id),
    /** Expiry sweeps and date sorting on the promotion list. */
    index("stored_objects_store_purchase_date_idx").on(t.storeId, sql`coalesce((data->>'Date Of Purchase'), '')`, t.id),
    /** Free-text search: trigrams of the key and the whole record, so `like '%text%'` need not read every record. */
    index("stored_objects_text_trgm_idx").using("gin", sql`lower(("key" || ' ' || ("data")::text)) gin_trgm_ops`),
  ],
);

/**
 * Running figures of each promotion list, kept by triggers on stored_objects (migration 0004) so the
 * Overview reads 20,000 customers rather than every record. Per customer: what the list holds for
 * them (records, sum of valid amounts, the latest record as `promotion_latest`); recomputed from the
 * customer's records whenever a statement touches one of them.
 */
export const promotionListCustomers = pgTable(
  "promotion_list_customers",
  {
    storeId: uuid("store_id")
      .notNull()
      .references(() => objectStores.id, { onDelete: "cascade" }),
    teamId: teamRef(),
    email: text("email").notNull(),
    records: integer("records").notNull(),
    amount: numeric("amount").notNull(),
    latest: text("latest").notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.email] })],
);

/** Per purchase date: records and the sum of valid amounts, kept by the same triggers as exact deltas. */
export const promotionListDays = pgTable(
  "promotion_list_days",
  {
    storeId: uuid("store_id")
      .notNull()
      .references(() => objectStores.id, { onDelete: "cascade" }),
    teamId: teamRef(),
    day: text("day").notNull(),
    records: integer("records").notNull(),
    amount: numeric("amount").notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.day] })],
);

export const counterStores = pgTable(
  "counter_stores",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: teamRef(),
    name: varchar("name", { length: 120 }).notNull(),
    description: text("description").notNull().default(""),
    role: varchar("role", { length: 32 }).$type<StoreRole>(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("counter_stores_team_name_idx").on(t.teamId, t.name),
    uniqueIndex("counter_stores_team_role_idx").on(t.teamId, t.role),
  ],
);

export const counters = pgTable(
  "counters",
  {
    storeId: uuid("store_id")
      .notNull()
      .references(() => counterStores.id, { onDelete: "cascade" }),
    teamId: teamRef(),
    groupKey: varchar("group_key", { length: 254 }).notNull(),
    /** Exact decimal; read as a string so money never passes through a float. */
    value: numeric("value", { precision: 20, scale: 4 }).notNull().default("0"),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.groupKey] }), index("counters_team_idx").on(t.teamId)],
);

// ---------------------------------------------------------------- workflows

export const workflowNames = ["extract", "promote", "expire"] as const;
export type WorkflowName = (typeof workflowNames)[number];
export const runTriggers = ["schedule", "manual", "cli", "retry", "test"] as const;
export type RunTrigger = (typeof runTriggers)[number];
export const runStatuses = ["queued", "running", "succeeded", "failed"] as const;
export type RunStatus = (typeof runStatuses)[number];

export const workflowSettings = pgTable("workflow_settings", {
  teamId: uuid("team_id")
    .primaryKey()
    .references(() => teams.id, { onDelete: "cascade" }),
  /** Validated by the zod schema in lib/workflows/settings.ts; defaults are the tutorial's values. */
  settings: jsonb("settings").$type<Record<string, unknown>>().notNull(),
  updatedAt: updatedAt(),
});

export const workflowRuns = pgTable(
  "workflow_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: teamRef(),
    workflow: varchar("workflow", { length: 16 }).$type<WorkflowName>().notNull(),
    trigger: varchar("trigger", { length: 16 }).$type<RunTrigger>().notNull(),
    mode: varchar("mode", { length: 16 }).$type<"inngest" | "in_process">().notNull(),
    status: varchar("status", { length: 16 }).$type<RunStatus>().notNull().default("queued"),
    dryRun: boolean("dry_run").notNull().default(false),
    /** The workflow's clock: "today" and "since" are computed from this instant. */
    at: timestamp("at", { withTimezone: true }).notNull(),
    /** Extract only: orders modified after this instant were requested. */
    since: timestamp("since", { withTimezone: true }),
    counts: jsonb("counts").$type<Record<string, number>>().notNull().default({}),
    error: text("error"),
    retryOf: uuid("retry_of"),
    externalRunId: varchar("external_run_id", { length: 120 }),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("workflow_runs_team_workflow_idx").on(t.teamId, t.workflow, t.createdAt)],
);

export const workflowRunSteps = pgTable(
  "workflow_run_steps",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    runId: uuid("run_id")
      .notNull()
      .references(() => workflowRuns.id, { onDelete: "cascade" }),
    teamId: teamRef(),
    stepId: varchar("step_id", { length: 120 }).notNull(),
    status: varchar("status", { length: 16 }).$type<"running" | "succeeded" | "failed">().notNull(),
    attempts: integer("attempts").notNull().default(1),
    counts: jsonb("counts").$type<Record<string, number>>().notNull().default({}),
    error: text("error"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("workflow_run_steps_run_step_idx").on(t.runId, t.stepId)],
);

/** A vendor record that failed validation: kept with its reason, never silently dropped. */
export const quarantinedRecords = pgTable(
  "quarantined_records",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    teamId: teamRef(),
    runId: uuid("run_id").references(() => workflowRuns.id, { onDelete: "set null" }),
    source: varchar("source", { length: 32 }).notNull(),
    externalId: varchar("external_id", { length: 120 }).notNull(),
    reason: text("reason").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("quarantined_records_team_source_ext_idx").on(t.teamId, t.source, t.externalId),
    index("quarantined_records_run_idx").on(t.runId),
  ],
);

export const promotionActionKinds = ["hubspot_task", "list_volume", "list_today", "list_seven_day"] as const;
export type PromotionActionKind = (typeof promotionActionKinds)[number];

/**
 * One promotion per customer, action and period. The row is written as an intent before the
 * vendor call and completed after it, so a retried step finds it and never sends twice.
 */
export const promotionActions = pgTable(
  "promotion_actions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: teamRef(),
    customerEmail: varchar("customer_email", { length: 254 }).notNull(),
    action: varchar("action", { length: 32 }).$type<PromotionActionKind>().notNull(),
    period: varchar("period", { length: 32 }).notNull(),
    rule: varchar("rule", { length: 32 }).notNull(),
    reason: text("reason").notNull(),
    status: varchar("status", { length: 16 }).$type<"pending" | "done" | "failed">().notNull().default("pending"),
    externalIds: jsonb("external_ids").$type<Record<string, string>>().notNull().default({}),
    error: text("error"),
    runId: uuid("run_id").references(() => workflowRuns.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("promotion_actions_once_idx").on(t.teamId, t.customerEmail, t.action, t.period),
    index("promotion_actions_team_created_idx").on(t.teamId, t.createdAt),
  ],
);

export type Team = typeof teams.$inferSelect;
export type User = typeof users.$inferSelect;
export type Connection = typeof connections.$inferSelect;
export type ObjectStore = typeof objectStores.$inferSelect;
export type StoredObject = typeof storedObjects.$inferSelect;
export type CounterStore = typeof counterStores.$inferSelect;
export type Counter = typeof counters.$inferSelect;
export type WorkflowRun = typeof workflowRuns.$inferSelect;
export type WorkflowRunStep = typeof workflowRunSteps.$inferSelect;
export type PromotionAction = typeof promotionActions.$inferSelect;
export type ActivityEntry = typeof activityLog.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
