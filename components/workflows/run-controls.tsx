"use client";

import { useActionState } from "react";
import { runWorkflowAction } from "@/app/(dashboard)/workflows/actions";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import { workflowTitles, type WorkflowKey } from "./labels";

/** Run now (and a dry run, which decides but writes nothing) for one workflow. */
export function RunControls({ workflow, running, dryRun = false }: { workflow: WorkflowKey; running: boolean; dryRun?: boolean }) {
  const [runState, runAction, starting] = useActionState(runWorkflowAction, {});
  const [dryState, dryAction, startingDry] = useActionState(runWorkflowAction, {});
  const title = workflowTitles[workflow];
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <form action={runAction}>
          <input type="hidden" name="workflow" value={workflow} />
          <Button
            type="submit"
            disabled={starting || running}
            data-testid={`run-now-${workflow}`}
            title={running ? `${title} is running` : undefined}
          >
            {starting ? "Starting…" : running ? "Running…" : "Run now"}
            <span className="sr-only">: {title}</span>
          </Button>
        </form>
        {dryRun ? (
          <form action={dryAction}>
            <input type="hidden" name="workflow" value={workflow} />
            <input type="hidden" name="dryRun" value="true" />
            <Button type="submit" variant="secondary" disabled={startingDry} data-testid={`dry-run-${workflow}`}>
              {startingDry ? "Starting…" : "Dry run"}
              <span className="sr-only">: {title}, decides without writing anything</span>
            </Button>
          </form>
        ) : null}
      </div>
      {runState.error ? <FormStatus state={runState} /> : null}
      {dryState.error ? <FormStatus state={dryState} /> : null}
    </div>
  );
}
