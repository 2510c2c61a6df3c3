"use client";

import { useActionState } from "react";
import { createTeamAction } from "@/app/(dashboard)/settings/actions";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import type { ActionState } from "@/lib/auth/action";

/** A further team owned by the signed-in user, with the same stores and defaults as a new sign-up's. */
export function CreateTeamForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(createTeamAction, {});
  return (
    <form action={action} noValidate data-testid="create-team-form" className="grid items-start gap-3 sm:grid-cols-[1fr_auto]">
      <TextField
        id="create-team-name"
        name="teamName"
        label="Business name"
        autoComplete="organization"
        defaultValue={state.values?.teamName}
        errors={state.fieldErrors?.teamName}
      />
      <div className="sm:pt-6">
        <Button type="submit" disabled={pending} className="w-full sm:w-auto">
          {pending ? "Creating…" : "Create team"}
        </Button>
      </div>
      <div className="sm:col-span-2">
        <FormStatus state={state} />
      </div>
    </form>
  );
}
