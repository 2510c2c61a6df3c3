"use client";

import { useActionState, useState } from "react";
import { changeRoleAction, removeMemberAction, revokeInvitationAction } from "@/app/(dashboard)/settings/actions";
import { Button } from "@/components/ui/button";
import type { ActionState } from "@/lib/auth/action";

function Outcome({ state }: { state: ActionState }) {
  if (state.error) return <p role="alert" className="text-xs text-red-600">{state.error}</p>;
  if (state.ok && state.message) return <p role="status" className="text-xs text-emerald-700">{state.message}</p>;
  return null;
}

const roleOptions = [
  { value: "owner", label: "Owner" },
  { value: "admin", label: "Admin" },
  { value: "member", label: "Member" },
];

/** Owner-only: pick a new role for one member. */
export function RoleForm({ userId, role, label }: { userId: string; role: string; label: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(changeRoleAction, {});
  const id = `role-${userId}`;
  return (
    <form action={action} className="space-y-1">
      <input type="hidden" name="userId" value={userId} />
      <div className="flex items-center gap-2">
        <label htmlFor={id} className="sr-only">
          Role of {label}
        </label>
        <select
          id={id}
          name="role"
          defaultValue={role}
          key={role}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500"
        >
          {roleOptions.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <Button type="submit" variant="secondary" className="px-2 py-1" disabled={pending}>
          {pending ? "Saving…" : "Change role"}
        </Button>
      </div>
      <Outcome state={state} />
    </form>
  );
}

/** Removing asks once more before it happens. */
export function RemoveMemberForm({ userId, label, self }: { userId: string; label: string; self: boolean }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(removeMemberAction, {});
  const [confirming, setConfirming] = useState(false);
  return (
    <form action={action} className="space-y-1">
      <input type="hidden" name="userId" value={userId} />
      {confirming ? (
        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" variant="danger" className="px-2 py-1" disabled={pending} aria-label={self ? "Confirm leaving the team" : `Confirm removing ${label}`}>
            {pending ? "Removing…" : self ? "Leave team" : "Remove"}
          </Button>
          <Button variant="ghost" className="px-2 py-1" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </div>
      ) : (
        <Button variant="secondary" className="px-2 py-1" onClick={() => setConfirming(true)} aria-label={self ? "Leave the team" : `Remove ${label}`}>
          {self ? "Leave…" : "Remove…"}
        </Button>
      )}
      <Outcome state={state} />
    </form>
  );
}

export function RevokeInvitationForm({ invitationId, email }: { invitationId: string; email: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(revokeInvitationAction, {});
  return (
    <form action={action} className="space-y-1">
      <input type="hidden" name="invitationId" value={invitationId} />
      <Button type="submit" variant="secondary" className="px-2 py-1" disabled={pending} aria-label={`Withdraw the invitation for ${email}`}>
        {pending ? "Withdrawing…" : "Withdraw"}
      </Button>
      <Outcome state={state} />
    </form>
  );
}
