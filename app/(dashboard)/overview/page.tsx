import type { Metadata } from "next";
import type { OverviewFormat } from "@/components/overview/format";
import { count, currencyOf, day } from "@/components/overview/format";
import {
  ConnectorHealth,
  DailyCard,
  FrequencyCard,
  HeadlineStats,
  LastRuns,
  NextStep,
  SegmentTiles,
  SpendCard,
} from "@/components/overview/sections";
import { PageHeader } from "@/components/ui/card";
import { requireTeam } from "@/lib/auth/session";
import { listConnections } from "@/lib/connectors/connections";
import { getOverviewAnalytics } from "@/lib/queries/analytics";
import { latestRunPerWorkflow } from "@/lib/workflows/queries";
import { getTeamSettings } from "@/lib/workflows/team-settings";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const { db, team } = await requireTeam();
  const [settings, analytics, connections, runs] = await Promise.all([
    getTeamSettings(db, team.id),
    getOverviewAnalytics(db, team.id),
    listConnections(db, team.id),
    latestRunPerWorkflow(db, team.id),
  ]);
  const f: OverviewFormat = { locale: team.locale, timeZone: settings.timeZone, currency: currencyOf(settings, team.currency) };
  return (
    <>
      <PageHeader
        title="Overview"
        description={`The promotion list over the last ${analytics.retentionDays} days (${day(analytics.from, f)} – ${day(analytics.today, f)}, ${settings.timeZone}).`}
      />
      <div className="space-y-6">
        <NextStep connections={connections} runs={runs} a={analytics} f={f} storeLocation={settings.storeLocation} />
        <HeadlineStats a={analytics} f={f} />
        {analytics.recordsBeforeWindow > 0 ? (
          <p className="text-sm text-slate-600" data-testid="records-before-window">
            {count(analytics.recordsBeforeWindow, f)} records on the list are older than the window; the next Expire run removes them.
          </p>
        ) : null}
        <SegmentTiles a={analytics} f={f} settings={settings} />
        <div className="grid gap-6 lg:grid-cols-2">
          <DailyCard a={analytics} f={f} />
          <SpendCard a={analytics} f={f} />
          <FrequencyCard a={analytics} f={f} />
          <ConnectorHealth connections={connections} f={f} />
          <LastRuns runs={runs} f={f} />
        </div>
      </div>
    </>
  );
}
