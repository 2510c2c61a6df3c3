import { NextResponse, type NextRequest } from "next/server";
import { getSessionTeam } from "@/lib/auth/session";
import { OAuthInstallError } from "@/lib/connectors/errors";
import { completeOAuthInstall } from "@/lib/connectors/oauth";
import { isProviderId } from "@/lib/connectors/providers";

/**
 * The vendor's redirect after consent. A wrong, reused or expired state, a denied consent or a
 * failed code exchange lands on a clear error page and stores nothing. Tokens never reach the browser.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ provider: string }> }) {
  const { provider } = await params;
  const base = process.env.APP_URL?.replace(/\/+$/, "") || request.nextUrl.origin;
  const page = (path: string) => NextResponse.redirect(new URL(path, base), 303);
  if (!isProviderId(provider)) return page("/connectors/error?reason=invalid_state");
  const ctx = await getSessionTeam();
  if (!ctx) return new NextResponse("Sign in, then start the connection again from the Connectors page.", { status: 401 });
  try {
    await completeOAuthInstall(ctx.db, {
      provider,
      params: request.nextUrl.searchParams,
      session: { teamId: ctx.team.id, userId: ctx.user.id },
    });
    return page(`/connectors?connected=${provider}`);
  } catch (error) {
    const reason = error instanceof OAuthInstallError ? error.reason : "exchange_failed";
    return page(`/connectors/error?reason=${reason}&provider=${provider}`);
  }
}
