import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import {
  objectStores,
  promotionActions,
  quarantinedRecords,
  workflowRunSteps,
  workflowRuns,
  type WorkflowName,
} from "@/db/schema";
import { queryRows } from "@/lib/storage/sql";
import { decidePage } from "@/lib/workflows/promote";
import { calendarDate, type PromotionDecision } from "@/lib/workflows/rules";
import { getTeamSettings } from "@/lib/workflows/team-settings";

/** Named reads for the dashboard; every one takes the team id. */

export async function listRecentRuns(db: Executor, teamId: string, options: { workflow?: WorkflowName; limit?: number } = {}) {
  return db
    .select()
    .from(workflowRuns)
    .where(and(eq(workflowRuns.teamId, teamId), options.workflow ? eq(workflowRuns.workflow, options.workflow) : undefined))
    .orderBy(desc(workflowRuns.createdAt), desc(workflowRuns.id))
    .limit(Math.min(options.limit ?? 20, 200));
}

/** The latest run of each workflow (for the overview cards). */
export async function latestRunPerWorkflow(db: Executor, teamId: string) {
  const out: Partial<Record<WorkflowName, Awaited<ReturnType<typeof listRecentRuns>>[number]>> = {};
  for (const workflow of ["extract", "promote", "expire"] as const) {
    const [run] = await listRecentRuns(db, teamId, { workflow, limit: 1 });
    if (run) out[workflow] = run;
  }
  return out;
}

/** A run with its step timeline and the records it quarantined; null when not this team's. */
export async function getRunWithDetails(db: Executor, teamId: string, runId: string) {
  const [run] = await db
    .select()
    .from(workflowRuns)
    .where(and(eq(workflowRuns.teamId, teamId), eq(workflowRuns.id, runId)));
  if (!run) return null;
  const steps = await db
    .select()
    .from(workflowRunSteps)
    .where(and(eq(workflowRunSteps.teamId, teamId), eq(workflowRunSteps.runId, runId)))
    .orderBy(workflowRunSteps.startedAt, workflowRunSteps.id);
  const quarantined = await db
    .select()
    .from(quarantinedRecords)
    .where(and(eq(quarantinedRecords.teamId, teamId), eq(quarantinedRecords.runId, runId)))
    .orderBy(quarantinedRecords.id)
    .limit(500);
  return { run, steps, quarantined };
}

export async function listQuarantinedRecords(db: Executor, teamId: string, options: { limit?: number } = {}) {
  return db
    .select()
    .from(quarantinedRecords)
    .where(eq(quarantinedRecords.teamId, teamId))
    .orderBy(desc(quarantinedRecords.createdAt), desc(quarantinedRecords.id))
    .limit(Math.min(options.limit ?? 50, 500));
}

export type ActionsCursor = { createdAt: string; id: string };

/** Promotion history, newest first, keyset-paged by (createdAt, id). */
export async function listPromotionActions(
  db: Executor,
  teamId: string,
  options: { limit?: number; before?: ActionsCursor | null; email?: string } = {},
) {
  const limit = Math.min(options.limit ?? 50, 500);
  const before = options.before;
  const rows = await db
    .select()
    .from(promotionActions)
    .where(
      and(
        eq(promotionActions.teamId, teamId),
        options.email ? eq(promotionActions.customerEmail, options.email.toLowerCase()) : undefined,
        before
          ? or(
              lt(promotionActions.createdAt, new Date(before.createdAt)),
              and(eq(promotionActions.createdAt, new Date(before.createdAt)), lt(promotionActions.id, before.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(promotionActions.createdAt), desc(promotionActions.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    actions: page,
    nextCursor: rows.length > limit && last ? { createdAt: last.createdAt.toISOString(), id: last.id } : null,
  };
}

/** What promote would decide today (team time zone), with no write: the dashboard's preview. */
export async function previewPromotionDecisions(
  db: Executor,
  teamId: string,
  options: { at?: Date; limit?: number; afterEmail?: string | null } = {},
): Promise<{ today: string; decisions: PromotionDecision[]; nextCursor: string | null }> {
  const settings = await getTeamSettings(db, teamId);
  const today = calendarDate(options.at ?? new Date(), settings.timeZone);
  const { decisions, nextCursor } = await decidePage(
    { db: db as never, teamId, settings },
    { today, afterEmail: options.afterEmail ?? null, limit: Math.min(options.limit ?? 100, 1000) },
  );
  return { today, decisions, nextCursor };
}

/** Records on the team's promotion list purchased before a date (expire's dry run). */
export async function countExpiredRecords(db: Executor, teamId: string, purchasedBefore: string): Promise<number> {
  const rows = await queryRows<{ n: number | string }>(
    db,
    sql`select count(*) as n from stored_objects o
        join ${objectStores} s on s.id = o.store_id
        where s.team_id = ${teamId} and s.role = 'promotion_list' and o.team_id = ${teamId}
          and (o.data->>'Date Of Purchase') < ${purchasedBefore}`,
  );
  return Number(rows[0]?.n ?? 0);
}
