// Every credential the sandbox knows: OAuth clients, authorization codes, access and refresh
// tokens (NetSuite and HubSpot), TBA token pairs (NetSuite) and API keys (ActiveCampaign).
import { createHash } from "node:crypto";
import type { Vendor } from "../http";
import { secureToken } from "../random";

export type OAuthVendor = "netsuite" | "hubspot";

export const DEFAULT_CLIENT = { clientId: "sandbox-client-id", clientSecret: "sandbox-client-secret" };
export const FIXED_TOKENS = {
  netsuite: "sandbox-netsuite-token",
  hubspot: "pat-na1-sandbox-hubspot-token",
  activecampaign: "sandbox-activecampaign-key",
} as const;
export const DEFAULT_TBA = {
  consumerKey: "sandbox-consumer-key",
  consumerSecret: "sandbox-consumer-secret",
  tokenId: "sandbox-token-id",
  tokenSecret: "sandbox-token-secret",
};
export type TbaCredentials = typeof DEFAULT_TBA;

export const NETSUITE_ACCESS_TTL_S = 3600;
/** Confidential-client refresh tokens live 7 days from the original grant and are not renewed. */
export const NETSUITE_REFRESH_TTL_S = 7 * 24 * 3600;
export const HUBSPOT_ACCESS_TTL_S = 1800;
const CODE_TTL_MS = 10 * 60 * 1000;

export interface OAuthClient {
  vendor: OAuthVendor;
  clientId: string;
  clientSecret: string;
  /** Empty means any http(s) redirect URI is accepted (the default client, for local dev). */
  redirectUris: string[];
}

export interface AccessToken {
  vendor: Vendor;
  token: string;
  /** null for the fixed long-lived credentials. */
  expiresAt: number | null;
  scopes: string[];
  clientId: string;
}

export interface RefreshGrant {
  vendor: OAuthVendor;
  token: string;
  clientId: string;
  scopes: string[];
  expiresAt: number | null;
}

export interface AuthCode {
  vendor: OAuthVendor;
  code: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  codeChallenge?: string;
  expiresAt: number;
}

export type BearerCheck =
  | { status: "ok"; token: AccessToken }
  | { status: "expired"; secondsAgo: number }
  | { status: "unknown" };

export function pkceChallenge(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

export class CredentialStore {
  private clients = new Map<string, OAuthClient>();
  private accessTokens = new Map<string, AccessToken>();
  private refreshGrants = new Map<string, RefreshGrant>();
  private codes = new Map<string, AuthCode>();
  tba: TbaCredentials[] = [];
  private apiKeys = new Set<string>();

  constructor() {
    this.reset();
  }

  /** Forget everything issued; keep (re-create) the default credentials. */
  reset(): void {
    this.clients.clear();
    this.accessTokens.clear();
    this.refreshGrants.clear();
    this.codes.clear();
    this.apiKeys.clear();
    for (const vendor of ["netsuite", "hubspot"] as const) this.registerClient({ vendor, ...DEFAULT_CLIENT, redirectUris: [] });
    this.tba = [{ ...DEFAULT_TBA }];
    this.apiKeys.add(FIXED_TOKENS.activecampaign);
    for (const vendor of ["netsuite", "hubspot"] as const) {
      this.accessTokens.set(FIXED_TOKENS[vendor], {
        vendor,
        token: FIXED_TOKENS[vendor],
        expiresAt: null,
        scopes: [],
        clientId: "fixed",
      });
    }
  }

  registerClient(client: OAuthClient): void {
    this.clients.set(`${client.vendor}:${client.clientId}`, client);
  }

  client(vendor: OAuthVendor, clientId: string): OAuthClient | undefined {
    return this.clients.get(`${vendor}:${clientId}`);
  }

  redirectAllowed(client: OAuthClient, redirectUri: string): boolean {
    if (client.redirectUris.length > 0) return client.redirectUris.includes(redirectUri);
    return /^https?:\/\/\S+$/.test(redirectUri);
  }

  issueCode(code: Omit<AuthCode, "code" | "expiresAt">, now: number): string {
    const value = secureToken(18);
    this.codes.set(value, { ...code, code: value, expiresAt: now + CODE_TTL_MS });
    return value;
  }

  /** Codes are single use: taking one removes it whether or not it is still valid. */
  takeCode(vendor: OAuthVendor, code: string, now: number): AuthCode | undefined {
    const found = this.codes.get(code);
    if (!found || found.vendor !== vendor) return undefined;
    this.codes.delete(code);
    return found.expiresAt > now ? found : undefined;
  }

  issueAccessToken(vendor: Vendor, clientId: string, scopes: string[], ttlSeconds: number, now: number): AccessToken {
    const token = vendor === "netsuite" ? fakeJwt(clientId, scopes, now, ttlSeconds) : `CK${secureToken(48)}`;
    const record = { vendor, token, expiresAt: now + ttlSeconds * 1000, scopes, clientId };
    this.accessTokens.set(token, record);
    return record;
  }

  issueRefreshGrant(vendor: OAuthVendor, clientId: string, scopes: string[], ttlSeconds: number | null, now: number): RefreshGrant {
    const token = vendor === "netsuite" ? fakeJwt(clientId, scopes, now, ttlSeconds ?? 0) : `na1-${secureToken(4)}-${secureToken(16)}`;
    const grant = { vendor, token, clientId, scopes, expiresAt: ttlSeconds === null ? null : now + ttlSeconds * 1000 };
    this.refreshGrants.set(token, grant);
    return grant;
  }

  refreshGrant(vendor: OAuthVendor, token: string, now: number): RefreshGrant | undefined {
    const grant = this.refreshGrants.get(token);
    if (!grant || grant.vendor !== vendor) return undefined;
    if (grant.expiresAt !== null && grant.expiresAt <= now) return undefined;
    return grant;
  }

  checkBearer(vendor: Vendor, token: string, now: number): BearerCheck {
    const found = this.accessTokens.get(token);
    if (!found || found.vendor !== vendor) return { status: "unknown" };
    if (found.expiresAt !== null && found.expiresAt <= now) {
      return { status: "expired", secondsAgo: Math.max(1, Math.floor((now - found.expiresAt) / 1000)) };
    }
    return { status: "ok", token: found };
  }

  /** Fault injection: every issued (non-fixed) access token of the vendor expires now. */
  expireAccessTokens(vendor: Vendor, now: number): void {
    for (const token of this.accessTokens.values()) {
      if (token.vendor === vendor && token.expiresAt !== null && token.expiresAt > now) token.expiresAt = now;
    }
    if (vendor === "activecampaign") {
      for (const key of [...this.apiKeys]) if (key !== FIXED_TOKENS.activecampaign) this.apiKeys.delete(key);
    }
  }

  issueApiKey(): string {
    const key = secureToken(32);
    this.apiKeys.add(key);
    return key;
  }

  apiKeyValid(key: string): boolean {
    return this.apiKeys.has(key);
  }
}

/** NetSuite tokens are JWTs; clients only need the shape (three base64url parts), not a signature. */
function fakeJwt(clientId: string, scopes: string[], now: number, ttlSeconds: number): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const iat = Math.floor(now / 1000);
  const payload = { sub: "3;-5", aud: clientId, scope: scopes, iss: "https://system.netsuite.com", iat, exp: iat + ttlSeconds, jti: secureToken(12) };
  return `${part({ alg: "none", typ: "JWT" })}.${part(payload)}.${secureToken(16)}`;
}
