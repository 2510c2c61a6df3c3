import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Executor } from "@/db";
import { teamMembers, teams, workflowSettings, type MemberRole } from "@/db/schema";
import { logActivity } from "@/lib/activity";
import { createDefaultStores } from "@/lib/storage/defaults";
import { workflowSettingsSchema, type WorkflowSettingsInput } from "@/lib/workflows/settings";

export const teamSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, "A slug has at least 2 characters")
  .max(64)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Use lower-case letters, digits and single hyphens");

export const teamNameSchema = z.string().trim().min(2, "Name your business (at least 2 characters)").max(120, "Use at most 120 characters");

/** A readable, unique slug: the name's letters and digits plus a random suffix. */
export function slugFromName(name: string) {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "team";
  return `${base}-${randomUUID().slice(0, 6)}`;
}

/**
 * A new tenant with everything the workflows expect: the tutorial's stores and default settings.
 * Runs in the caller's transaction when given one.
 */
export async function createTeam(
  db: Executor,
  input: { slug: string; name: string; settings?: WorkflowSettingsInput; owner?: { userId: string; role?: MemberRole } },
) {
  const settings = workflowSettingsSchema.parse(input.settings ?? {});
  const [team] = await db
    .insert(teams)
    .values({ slug: teamSlugSchema.parse(input.slug), name: input.name.trim() })
    .returning();
  await db.insert(workflowSettings).values({ teamId: team.id, settings });
  await createDefaultStores(db, team.id, settings.retentionDays);
  if (input.owner) {
    await db.insert(teamMembers).values({ teamId: team.id, userId: input.owner.userId, role: input.owner.role ?? "owner" });
  }
  await logActivity(db, { teamId: team.id, userId: input.owner?.userId, action: "team.created", detail: { slug: team.slug } });
  return team;
}
