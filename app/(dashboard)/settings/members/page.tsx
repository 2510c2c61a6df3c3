import type { Metadata } from "next";
import { InviteForm } from "@/components/settings/invite-form";
import { MembersTable } from "@/components/settings/members-table";
import { PendingInvitations } from "@/components/settings/pending-invitations";
import { Card } from "@/components/ui/card";
import { requireTeam } from "@/lib/auth/session";
import { listPendingInvitations } from "@/lib/teams/invitations";
import { listMembers } from "@/lib/teams/members";
import { getTeamSettings } from "@/lib/workflows/team-settings";

export const metadata: Metadata = { title: "Team members" };

export default async function MembersPage() {
  const { db, team, user, role } = await requireTeam();
  const [members, invitations, settings] = await Promise.all([
    listMembers(db, team.id),
    listPendingInvitations(db, team.id),
    getTeamSettings(db, team.id),
  ]);
  const format = { locale: team.locale, timeZone: settings.timeZone };
  const canManage = role !== "member";
  return (
    <div className="space-y-6">
      <Card title={`Members of ${team.name}`}>
        <MembersTable members={members} viewer={{ userId: user.id, role }} format={format} />
        <p className="mt-3 text-xs text-slate-500">
          Owners change roles; admins and owners invite and remove people and change the workflow settings.
        </p>
      </Card>
      {canManage ? (
        <Card title="Invite someone">
          <InviteForm />
        </Card>
      ) : null}
      <Card title="Pending invitations">
        <PendingInvitations invitations={invitations} canManage={canManage} format={format} />
      </Card>
    </div>
  );
}
