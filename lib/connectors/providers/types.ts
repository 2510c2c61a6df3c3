import type { AuthKind, ProviderId } from "@/db/schema";

export type PaginationStyle = "offset-hasMore" | "cursor-after" | "offset-meta-total";

export type RateLimitDeclaration =
  /** Sliding window of `max` requests per `windowMs`; `bucket` separates e.g. HubSpot search. */
  | { kind: "window"; bucket: string; max: number; windowMs: number }
  /** At most `max` requests in flight at once (NetSuite's account concurrency limit). */
  | { kind: "concurrency"; bucket: string; max: number };

export type UrlContext = { accountId?: string | null; baseUrl?: string | null };

export type OAuthDeclaration = {
  /** Production authorize URL template. */
  authorizeUrl: (ctx: UrlContext) => string;
  /** Production token URL template. */
  tokenUrl: (ctx: UrlContext) => string;
  /** Paths appended to a custom base URL (sandbox, vendor test host). */
  authorizePath: string;
  tokenPath: string;
  defaultScopes: string[];
  /** Where the client credentials go on the token request. */
  clientAuth: "basic" | "body";
  clientIdEnv: string;
  clientSecretEnv: string;
  /** Refresh-token lifetime counted from the original grant (NetSuite: 7 days, not renewed). */
  refreshTokenLifetimeMs?: number;
};

export type VendorErrorInfo = { code?: string; message?: string };

export type ProviderDeclaration = {
  id: ProviderId;
  displayName: string;
  authKinds: AuthKind[];
  /** Auth kinds that expire and can be refreshed. */
  oauth?: OAuthDeclaration;
  /** The vendor's production API base URL for a connection (before any custom override). */
  defaultBaseUrl: (ctx: UrlContext) => string | null;
  /** Whether the account id is required to build URLs (NetSuite). */
  requiresAccountId: boolean;
  pagination: PaginationStyle;
  rateLimits: RateLimitDeclaration[];
  /** Header names a vendor uses for rate-limit state (informational; Retry-After is always honoured). */
  rateLimitHeaders: string[];
  /** Reads the vendor's error body into a code and message. */
  parseError: (body: unknown, status: number, headers: Headers) => VendorErrorInfo;
  /** Whether a 401 says the access token expired (so refreshing once may help). */
  isExpiredTokenResponse: (status: number, info: VendorErrorInfo, headers: Headers) => boolean;
  /** Where to get credentials, shown on the connect form. */
  docsHint: string;
};

export function trimBaseUrl(url: string): string {
  return url.trim().replace(/\/+$/, "");
}
