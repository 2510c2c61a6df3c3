import type { Executor } from "@/db";
import { activityLog } from "@/db/schema";

/** Audit trail entry for a mutation. `detail` must never carry secrets (tokens, keys, passwords). */
export async function logActivity(
  db: Executor,
  entry: { teamId: string; userId?: string | null; action: string; detail?: Record<string, unknown> },
) {
  await db.insert(activityLog).values({
    teamId: entry.teamId,
    userId: entry.userId ?? null,
    action: entry.action,
    detail: entry.detail ?? {},
  });
}
