// data-testid: workflow-mode (data-mode), workflow-card-{extract|promote|expire}, workflow-diagram-{wf}, schedule-{wf}, schedule-toggle-{wf}, next-runs-{wf}, run-now-{wf}, dry-run-promote, run-progress-{wf} (data-status), recent-runs-{wf}, run-row (data-status, data-run-id), run-link, quarantined-records, quarantined-record
import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui/card";
import { ModeBanner } from "@/components/workflows/mode-banner";
import { QuarantinedTable } from "@/components/workflows/run-detail";
import { WorkflowCard } from "@/components/workflows/workflow-card";
import { workflowNames } from "@/db/schema";
import { requireTeam } from "@/lib/auth/session";
import { listQuarantinedRecords, listRecentRunsByWorkflow } from "@/lib/workflows/queries";
import { upcomingScheduledRuns } from "@/lib/workflows/schedule";
import { failStaleRuns, workflowMode } from "@/lib/workflows/start-run";
import { getTeamSettings } from "@/lib/workflows/team-settings";

export const metadata: Metadata = { title: "Workflows" };

export default async function WorkflowsPage() {
  const { db, team, role } = await requireTeam();
  // Runs lost with a restarted server are shown as failed rather than running forever.
  await failStaleRuns(db, team.id);
  const [settings, runs, quarantined] = await Promise.all([
    getTeamSettings(db, team.id),
    listRecentRunsByWorkflow(db, team.id, 5),
    listQuarantinedRecords(db, team.id, { limit: 10 }),
  ]);
  const mode = workflowMode();
  const now = new Date();
  const fmt = { locale: team.locale, timeZone: settings.timeZone };
  return (
    <>
      <PageHeader
        title="Workflows"
        description="Extract pulls new NetSuite orders into the Dynamic Promotion List, Promote acts on each customer, Expire keeps the list to the retention window."
      />
      <div className="space-y-6">
        <ModeBanner mode={mode} />
        {workflowNames.map((workflow) => (
          <WorkflowCard
            key={workflow}
            workflow={workflow}
            settings={settings}
            mode={mode}
            runs={runs[workflow]}
            upcoming={upcomingScheduledRuns(settings.schedules[workflow].cron, settings.timeZone, now, 3)}
            canManage={role !== "member"}
            fmt={fmt}
          />
        ))}
        <Card title="Recently quarantined records">
          <p className="mb-3 text-xs text-slate-500">
            NetSuite orders Extract could not use (no email, unknown customer, bad amount or date), newest first. Each record links to the run that quarantined it.
          </p>
          <QuarantinedTable records={quarantined} fmt={fmt} showRun />
        </Card>
      </div>
    </>
  );
}
