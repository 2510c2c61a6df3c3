"use client";

import { useActionState } from "react";
import { retryRunAction } from "@/app/(dashboard)/workflows/actions";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";

/** Starts a new run of a failed run's workflow with the same clock and opens it. */
export function RetryButton({ runId }: { runId: string }) {
  const [state, action, pending] = useActionState(retryRunAction, {});
  return (
    <form action={action} className="inline-flex flex-col items-start gap-2">
      <input type="hidden" name="runId" value={runId} />
      <Button type="submit" disabled={pending} data-testid="retry-run">
        {pending ? "Retrying…" : "Retry this run"}
      </Button>
      <FormStatus state={state} />
    </form>
  );
}
