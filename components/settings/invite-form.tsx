"use client";

import { useActionState, useState } from "react";
import { inviteMemberAction } from "@/app/(dashboard)/settings/actions";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import type { ActionState } from "@/lib/auth/action";

/** Invites by email with a role; the link is shown once, to copy (there is no email sending). */
export function InviteForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(inviteMemberAction, {});
  const [copied, setCopied] = useState<string | null>(null);
  const errors = state.fieldErrors ?? {};
  const link = state.ok ? state.values?.inviteLink : undefined;
  return (
    <div className="space-y-4">
      <form action={action} noValidate data-testid="invite-form" className="grid items-start gap-3 sm:grid-cols-[1fr_10rem_auto]" key={link ?? "invite"}>
        <TextField id="invite-email" name="email" type="email" label="Email" autoComplete="off" defaultValue={state.ok ? "" : state.values?.email} errors={errors.email} />
        <SelectField
          id="invite-role"
          name="role"
          label="Role"
          defaultValue={state.values?.role ?? "member"}
          errors={errors.role}
          options={[
            { value: "member", label: "Member" },
            { value: "admin", label: "Admin" },
          ]}
        />
        <div className="sm:pt-6">
          <Button type="submit" disabled={pending} className="w-full sm:w-auto">
            {pending ? "Inviting…" : "Invite"}
          </Button>
        </div>
      </form>
      <FormStatus state={state} />
      {link ? (
        <div className="space-y-2 rounded-md border border-brand-100 bg-brand-50 p-3">
          <label htmlFor="invite-link" className="block text-sm font-medium text-slate-800">
            Invite link (shown once)
          </label>
          <div className="flex flex-col gap-2 sm:flex-row">
            <input
              id="invite-link"
              readOnly
              value={link}
              data-testid="invite-link"
              onFocus={(event) => event.currentTarget.select()}
              className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs"
            />
            <Button
              variant="secondary"
              className="shrink-0 whitespace-nowrap"
              onClick={async () => {
                try {
                  await navigator.clipboard.writeText(link);
                  setCopied(link);
                } catch {
                  setCopied(null);
                }
              }}
            >
              {copied === link ? "Copied" : "Copy link"}
            </Button>
          </div>
          <p className="text-xs text-slate-600">Send it to the person yourself. It works once, for the invited email only, for 7 days.</p>
        </div>
      ) : null}
    </div>
  );
}
