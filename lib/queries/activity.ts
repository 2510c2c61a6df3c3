import { and, desc, eq, like, lt, type SQL } from "drizzle-orm";
import type { Executor } from "@/db";
import { activityLog, users } from "@/db/schema";

/** A team's audit trail, newest first, keyset-paged by id, optionally filtered by action prefix. */
export async function listActivity(db: Executor, teamId: string, opts: { action?: string; beforeId?: number; limit?: number } = {}) {
  const conditions: SQL[] = [eq(activityLog.teamId, teamId)];
  if (opts.beforeId) conditions.push(lt(activityLog.id, opts.beforeId));
  if (opts.action) conditions.push(like(activityLog.action, `${opts.action.replace(/[%_\\]/g, "")}%`));
  return db
    .select({
      id: activityLog.id,
      action: activityLog.action,
      detail: activityLog.detail,
      createdAt: activityLog.createdAt,
      userEmail: users.email,
    })
    .from(activityLog)
    .leftJoin(users, eq(users.id, activityLog.userId))
    .where(and(...conditions))
    .orderBy(desc(activityLog.id))
    .limit(opts.limit ?? 50);
}
