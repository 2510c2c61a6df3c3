import { z } from "zod";
import type { ProviderId } from "@/db/schema";
import { VendorError } from "./errors";
import { VendorHttp, type HttpOptions } from "./http";
import { createPacer } from "./pacing";
import { getProvider, oauthClient, oauthUrls, type UrlContext } from "./providers";

/** OAuth 2.0 token endpoint calls (code exchange and refresh), through the shared HTTP policy. */

const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.union([z.number(), z.string().regex(/^\d+$/)]).optional(),
  token_type: z.string().optional(),
  hub_id: z.union([z.number(), z.string()]).optional(),
  scopes: z.array(z.string()).optional(),
  scope: z.union([z.string(), z.array(z.string())]).optional(),
});

export type TokenSet = {
  accessToken: string;
  refreshToken?: string;
  expiresInSeconds?: number;
  scopes?: string[];
  hubId?: string;
};

/** Standard OAuth error bodies plus HubSpot's legacy `status` codes. */
function parseOAuthError(body: unknown) {
  const b = body as { error?: unknown; error_description?: unknown; status?: unknown; message?: unknown } | null;
  const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);
  return {
    code: str(b?.error) ?? (b?.status !== "error" ? str(b?.status) : undefined),
    message: str(b?.error_description) ?? str(b?.message),
  };
}

/** True when the authorization server refused the grant (the user must authorise again). */
export function isRefusedGrant(error: unknown): boolean {
  return (
    error instanceof VendorError &&
    !error.retriable &&
    (["invalid_grant", "BAD_REFRESH_TOKEN", "BAD_AUTH_CODE"].includes(error.code ?? "") || error.status === 401)
  );
}

async function tokenRequest(
  providerId: ProviderId,
  ctx: UrlContext,
  operation: string,
  params: Record<string, string>,
  options: HttpOptions,
): Promise<TokenSet> {
  const provider = getProvider(providerId);
  const oauth = provider.oauth!;
  const { tokenUrl } = oauthUrls(provider, ctx);
  const { clientId, clientSecret } = oauthClient(provider);
  const form = { ...params };
  const headers: Record<string, string> = {};
  if (oauth.clientAuth === "basic") {
    headers.authorization = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`;
  } else {
    form.client_id = clientId;
    form.client_secret = clientSecret;
  }
  const secrets = [clientSecret, params.code, params.refresh_token, params.code_verifier].filter((s): s is string => !!s);
  const http = new VendorHttp(
    { ...provider, parseError: parseOAuthError, isExpiredTokenResponse: () => false },
    createPacer([]),
    { headers: async () => ({}), secrets: () => secrets },
    { ...options, maxAttempts: Math.min(options.maxAttempts ?? 3, 3) },
  );
  const body = await http.request({ operation, method: "POST", url: tokenUrl, headers, form, schema: tokenResponseSchema });
  const scopes = body.scopes ?? (typeof body.scope === "string" ? body.scope.split(/[ ,]+/).filter(Boolean) : body.scope);
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
    expiresInSeconds: body.expires_in === undefined ? undefined : Number(body.expires_in),
    scopes,
    hubId: body.hub_id === undefined ? undefined : String(body.hub_id),
  };
}

export function exchangeAuthorizationCode(
  providerId: ProviderId,
  ctx: UrlContext,
  input: { code: string; redirectUri: string; codeVerifier: string },
  options: HttpOptions = {},
): Promise<TokenSet> {
  return tokenRequest(
    providerId,
    ctx,
    "exchangeAuthorizationCode",
    { grant_type: "authorization_code", code: input.code, redirect_uri: input.redirectUri, code_verifier: input.codeVerifier },
    options,
  );
}

export function refreshAccessToken(providerId: ProviderId, ctx: UrlContext, refreshToken: string, options: HttpOptions = {}): Promise<TokenSet> {
  return tokenRequest(providerId, ctx, "refreshAccessToken", { grant_type: "refresh_token", refresh_token: refreshToken }, options);
}
