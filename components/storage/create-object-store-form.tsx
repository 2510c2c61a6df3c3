"use client";

import { useActionState } from "react";
import { createObjectStoreAction } from "@/app/(dashboard)/storage/actions";
import { Button } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";

/** The tutorial's Object Storage setup: a name, a description and the fields as a comma-separated list. */
export function CreateObjectStoreForm() {
  const [state, action, pending] = useActionState(createObjectStoreAction, {});
  const errors = state.fieldErrors ?? {};
  const values = state.ok ? {} : (state.values ?? {});
  return (
    <form action={action} className="space-y-3" noValidate key={state.ok ? state.message : "form"}>
      <TextField id="object-store-name" name="name" label="Name" maxLength={120} defaultValue={values.name} errors={errors.name} placeholder="Wishlist" />
      <TextAreaField id="object-store-description" name="description" label="Description" rows={2} defaultValue={values.description} errors={errors.description} />
      <TextField
        id="object-store-fields"
        name="fields"
        label="Fields"
        defaultValue={values.fields}
        errors={errors.fields}
        placeholder="Contact Name, Email Address, Date Of Purchase"
        hint="Comma-separated, up to 50 fields of at most 64 characters; duplicates are merged."
      />
      <FormStatus state={state} />
      <Button type="submit" disabled={pending}>{pending ? "Creating…" : "Create object store"}</Button>
    </form>
  );
}
