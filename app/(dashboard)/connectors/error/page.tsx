import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { oauthFailureReasons, type OAuthFailureReason } from "@/lib/connectors/errors";
import { oauthFailureMessages } from "@/lib/connectors/oauth";
import { isProviderId, getProvider } from "@/lib/connectors/providers";

export const metadata: Metadata = { title: "Connection failed" };

export default async function ConnectorErrorPage({ searchParams }: { searchParams: Promise<{ reason?: string; provider?: string }> }) {
  const { reason, provider } = await searchParams;
  const known = (oauthFailureReasons as readonly string[]).includes(reason ?? "") ? (reason as OAuthFailureReason) : "exchange_failed";
  const name = provider && isProviderId(provider) ? getProvider(provider).displayName : "The vendor";
  return (
    <>
      <PageHeader title={`${name} was not connected`} />
      <div role="alert" className="max-w-2xl rounded-lg border border-red-200 bg-red-50 p-6" data-testid="oauth-error">
        <p className="font-medium text-red-800">{oauthFailureMessages[known]}</p>
        <p className="mt-2 text-sm text-red-700">Nothing was stored. Your existing connections are unchanged.</p>
        <Link href="/connectors" className={buttonClass("secondary", "mt-4")}>
          Back to Connectors
        </Link>
      </div>
    </>
  );
}
