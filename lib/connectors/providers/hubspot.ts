import type { ProviderDeclaration } from "./types";

export const hubspot: ProviderDeclaration = {
  id: "hubspot",
  displayName: "HubSpot",
  authKinds: ["oauth2", "token"],
  oauth: {
    authorizeUrl: () => "https://app.hubspot.com/oauth/authorize",
    tokenUrl: () => "https://api.hubapi.com/oauth/v1/token",
    authorizePath: "/oauth/authorize",
    tokenPath: "/oauth/v1/token",
    defaultScopes: ["oauth", "crm.objects.contacts.read", "crm.objects.contacts.write"],
    clientAuth: "body",
    clientIdEnv: "HUBSPOT_CLIENT_ID",
    clientSecretEnv: "HUBSPOT_CLIENT_SECRET",
  },
  defaultBaseUrl: () => "https://api.hubapi.com",
  requiresAccountId: false,
  pagination: "cursor-after",
  rateLimits: [
    // Public apps: 110 requests per 10 s per installing account; search has its own 5 per second.
    { kind: "window", bucket: "default", max: 110, windowMs: 10_000 },
    { kind: "window", bucket: "search", max: 5, windowMs: 1_000 },
  ],
  rateLimitHeaders: ["X-HubSpot-RateLimit-Max", "X-HubSpot-RateLimit-Remaining", "X-HubSpot-RateLimit-Interval-Milliseconds"],
  parseError: (body) => {
    const b = body as {
      category?: unknown;
      errorType?: unknown;
      status?: unknown;
      error?: unknown;
      message?: unknown;
      error_description?: unknown;
    } | null;
    const str = (v: unknown) => (typeof v === "string" ? v : undefined);
    return {
      code: str(b?.error) ?? str(b?.category) ?? str(b?.errorType) ?? (b?.status !== "error" ? str(b?.status) : undefined),
      message: str(b?.message) ?? str(b?.error_description),
    };
  },
  isExpiredTokenResponse: (status, info) =>
    status === 401 && (info.code === "EXPIRED_AUTHENTICATION" || /expired/i.test(info.message ?? "")),
  docsHint: "Settings → Integrations → Private Apps (token), or install the public app with OAuth",
};
