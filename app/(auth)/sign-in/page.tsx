import type { Metadata } from "next";
import { SignInForm } from "@/components/auth/sign-in-form";
import { demoCredentials, demoModeEnabled } from "@/lib/demo/seed";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return (
    <>
      <h1 className="mb-4 text-lg font-semibold">Sign in</h1>
      {demoModeEnabled() ? (
        <p className="mb-4 rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-700" data-testid="demo-credentials">
          Demo merchant: <strong>{demoCredentials.email}</strong> / <strong>{demoCredentials.password}</strong>
        </p>
      ) : null}
      <SignInForm next={next} />
    </>
  );
}
