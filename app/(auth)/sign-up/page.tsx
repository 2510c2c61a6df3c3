import type { Metadata } from "next";
import Link from "next/link";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { getDb } from "@/db";
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
  return (
    <>
      <h1 className="mb-2 text-lg font-semibold">Join {preview.teamName}</h1>
      <p className="mb-4 text-sm text-slate-600" data-testid="invite-summary">
        You were invited as {preview.role === "admin" ? "an admin" : "a member"}. Create your account with <strong>{preview.email}</strong> to join.
      </p>
      <SignUpForm invitation={{ token, email: preview.email }} />
    </>
  );
}
