import { eq } from "drizzle-orm";
import type { Executor } from "@/db";
import { workflowSettings } from "@/db/schema";
import {
  deepMerge,
  parseWorkflowSettings,
  workflowSettingsSchema,
  type SettingsFieldError,
  type WorkflowSettings,
} from "@/lib/workflows/settings";

/** A team's settings with defaults filled in (stored JSON written by an older version is upgraded on read). */
export async function getTeamSettings(db: Executor, teamId: string): Promise<WorkflowSettings> {
  const [row] = await db.select().from(workflowSettings).where(eq(workflowSettings.teamId, teamId));
  return workflowSettingsSchema.parse(row?.settings ?? {});
}

/**
 * Deep-merges a partial change into the team's settings and saves it when the result is valid.
 * Invalid input changes nothing and returns every field error.
 */
export async function updateTeamSettings(
  db: Executor,
  teamId: string,
  patch: unknown,
): Promise<{ ok: true; settings: WorkflowSettings } | { ok: false; errors: SettingsFieldError[] }> {
  if (typeof patch !== "object" || patch === null || Array.isArray(patch)) {
    return { ok: false, errors: [{ path: "(root)", message: "Settings must be a JSON object" }] };
  }
  const current = await getTeamSettings(db, teamId);
  const parsed = parseWorkflowSettings(deepMerge(current, patch));
  if (!parsed.success) return { ok: false, errors: parsed.errors };
  await db
    .insert(workflowSettings)
    .values({ teamId, settings: parsed.settings })
    .onConflictDoUpdate({ target: workflowSettings.teamId, set: { settings: parsed.settings, updatedAt: new Date() } });
  return { ok: true, settings: parsed.settings };
}
