"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Badge } from "@/components/ui/card";
import type { RunProgressJson } from "@/lib/workflows/queries";
import { formatDuration, isFinished, keyCounts, statusLabels, statusTones, stepLabel, type WorkflowKey } from "./labels";

const POLL_MS = 1000;
/** An Inngest run still queued after this long probably has no Inngest server to pick it up. */
const INNGEST_WAIT_HINT_MS = 20_000;

/**
 * Live progress of an unfinished run: polls GET /api/runs/:id about once a second and shows the
 * status, the step under way and the counts so far. When the run finishes it refreshes the page
 * (the server view then shows the finished run); with `refreshOnStep` it also refreshes whenever
 * a step finishes, so a server-rendered timeline beside it stays current.
 */
export function RunProgress({
  runId,
  workflow,
  locale,
  refreshOnStep = false,
  testId = "run-progress",
}: {
  runId: string;
  workflow: WorkflowKey;
  locale: string;
  refreshOnStep?: boolean;
  testId?: string;
}) {
  const router = useRouter();
  const [data, setData] = useState<RunProgressJson | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [waitingForInngest, setWaitingForInngest] = useState(false);
  const finishedSteps = useRef(-1);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    // A run nobody picks up is polled less often.
    let waiting = false;
    const poll = async () => {
      try {
        const response = await fetch(`/api/runs/${runId}`, { cache: "no-store", headers: { accept: "application/json" } });
        if (stopped) return;
        if (response.status === 401 || response.status === 404) {
          setProblem(response.status === 401 ? "Your session has ended. Sign in again to follow this run." : "This run was not found.");
          return;
        }
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const json = (await response.json()) as RunProgressJson;
        if (stopped) return;
        failures = 0;
        setProblem(null);
        setData(json);
        waiting = json.mode === "inngest" && json.status === "queued" && Date.now() - new Date(json.createdAt).getTime() > INNGEST_WAIT_HINT_MS;
        setWaitingForInngest(waiting);
        const done = json.steps.filter((s) => s.status !== "running").length;
        if (isFinished(json.status)) {
          router.refresh();
          return;
        }
        if (refreshOnStep && finishedSteps.current >= 0 && done !== finishedSteps.current) router.refresh();
        finishedSteps.current = done;
      } catch {
        if (stopped) return;
        failures += 1;
        if (failures >= 3) setProblem("Lost contact with the server; still trying…");
      }
      // Back off gently while the server does not answer.
      timer = setTimeout(poll, POLL_MS * (waiting ? 5 : Math.min(1 + failures, 5)));
    };
    void poll();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [runId, refreshOnStep, router]);

  const status = data?.status ?? "queued";
  const current = [...(data?.steps ?? [])].reverse().find((s) => s.status === "running") ?? null;
  const done = data?.steps.filter((s) => s.status === "succeeded").length ?? 0;
  const numbers = keyCounts(workflow, data?.counts ?? {}, data?.dryRun ?? false);
  const nf = new Intl.NumberFormat(locale);

  return (
    <div
      className="rounded-md border border-brand-100 bg-brand-50 p-3 text-sm"
      role="status"
      aria-live="polite"
      data-testid={testId}
      data-run-id={runId}
      data-status={status}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="inline-block h-2 w-2 animate-pulse rounded-full bg-brand-600" aria-hidden="true" />
        <Badge tone={statusTones[status]}>{statusLabels[status]}</Badge>
        {data?.dryRun ? <Badge tone="amber">Dry run</Badge> : null}
        <span className="text-slate-700">
          {current ? stepLabel(current.id) : status === "queued" ? "Waiting to start" : done > 0 ? "Between steps" : "Starting"}
        </span>
        <span className="ml-auto tabular-nums text-xs text-slate-500">
          {done} step{done === 1 ? "" : "s"} done{data?.durationMs != null ? ` · ${formatDuration(data.durationMs)}` : ""}
        </span>
      </div>
      <dl className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
        {numbers.map((n) => (
          <div key={n.label} className="flex gap-1">
            <dt>{n.label}</dt>
            <dd className="font-semibold tabular-nums text-slate-900">{nf.format(n.value)}</dd>
          </div>
        ))}
      </dl>
      {waitingForInngest ? (
        <p className="mt-2 text-xs text-amber-800">
          Still waiting for Inngest to pick this run up. Is the Inngest dev server running (<code>npx inngest-cli@latest dev</code>)?
        </p>
      ) : null}
      {problem ? <p className="mt-2 text-xs text-red-700">{problem}</p> : null}
    </div>
  );
}
