import Link from "next/link";
import type { WorkflowRun } from "@/db/schema";
import { formatDateTime } from "@/lib/format";
import type { RunMode } from "@/lib/workflows/runs";
import type { WorkflowSettings } from "@/lib/workflows/settings";
import { Badge } from "@/components/ui/card";
import { describeCron, workflowSummaries, workflowTitles, type WorkflowKey } from "./labels";
import { RunControls } from "./run-controls";
import { RunProgress } from "./run-progress";
import { RunsTable } from "./runs-table";
import { ScheduleToggle } from "./schedule-toggle";
import { WorkflowDiagram } from "./workflow-diagram";

export type WorkflowCardProps = {
  workflow: WorkflowKey;
  settings: WorkflowSettings;
  mode: RunMode;
  runs: WorkflowRun[];
  /** The next scheduled runs (or why there are none). */
  upcoming: { runs: Date[]; error?: string };
  canManage: boolean;
  fmt: { locale: string; timeZone: string };
};

/** One workflow: its steps, schedule, controls, live progress and recent runs. */
export function WorkflowCard({ workflow, settings, mode, runs, upcoming, canManage, fmt }: WorkflowCardProps) {
  const schedule = settings.schedules[workflow];
  const title = workflowTitles[workflow];
  const active = runs.find((r) => r.status === "queued" || r.status === "running") ?? null;
  const activeReal = runs.some((r) => (r.status === "queued" || r.status === "running") && !r.dryRun && r.mode === "in_process");
  const words = describeCron(schedule.cron);
  return (
    <section
      aria-labelledby={`wf-${workflow}-title`}
      data-testid={`workflow-card-${workflow}`}
      className="rounded-lg border border-slate-200 bg-white shadow-sm"
    >
      <header className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-100 px-4 py-3">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h2 id={`wf-${workflow}-title`} className="text-base font-semibold text-slate-900">
              {title}
            </h2>
            {!schedule.enabled ? (
              <Badge tone="slate">Manual only</Badge>
            ) : mode === "inngest" ? (
              <Badge tone="green">Scheduled</Badge>
            ) : (
              <Badge tone="amber">Schedule not firing</Badge>
            )}
          </div>
          <p className="text-sm text-slate-600">{workflowSummaries[workflow]}</p>
        </div>
        <RunControls workflow={workflow} running={activeReal} dryRun={workflow === "promote"} />
      </header>

      <div className="space-y-4 p-4">
        <WorkflowDiagram workflow={workflow} settings={settings} />

        <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
          <div className="space-y-2" data-testid={`schedule-${workflow}`}>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 className="text-sm font-semibold text-slate-800">Schedule</h3>
              <ScheduleToggle workflow={workflow} enabled={schedule.enabled} canManage={canManage} />
            </div>
            <p className="text-sm text-slate-700">
              {words ?? "Cron"} <code className="rounded bg-slate-100 px-1 text-xs">{schedule.cron}</code>{" "}
              <span className="text-slate-500">({settings.timeZone})</span>
            </p>
            {upcoming.error ? (
              <p role="alert" className="text-xs text-red-700">
                This schedule cannot be read: {upcoming.error}. Fix it in <Link href="/settings" className="underline">Settings</Link>.
              </p>
            ) : (
              <div>
                <p className="text-xs font-medium text-slate-500">
                  {!schedule.enabled
                    ? "Off. When turned on, the next runs would be:"
                    : mode === "in_process"
                      ? "Next runs (only with an Inngest server, see above):"
                      : "Next runs:"}
                </p>
                <ol className={`mt-1 space-y-0.5 text-sm tabular-nums ${schedule.enabled ? "text-slate-800" : "text-slate-400"}`} data-testid={`next-runs-${workflow}`}>
                  {upcoming.runs.map((d) => (
                    <li key={d.toISOString()}>
                      <time dateTime={d.toISOString()}>{formatDateTime(d, fmt)}</time>
                    </li>
                  ))}
                </ol>
              </div>
            )}
            <p className="text-xs text-slate-500">
              Cron and time zone are set in <Link href="/settings" className="underline">Settings</Link>. A team runs each workflow at
              most once a day; the run starts at the beginning of the hour that holds the cron time.
            </p>
          </div>

          <div className="min-w-0 space-y-2">
            <h3 className="text-sm font-semibold text-slate-800">Recent runs</h3>
            {active ? <RunProgress key={active.id} runId={active.id} workflow={workflow} locale={fmt.locale} testId={`run-progress-${workflow}`} /> : null}
            <RunsTable workflow={workflow} runs={runs} fmt={fmt} />
          </div>
        </div>
      </div>
    </section>
  );
}
