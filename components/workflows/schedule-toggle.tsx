"use client";

import { useActionState } from "react";
import { setScheduleEnabledAction } from "@/app/(dashboard)/workflows/actions";
import { workflowTitles, type WorkflowKey } from "./labels";

/** An on/off switch for one workflow's schedule; saving is a server action logged in the activity trail. */
export function ScheduleToggle({ workflow, enabled, canManage }: { workflow: WorkflowKey; enabled: boolean; canManage: boolean }) {
  const [state, action, pending] = useActionState(setScheduleEnabledAction, {});
  const label = `${workflowTitles[workflow]} schedule`;
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="workflow" value={workflow} />
      <input type="hidden" name="enabled" value={enabled ? "false" : "true"} />
      <button
        type="submit"
        role="switch"
        aria-checked={enabled}
        aria-label={label}
        disabled={pending || !canManage}
        title={canManage ? undefined : "Only a team admin or owner can change schedules"}
        data-testid={`schedule-toggle-${workflow}`}
        className={`relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-offset-2 disabled:cursor-not-allowed disabled:opacity-60 ${
          enabled ? "bg-brand-600" : "bg-slate-300"
        }`}
      >
        <span
          aria-hidden="true"
          className={`inline-block h-5 w-5 transform rounded-full bg-white shadow transition-transform ${enabled ? "translate-x-5" : "translate-x-0.5"}`}
        />
      </button>
      <span className="text-sm text-slate-700" aria-hidden="true">
        {pending ? "Saving…" : enabled ? "Schedule on" : "Schedule off"}
      </span>
      {state.error ? (
        <span role="alert" className="w-full text-xs text-red-600">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
