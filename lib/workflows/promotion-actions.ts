import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { promotionActions, type PromotionAction, type PromotionActionKind } from "@/db/schema";
import { queryRows } from "@/lib/storage/sql";

/**
 * Exactly-once promotions: an intent row (status pending) is written before the vendor call and
 * completed after it. The row is unique per team, customer, action and period, so a retried step
 * finds it: `done` means skip, `pending` means the previous attempt may or may not have reached
 * the vendor (resolve it before sending again), `failed` may be tried again.
 */
export type Claim =
  | { state: "claimed"; action: PromotionAction }
  | { state: "resume"; action: PromotionAction }
  | { state: "done"; action: PromotionAction }
  | { state: "within_window"; period: string };

export async function claimPromotion(
  db: Executor,
  input: {
    teamId: string;
    email: string;
    action: PromotionActionKind;
    period: string;
    /** Earliest period that counts as "already done" (HubSpot tasks: the retention window). */
    windowStart: string;
    rule: string;
    reason: string;
    runId: string;
  },
): Promise<Claim> {
  const inserted = await queryRows<{ id: string }>(
    db,
    sql`insert into promotion_actions (team_id, customer_email, action, period, rule, reason, run_id)
        select ${input.teamId}, ${input.email}, ${input.action}, ${input.period}, ${input.rule}, ${input.reason}, ${input.runId}
        where not exists (
          select 1 from promotion_actions p
          where p.team_id = ${input.teamId} and p.customer_email = ${input.email} and p.action = ${input.action}
            and p.period >= ${input.windowStart} and p.period < ${input.period} and p.status <> 'failed')
        on conflict (team_id, customer_email, action, period) do nothing
        returning id`,
  );
  if (inserted.length > 0) {
    const [action] = await db.select().from(promotionActions).where(eq(promotionActions.id, inserted[0].id));
    return { state: "claimed", action };
  }
  const [existing] = await db
    .select()
    .from(promotionActions)
    .where(
      and(
        eq(promotionActions.teamId, input.teamId),
        eq(promotionActions.customerEmail, input.email),
        eq(promotionActions.action, input.action),
        eq(promotionActions.period, input.period),
      ),
    );
  if (!existing) {
    const [earlier] = await queryRows<{ period: string }>(
      db,
      sql`select period from promotion_actions
          where team_id = ${input.teamId} and customer_email = ${input.email} and action = ${input.action}
            and period >= ${input.windowStart} and period < ${input.period} and status <> 'failed'
          order by period desc limit 1`,
    );
    return { state: "within_window", period: earlier?.period ?? input.windowStart };
  }
  if (existing.status === "done") return { state: "done", action: existing };
  await db
    .update(promotionActions)
    .set({ runId: input.runId, rule: input.rule, reason: input.reason })
    .where(eq(promotionActions.id, existing.id));
  return { state: "resume", action: existing };
}

export async function completePromotion(db: Executor, id: string, externalIds: Record<string, string>) {
  await db
    .update(promotionActions)
    .set({ status: "done", externalIds, error: null, completedAt: new Date() })
    .where(eq(promotionActions.id, id));
}

export async function failPromotion(db: Executor, id: string, error: string) {
  await db
    .update(promotionActions)
    .set({ status: "failed", error: error.slice(0, 2000), completedAt: new Date() })
    .where(eq(promotionActions.id, id));
}

/** The marker written into a HubSpot task body so a retry can find the task it already created. */
// One alphanumeric word, so CONTAINS_TOKEN finds it whatever the search splits words on.
export const taskMarker = (actionId: string) => `promoref${actionId.replace(/-/g, "")}`;
