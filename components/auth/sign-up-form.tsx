"use client";

import Link from "next/link";
import { useActionState } from "react";
import { acceptInvitationAction, signUpAction } from "@/app/(auth)/actions";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";

/** A new account with its own team, or (with an invitation) an account joining the inviting team. */
export function SignUpForm({ invitation }: { invitation?: { token: string; email: string } }) {
  const [state, action, pending] = useActionState(signUpAction, {});
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      {invitation ? <input type="hidden" name="invite" value={invitation.token} /> : null}
      <TextField name="name" label="Your name" autoComplete="name" defaultValue={state.values?.name} errors={errors.name} />
      {invitation ? null : (
        <TextField name="teamName" label="Business name" autoComplete="organization" defaultValue={state.values?.teamName} errors={errors.teamName} />
      )}
      <TextField
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        defaultValue={state.values?.email ?? invitation?.email}
        errors={errors.email}
        hint={invitation ? "The address the invitation was sent to." : undefined}
      />
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters, with a letter and a digit."
        errors={errors.password}
      />
      <FormStatus state={state} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating your account…" : invitation ? "Create account and join" : "Create account"}
      </Button>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href="/sign-in" className="font-medium text-brand-600 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}

/** For a signed-in account: join the inviting team with one click. */
export function AcceptInvitationForm({ token, teamName }: { token: string; teamName: string }) {
  const [state, action, pending] = useActionState(acceptInvitationAction, {});
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="invite" value={token} />
      <FormStatus state={state} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Joining…" : `Join ${teamName}`}
      </Button>
    </form>
  );
}
