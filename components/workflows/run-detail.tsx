import Link from "next/link";
import { Badge, Card, EmptyState } from "@/components/ui/card";
import type { WorkflowRun, WorkflowRunStep } from "@/db/schema";
import { formatDateTime, formatNumber } from "@/lib/format";
import {
  durationBetween,
  explainError,
  formatDuration,
  groupCounts,
  isFinished,
  stepLabel,
  triggerLabels,
  workflowTitles,
} from "./labels";
import { RetryButton } from "./retry-button";
import { RunProgress } from "./run-progress";
import { RunStatusBadge } from "./runs-table";

type Fmt = { locale: string; timeZone: string };
type Quarantined = {
  id: number;
  runId?: string | null;
  source: string;
  externalId: string;
  reason: string;
  payload: Record<string, unknown>;
  createdAt: Date;
};

export function RunErrorPanel({ error }: { error: string }) {
  const { summary, hint, href } = explainError(error);
  return (
    <div role="alert" data-testid="run-error" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm">
      <h2 className="font-semibold text-red-800">What went wrong</h2>
      <p className="mt-1 text-red-800">{summary}</p>
      {hint ? (
        <p className="mt-1 text-red-700">
          {hint}
          {href ? (
            <>
              {" "}
              <Link href={href} className="font-medium underline">
                Open {href === "/connectors" ? "Connectors" : href}
              </Link>
            </>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}

function Meta({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm text-slate-800">{children}</dd>
    </div>
  );
}

function nonZero(counts: Record<string, number>) {
  return Object.entries(counts).filter(([, v]) => v !== 0);
}

/** Steps in order with a bar for each one's share of the longest step's time. */
function StepTimeline({ steps, fmt }: { steps: WorkflowRunStep[]; fmt: Fmt }) {
  if (steps.length === 0) return <p className="text-sm text-slate-500">No step has started yet.</p>;
  const durations = steps.map((s) => durationBetween(s.startedAt, s.finishedAt));
  const longest = Math.max(1, ...durations.map((d) => d ?? 0));
  return (
    <ol className="space-y-2" aria-label="Step timeline">
      {steps.map((step, i) => {
        const duration = durations[i];
        const counts = nonZero(step.counts);
        return (
          <li key={step.id} data-testid="run-step" data-step-id={step.stepId} data-status={step.status} className="rounded-md border border-slate-200 p-3">
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-xs tabular-nums text-slate-400">{i + 1}.</span>
              <span className="font-medium text-slate-900">{stepLabel(step.stepId)}</span>
              <RunStatusBadge status={step.status} />
              {step.attempts > 1 ? <Badge tone="amber">{step.attempts} attempts</Badge> : null}
              <span className="ml-auto text-xs tabular-nums text-slate-500">
                <time dateTime={step.startedAt.toISOString()}>{formatDateTime(step.startedAt, fmt)}</time> · {formatDuration(duration)}
              </span>
            </div>
            <div className="mt-2 h-1.5 rounded bg-slate-100" aria-hidden="true">
              <div
                className={`h-1.5 rounded ${step.status === "failed" ? "bg-red-400" : step.status === "running" ? "animate-pulse bg-brand-500" : "bg-brand-500"}`}
                style={{ width: `${Math.max(2, Math.round(((duration ?? longest) / longest) * 100))}%` }}
              />
            </div>
            {counts.length ? (
              <p className="mt-2 flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-slate-600">
                {counts.map(([k, v]) => (
                  <span key={k} className="whitespace-nowrap">
                    {k.replace(/_/g, " ")} <span className="font-semibold tabular-nums text-slate-900">{formatNumber(v, fmt.locale)}</span>
                  </span>
                ))}
              </p>
            ) : null}
            {step.error ? <p className="mt-2 text-xs text-red-700">{explainError(step.error).summary}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}

function Outcomes({ run, counts, fmt }: { run: WorkflowRun; counts: Record<string, number>; fmt: Fmt }) {
  const groups = groupCounts(run.workflow, counts);
  return (
    <div className="grid gap-4 sm:grid-cols-2" data-testid="run-counts">
      {groups.map((group) => (
        <div key={group.title}>
          <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{group.title}</h3>
          <dl className="mt-1 divide-y divide-slate-100 text-sm">
            {group.rows.map((row) => (
              <div key={row.key} className="flex justify-between gap-3 py-1" data-testid={`count-${row.key}`}>
                <dt className="text-slate-700">{row.label}</dt>
                <dd className="font-semibold tabular-nums text-slate-900">{formatNumber(row.value, fmt.locale)}</dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
    </div>
  );
}

/** Records that failed validation, with the reason and the raw data; `showRun` links each to its run. */
export function QuarantinedTable({ records, fmt, showRun = false }: { records: Quarantined[]; fmt: Fmt; showRun?: boolean }) {
  if (records.length === 0) {
    return <p className="text-sm text-slate-500">{showRun ? "No record has failed validation." : "No record of this run failed validation."}</p>;
  }
  return (
    <div className="relative -mx-4 overflow-x-auto px-4">
      <table className="min-w-full text-sm" data-testid="quarantined-records">
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-3">Record</th>
            <th scope="col" className="py-2 pr-3">Reason</th>
            <th scope="col" className="hidden py-2 pr-3 sm:table-cell">When</th>
            <th scope="col" className="py-2">Data</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {records.map((q) => (
            <tr key={q.id} data-testid="quarantined-record">
              <td className="whitespace-nowrap py-2 pr-3 font-mono text-xs">
                {showRun && q.runId ? (
                  <Link href={`/workflows/runs/${q.runId}`} className="text-brand-600 hover:underline" title="Open the run that quarantined it">
                    {q.source} {q.externalId}
                  </Link>
                ) : (
                  <>
                    {q.source} {q.externalId}
                  </>
                )}
              </td>
              <td className="min-w-40 py-2 pr-3 text-slate-800">{q.reason}</td>
              <td className="hidden whitespace-nowrap py-2 pr-3 text-slate-600 sm:table-cell">{formatDateTime(q.createdAt, fmt)}</td>
              <td className="py-2">
                <details>
                  <summary className="cursor-pointer text-xs text-brand-600">Show</summary>
                  <pre className="mt-1 max-w-md overflow-x-auto rounded bg-slate-50 p-2 text-[11px] text-slate-700">{JSON.stringify(q.payload, null, 2)}</pre>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A run: what it was, how it ended, its counts per outcome, its steps and what it quarantined. */
export function RunDetail({
  run,
  steps,
  quarantined,
  counts,
  fmt,
}: {
  run: WorkflowRun;
  steps: WorkflowRunStep[];
  quarantined: Quarantined[];
  /** The run's counts; for an unfinished run, what its finished steps did so far. */
  counts: Record<string, number>;
  fmt: Fmt;
}) {
  const finished = isFinished(run.status);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-2">
        <RunStatusBadge status={run.status} testId="run-status" />
        {run.dryRun ? <Badge tone="amber">Dry run: nothing was written</Badge> : null}
        <Badge tone={run.mode === "inngest" ? "green" : "slate"}>{run.mode === "inngest" ? "Inngest" : "In-process"}</Badge>
      </div>

      {!finished ? <RunProgress runId={run.id} workflow={run.workflow} locale={fmt.locale} refreshOnStep testId="run-progress" /> : null}
      {run.status === "failed" && run.error ? (
        <div className="space-y-3">
          <RunErrorPanel error={run.error} />
          <RetryButton runId={run.id} />
        </div>
      ) : null}

      <Card title="Run">
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4">
          <Meta label="Workflow">{workflowTitles[run.workflow]}</Meta>
          <Meta label="Trigger">{triggerLabels[run.trigger] ?? run.trigger}</Meta>
          <Meta label="Clock">
            <time dateTime={run.at.toISOString()}>{formatDateTime(run.at, fmt)}</time>
          </Meta>
          {run.since ? (
            <Meta label="Orders modified since">
              <time dateTime={run.since.toISOString()}>{formatDateTime(run.since, fmt)}</time>
            </Meta>
          ) : null}
          <Meta label="Started">{formatDateTime(run.startedAt, fmt)}</Meta>
          <Meta label="Finished">{formatDateTime(run.finishedAt, fmt)}</Meta>
          <Meta label="Duration">{formatDuration(durationBetween(run.startedAt, run.finishedAt))}</Meta>
          {run.retryOf ? (
            <Meta label="Retry of">
              <Link href={`/workflows/runs/${run.retryOf}`} className="text-brand-600 hover:underline">
                the failed run
              </Link>
            </Meta>
          ) : null}
        </dl>
      </Card>

      <Card title={finished ? "Counts per outcome" : "Counts so far"}>
        <Outcomes run={run} counts={counts} fmt={fmt} />
      </Card>

      <Card title={`Steps (${steps.length})`}>
        <StepTimeline steps={steps} fmt={fmt} />
      </Card>

      <Card title={`Quarantined records (${quarantined.length})`}>
        {run.workflow === "extract" ? (
          <>
            <p className="mb-3 text-xs text-slate-500">
              Orders whose data could not be used are kept here with the reason, never silently dropped. A record quarantined again by a
              later run moves to that run.
            </p>
            <QuarantinedTable records={quarantined} fmt={fmt} />
          </>
        ) : (
          <EmptyState title="Nothing to quarantine">Only Extract reads vendor records that can fail validation.</EmptyState>
        )}
      </Card>
    </div>
  );
}
