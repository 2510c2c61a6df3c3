"use client";

import { useActionState } from "react";
import { createCounterStoreAction } from "@/app/(dashboard)/storage/actions";
import { Button } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";

export function CreateCounterStoreForm() {
  const [state, action, pending] = useActionState(createCounterStoreAction, {});
  const errors = state.fieldErrors ?? {};
  const values = state.ok ? {} : (state.values ?? {});
  return (
    <form action={action} className="space-y-3" noValidate key={state.ok ? state.message : "form"}>
      <TextField id="counter-store-name" name="name" label="Name" maxLength={120} defaultValue={values.name} errors={errors.name} placeholder="Accumulated Refunds" />
      <TextAreaField id="counter-store-description" name="description" label="Description" rows={2} defaultValue={values.description} errors={errors.description} />
      <FormStatus state={state} />
      <Button type="submit" disabled={pending}>{pending ? "Creating…" : "Create counter store"}</Button>
    </form>
  );
}
