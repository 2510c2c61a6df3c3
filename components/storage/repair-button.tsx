"use client";

import { useActionState } from "react";
import { repairCountersAction } from "@/app/(dashboard)/storage/actions";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";

/** Repairs one customer's counters (with `email`) or every drift; the server logs it in the activity trail. */
export function RepairButton({ email, label }: { email?: string; label?: string }) {
  const [state, action, pending] = useActionState(repairCountersAction, {});
  return (
    <form action={action} className="inline-flex flex-col items-start gap-2">
      {email ? <input type="hidden" name="email" value={email} /> : null}
      <Button type="submit" variant={email ? "secondary" : "primary"} className={email ? "px-2 py-1 text-xs" : ""} disabled={pending}>
        {pending ? "Repairing…" : (label ?? "Repair")}
      </Button>
      <FormStatus state={state} />
    </form>
  );
}
