import { NextResponse, type NextRequest } from "next/server";
import { getSessionTeam } from "@/lib/auth/session";
import { redirectUriFor, startOAuthInstall } from "@/lib/connectors/oauth";
import { getProvider, isProviderId } from "@/lib/connectors/providers";

/**
 * GET /api/oauth/<provider>/start?accountId=…&baseUrl=…&name=…: records a single-use state and
 * redirects to the vendor's consent screen. (The Connectors page uses the equivalent server action.)
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ provider: string }> }) {
  const { provider } = await params;
  const ctx = await getSessionTeam();
  if (!ctx) return new NextResponse("Sign in first.", { status: 401 });
  if (!isProviderId(provider) || !getProvider(provider).oauth) return new NextResponse("Unknown OAuth provider.", { status: 404 });
  if (ctx.role === "member") return new NextResponse("Only a team admin can connect systems.", { status: 403 });
  const q = request.nextUrl.searchParams;
  try {
    const { authorizeUrl } = await startOAuthInstall(ctx.db, {
      teamId: ctx.team.id,
      userId: ctx.user.id,
      provider,
      redirectUri: redirectUriFor(provider, request.nextUrl.origin),
      accountId: q.get("accountId"),
      baseUrl: q.get("baseUrl"),
      name: q.get("name"),
    });
    return NextResponse.redirect(authorizeUrl, 303);
  } catch (error) {
    return new NextResponse(error instanceof Error ? error.message : "Could not start the connection.", { status: 400 });
  }
}
