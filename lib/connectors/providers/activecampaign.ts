import type { ProviderDeclaration } from "./types";

/** The merchant's API URL (Settings → Developer), without a trailing `/api/3`. */
export function normaliseActiveCampaignUrl(url: string): string {
  return url.trim().replace(/\/+$/, "").replace(/\/api\/3$/, "");
}

export const activecampaign: ProviderDeclaration = {
  id: "activecampaign",
  displayName: "ActiveCampaign",
  authKinds: ["api_key"],
  defaultBaseUrl: ({ baseUrl }) => (baseUrl ? normaliseActiveCampaignUrl(baseUrl) : null),
  requiresAccountId: false,
  pagination: "offset-meta-total",
  // 5 requests per second per account, shared by every key.
  rateLimits: [{ kind: "window", bucket: "default", max: 5, windowMs: 1_000 }],
  rateLimitHeaders: ["RateLimit-Limit", "RateLimit-Remaining"],
  parseError: (body) => {
    const b = body as { message?: unknown; errors?: { title?: unknown; detail?: unknown; code?: unknown }[]; failureReasons?: unknown } | null;
    const first = Array.isArray(b?.errors) ? b.errors[0] : undefined;
    const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);
    return {
      code: str(first?.code),
      message: str(b?.message) ?? ([str(first?.title), str(first?.detail)].filter(Boolean).join(": ") || undefined),
    };
  },
  isExpiredTokenResponse: () => false,
  docsHint: "Settings → Developer: the API URL and your API key",
};
