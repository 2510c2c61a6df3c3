"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signOut } from "@/lib/auth/config";
import { changedSettingKeys, settingsFormSchema, settingsToFormValues } from "@/components/settings/settings-form-schema";
import { logActivity } from "@/lib/activity";
import { teamAction, type ActionState } from "@/lib/auth/action";
import { appOrigin } from "@/lib/auth/app-origin";
import { isMember, setActiveTeam } from "@/lib/auth/session";
import { createTeam, slugFromName, teamNameSchema } from "@/lib/teams/create-team";
import { AlreadyMemberError, createInvitation, invitePath, inviteSchema, revokeInvitation } from "@/lib/teams/invitations";
import { changeMemberRole, changeRoleSchema, listTeamsOfUser, MemberError, removeMember } from "@/lib/teams/members";
import { getTeamSettings, updateTeamSettings } from "@/lib/workflows/team-settings";

export const saveSettingsAction = teamAction(
  settingsFormSchema,
  async (patch, { db, team, user }) => {
    const result = await db.transaction(async (tx) => {
      const before = await getTeamSettings(tx, team.id);
      // The patch holds the fields the form shows; anything else keeps its saved value.
      const saved = await updateTeamSettings(tx, team.id, patch);
      if (!saved.ok) return saved;
      const changed = changedSettingKeys(before, saved.settings);
      // Keys only: settings hold no secrets today, and the log should not start carrying values later.
      if (changed.length) await logActivity(tx, { teamId: team.id, userId: user.id, action: "settings.updated", detail: { changed } });
      return { ...saved, changed };
    });
    if (!result.ok) {
      const fieldErrors: Record<string, string[]> = {};
      for (const error of result.errors) (fieldErrors[error.path] ??= []).push(error.message);
      return { error: "Please correct the highlighted fields.", fieldErrors };
    }
    revalidatePath("/settings");
    revalidatePath("/activity");
    const message = result.changed.length
      ? `Saved ${result.changed.length === 1 ? "1 change" : `${result.changed.length} changes`}.`
      : "Nothing changed.";
    return { ok: true, message, values: settingsToFormValues(result.settings) };
  },
  { minRole: "admin" },
);

/** On success `values.inviteLink` carries the link, shown once; only its hash is stored. */
export const inviteMemberAction = teamAction(
  inviteSchema,
  async ({ email, role }, { db, team, user }): Promise<ActionState> => {
    try {
      const { token } = await db.transaction((tx) => createInvitation(tx, { teamId: team.id, invitedBy: user.id, email, role }));
      revalidatePath("/settings/members");
      return {
        ok: true,
        message: `Invitation for ${email} (${role}) created. Copy the link now: it is shown only once and works for 7 days.`,
        values: { inviteLink: `${await appOrigin()}${invitePath(token)}`, email: "", role },
      };
    } catch (error) {
      if (error instanceof AlreadyMemberError) return { error: error.message, fieldErrors: { email: [error.message] }, values: { email, role } };
      throw error;
    }
  },
  { minRole: "admin" },
);

export const revokeInvitationAction = teamAction(
  z.object({ invitationId: z.string() }),
  async ({ invitationId }, { db, team, user }) => {
    const revoked = await revokeInvitation(db, { teamId: team.id, userId: user.id, invitationId });
    if (!revoked) return { error: "No such pending invitation (already used or withdrawn?)." };
    revalidatePath("/settings/members");
    return { ok: true, message: `Invitation for ${revoked.email} withdrawn.` };
  },
  { minRole: "admin" },
);

export const removeMemberAction = teamAction(
  z.object({ userId: z.string() }),
  async ({ userId }, { db, team, user, role }) => {
    try {
      const removed = await removeMember(db, { teamId: team.id, actor: { userId: user.id, role }, userId });
      if (removed.userId === user.id) {
        // Someone who left this team but belongs to another carries on there.
        if ((await listTeamsOfUser(db, user.id)).length > 0) redirect("/overview");
        await signOut({ redirectTo: "/sign-in" });
      }
      revalidatePath("/settings/members");
      return { ok: true, message: `${removed.email} was removed from the team.` };
    } catch (error) {
      if (error instanceof MemberError) return { error: error.message };
      throw error;
    }
  },
  { minRole: "admin" },
);

export const changeRoleAction = teamAction(
  changeRoleSchema,
  async (input, { db, team, user, role }) => {
    try {
      const result = await changeMemberRole(db, { teamId: team.id, actor: { userId: user.id, role }, ...input });
      revalidatePath("/settings/members");
      return { ok: true, message: result.changed ? `Role changed from ${result.from} to ${result.to}.` : "Role unchanged." };
    } catch (error) {
      if (error instanceof MemberError) return { error: error.message };
      throw error;
    }
  },
  { minRole: "owner" },
);

/** Shows another of the user's teams; membership is checked here and again on every request. */
export const switchTeamAction = teamAction(z.object({ teamId: z.string() }), async ({ teamId }, { db, user }) => {
  if (!z.uuid().safeParse(teamId).success || !(await isMember(db, teamId, user.id))) return { error: "You are not a member of that team." };
  await setActiveTeam(teamId);
  redirect("/overview");
});

/** A further team (another shop, say) owned by the user, set up like a new sign-up's, then shown. */
export const createTeamAction = teamAction(z.object({ teamName: teamNameSchema }), async ({ teamName }, { db, user }) => {
  const created = await db.transaction((tx) => createTeam(tx, { slug: slugFromName(teamName), name: teamName, owner: { userId: user.id } }));
  await setActiveTeam(created.id);
  redirect("/overview");
});
