import Link from "next/link";
import { Badge } from "@/components/ui/card";
import type { WorkflowRun } from "@/db/schema";
import { formatDateTime, formatNumber } from "@/lib/format";
import { durationBetween, explainError, formatDuration, keyCounts, statusLabels, statusTones, triggerLabels, type WorkflowKey } from "./labels";

type Fmt = { locale: string; timeZone: string };

export function RunStatusBadge({ status, testId }: { status: WorkflowRun["status"]; testId?: string }) {
  return (
    <span data-testid={testId} data-status={status}>
      <Badge tone={statusTones[status]}>{statusLabels[status]}</Badge>
    </span>
  );
}

/** A workflow's recent runs: status, when, trigger, duration and the counts that matter. */
export function RunsTable({ workflow, runs, fmt }: { workflow: WorkflowKey; runs: WorkflowRun[]; fmt: Fmt }) {
  if (runs.length === 0) {
    return (
      <p className="text-sm text-slate-500" data-testid={`recent-runs-${workflow}`}>
        No runs yet.
      </p>
    );
  }
  return (
    <div className="relative -mx-4 overflow-x-auto px-4">
      <table className="w-full text-sm" data-testid={`recent-runs-${workflow}`}>
        <caption className="sr-only">Recent runs of {workflow}</caption>
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-3">Status</th>
            <th scope="col" className="py-2 pr-3">Started</th>
            <th scope="col" className="hidden py-2 pr-3 sm:table-cell">Trigger</th>
            <th scope="col" className="py-2 pr-3 text-right">Duration</th>
            <th scope="col" className="py-2 pr-3">Counts</th>
            <th scope="col" className="py-2"><span className="sr-only">Details</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {runs.map((run) => (
            <tr key={run.id} data-testid="run-row" data-run-id={run.id} data-status={run.status}>
              <td className="py-2 pr-3">
                <span className="flex flex-wrap gap-1">
                  <RunStatusBadge status={run.status} />
                  {run.dryRun ? <Badge tone="amber">Dry run</Badge> : null}
                </span>
              </td>
              <td className="whitespace-nowrap py-2 pr-3 text-slate-600">{formatDateTime(run.startedAt ?? run.createdAt, fmt)}</td>
              <td className="hidden whitespace-nowrap py-2 pr-3 text-slate-600 sm:table-cell">{triggerLabels[run.trigger] ?? run.trigger}</td>
              <td className="whitespace-nowrap py-2 pr-3 text-right tabular-nums text-slate-600">
                {formatDuration(durationBetween(run.startedAt, run.finishedAt))}
              </td>
              <td className="py-2 pr-3 text-xs text-slate-600">
                {run.status === "failed" && run.error ? (
                  <span className="line-clamp-2 text-red-700" title={run.error}>{explainError(run.error).summary}</span>
                ) : run.status === "succeeded" ? (
                  <span className="flex flex-wrap gap-x-3">
                    {keyCounts(workflow, run.counts, run.dryRun).map((c) => (
                      <span key={c.label} className="whitespace-nowrap">
                        <span className="font-semibold tabular-nums text-slate-900">{formatNumber(c.value, fmt.locale)}</span> {c.label}
                      </span>
                    ))}
                  </span>
                ) : (
                  "—"
                )}
              </td>
              <td className="whitespace-nowrap py-2 text-right">
                <Link href={`/workflows/runs/${run.id}`} className="font-medium text-brand-600 hover:underline" data-testid="run-link">
                  Details<span className="sr-only"> of the run started {formatDateTime(run.createdAt, fmt)}</span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
