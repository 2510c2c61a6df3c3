import type { ProviderDeclaration } from "./types";

/** `1234567_SB1` → `1234567-sb1`: the form NetSuite uses in host names. */
export function netsuiteHostId(accountId: string): string {
  return accountId.trim().toLowerCase().replace(/_/g, "-");
}

function requireAccount(accountId: string | null | undefined): string {
  if (!accountId || !accountId.trim()) throw new Error("NetSuite needs the account ID (for example 1234567 or 1234567_SB1)");
  return netsuiteHostId(accountId);
}

export const netsuite: ProviderDeclaration = {
  id: "netsuite",
  displayName: "NetSuite",
  authKinds: ["oauth2", "tba", "token"],
  oauth: {
    authorizeUrl: ({ accountId }) => `https://${requireAccount(accountId)}.app.netsuite.com/app/login/oauth2/authorize.nl`,
    tokenUrl: ({ accountId }) =>
      `https://${requireAccount(accountId)}.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token`,
    authorizePath: "/app/login/oauth2/authorize.nl",
    tokenPath: "/services/rest/auth/oauth2/v1/token",
    defaultScopes: ["rest_webservices"],
    clientAuth: "basic",
    clientIdEnv: "NETSUITE_CLIENT_ID",
    clientSecretEnv: "NETSUITE_CLIENT_SECRET",
    refreshTokenLifetimeMs: 7 * 24 * 60 * 60 * 1000,
  },
  defaultBaseUrl: ({ accountId }) =>
    accountId && accountId.trim() ? `https://${netsuiteHostId(accountId)}.suitetalk.api.netsuite.com` : null,
  requiresAccountId: true,
  pagination: "offset-hasMore",
  // No per-second limit: an account-wide concurrency limit (5 on standard tiers). Configurable.
  rateLimits: [{ kind: "concurrency", bucket: "default", max: Number(process.env.NETSUITE_CONCURRENCY ?? 5) || 5 }],
  rateLimitHeaders: [],
  parseError: (body) => {
    const b = body as { title?: unknown; "o:errorDetails"?: { detail?: unknown; "o:errorCode"?: unknown }[] } | null;
    const detail = Array.isArray(b?.["o:errorDetails"]) ? b["o:errorDetails"][0] : undefined;
    return {
      code: typeof detail?.["o:errorCode"] === "string" ? detail["o:errorCode"] : undefined,
      message: typeof detail?.detail === "string" ? detail.detail : typeof b?.title === "string" ? b.title : undefined,
    };
  },
  isExpiredTokenResponse: (status, info, headers) => {
    if (status !== 401) return false;
    const www = headers.get("www-authenticate") ?? "";
    return /invalid_token/i.test(www) || /expired/i.test(info.message ?? "") || info.code === "INVALID_LOGIN";
  },
  docsHint: "Setup → Integration → Manage Integrations (OAuth 2.0 or token-based authentication)",
};
