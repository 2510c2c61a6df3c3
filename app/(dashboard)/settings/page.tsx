import type { Metadata } from "next";
import { nextScheduledRuns } from "@/components/settings/next-runs";
import { SettingsForm } from "@/components/settings/settings-form";
import { settingsToFormValues } from "@/components/settings/settings-form-schema";
import { Card } from "@/components/ui/card";
import { requireTeam } from "@/lib/auth/session";
import { getTeamSettings } from "@/lib/workflows/team-settings";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const { db, team, role } = await requireTeam();
  const settings = await getTeamSettings(db, team.id);
  return (
    <Card title="Workflow settings">
      <SettingsForm
        saved={settingsToFormValues(settings)}
        canEdit={role !== "member"}
        timeZones={Intl.supportedValuesOf("timeZone")}
        nextRuns={nextScheduledRuns(settings, team.locale)}
        currency={team.currency}
      />
    </Card>
  );
}
