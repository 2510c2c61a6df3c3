import type { Metadata } from "next";
import Link from "next/link";
import { signOutAction } from "@/app/(auth)/actions";
import { AcceptInvitationForm, SignUpForm } from "@/components/auth/sign-up-form";
import { getDb } from "@/db";
import { auth } from "@/lib/auth/config";
import { previewInvitation } from "@/lib/teams/invitations";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ invite?: string | string[] }> }) {
  const { invite } = await searchParams;
  const token = typeof invite === "string" ? invite : undefined;
  if (!token) {
    return (
      <>
        <h1 className="mb-4 text-lg font-semibold">Create your account</h1>
        <SignUpForm />
      </>
    );
  }
  const preview = await previewInvitation(await getDb(), token);
  if (!preview.ok) {
    return (
      <>
        <h1 className="mb-4 text-lg font-semibold">Invitation</h1>
        <p role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="invite-refused">
          {preview.message}
        </p>
        <p className="text-sm text-slate-600">
          You can still{" "}
          <Link href="/sign-up" className="font-medium text-brand-600 hover:underline">
            create an account for your own business
          </Link>{" "}
          or{" "}
          <Link href="/sign-in" className="font-medium text-brand-600 hover:underline">
            sign in
          </Link>
          .
        </p>
      </>
    );
  }
  const signedIn = (await auth())?.user;
  if (signedIn?.email) {
    const matches = signedIn.email.toLowerCase() === preview.email;
    return (
      <>
        <h1 className="mb-2 text-lg font-semibold">Join {preview.teamName}</h1>
        <p className="mb-4 text-sm text-slate-600" data-testid="invite-summary">
          {matches
            ? `You are signed in as ${signedIn.email}, invited as ${preview.role === "admin" ? "an admin" : "a member"}.`
            : `You are signed in as ${signedIn.email}, but this invitation is for ${preview.email}. Sign out to accept it with that address.`}
        </p>
        {matches ? <AcceptInvitationForm token={token} teamName={preview.teamName} /> : null}
        <form action={signOutAction} className="mt-3 text-center">
          <button type="submit" className="text-sm font-medium text-brand-600 hover:underline">
            Sign out
          </button>
        </form>
      </>
    );
  }
  return (
    <>
      <h1 className="mb-2 text-lg font-semibold">Join {preview.teamName}</h1>
      <p className="mb-4 text-sm text-slate-600" data-testid="invite-summary">
        You were invited as {preview.role === "admin" ? "an admin" : "a member"}. Create your account with <strong>{preview.email}</strong> to join.
      </p>
      <SignUpForm invitation={{ token, email: preview.email }} />
      <p className="mt-3 text-center text-xs text-slate-500">
        Already have an account with {preview.email}?{" "}
        <Link href={`/sign-in?next=${encodeURIComponent(`/sign-up?invite=${token}`)}`} className="font-medium text-brand-600 hover:underline">
          Sign in to accept
        </Link>
      </p>
    </>
  );
}
