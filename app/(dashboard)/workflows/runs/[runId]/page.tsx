// data-testid: run-status (data-status), run-progress (data-status, while unfinished), run-error, retry-run, run-counts, count-{key}, run-step (data-step-id, data-status), quarantined-records, quarantined-record
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/card";
import { workflowTitles } from "@/components/workflows/labels";
import { RunDetail } from "@/components/workflows/run-detail";
import { requireTeam } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { getRunWithDetails, liveCounts } from "@/lib/workflows/queries";
import { getTeamSettings } from "@/lib/workflows/team-settings";

export const metadata: Metadata = { title: "Workflow run" };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function WorkflowRunPage({ params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params;
  if (!uuid.test(runId)) notFound();
  const { db, team } = await requireTeam();
  const [details, settings] = await Promise.all([getRunWithDetails(db, team.id, runId), getTeamSettings(db, team.id)]);
  // Another team's run is indistinguishable from no run.
  if (!details) notFound();
  const { run, steps, quarantined } = details;
  const fmt = { locale: team.locale, timeZone: settings.timeZone };
  const finished = run.status === "succeeded" || run.status === "failed";
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/workflows" className="text-brand-600 hover:underline">
          ← Workflows
        </Link>
      </p>
      <PageHeader
        title={`${workflowTitles[run.workflow]} run${run.dryRun ? " (dry run)" : ""}`}
        description={`Requested ${formatDateTime(run.createdAt, fmt)}. Times are in ${settings.timeZone}.`}
      />
      <RunDetail run={run} steps={steps} quarantined={quarantined} counts={finished ? run.counts : liveCounts(steps)} fmt={fmt} />
    </>
  );
}
