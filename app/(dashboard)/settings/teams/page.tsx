import type { Metadata } from "next";
import { CreateTeamForm } from "@/components/settings/create-team-form";
import { SwitchTeamButton } from "@/components/shell/team-switcher";
import { Badge, Card } from "@/components/ui/card";
import { requireTeam } from "@/lib/auth/session";
import { listTeamsOfUser, roleLabels } from "@/lib/teams/members";

export const metadata: Metadata = { title: "Your teams" };

export default async function TeamsPage() {
  const { db, team: current, user } = await requireTeam();
  const teams = await listTeamsOfUser(db, user.id);
  return (
    <div className="space-y-6">
      <Card title="Your teams">
        <ul className="divide-y divide-slate-100 text-sm">
          {teams.map((team) => (
            <li key={team.id} data-testid="team-row" data-team-id={team.id} className="flex items-center justify-between gap-3 py-3">
              <div className="min-w-0">
                <p className="truncate font-medium text-slate-900">{team.name}</p>
                <p className="text-xs text-slate-500">{roleLabels[team.role]}</p>
              </div>
              {team.id === current.id ? <Badge tone="blue">Current</Badge> : <SwitchTeamButton team={team} />}
            </li>
          ))}
        </ul>
        <p className="mt-3 text-xs text-slate-500">
          Each team is a separate business: its own connections, lists, workflows and members. Accept an invitation to join another one.
        </p>
      </Card>
      <Card title="Create another team">
        <CreateTeamForm />
      </Card>
    </div>
  );
}
