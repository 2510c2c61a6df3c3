import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db";
import { oauthStates, type ProviderId } from "@/db/schema";
import { decryptJson, encryptJson } from "@/lib/crypto/secrets";
import { createConnection, type ConnectionView } from "./connections";
import { OAuthInstallError, VendorError } from "./errors";
import type { HttpOptions } from "./http";
import { getProvider, oauthClient, oauthUrls, resolveBaseUrl } from "./providers";
import { exchangeAuthorizationCode } from "./tokens";

/**
 * OAuth 2.0 authorization-code installs with PKCE (S256). The state is random, single use,
 * expires after 10 minutes and is bound to the user and team; only its sha256 is stored, and the
 * PKCE verifier travels encrypted in the state row.
 */

export const STATE_TTL_MS = 10 * 60 * 1000;

type StatePayload = { codeVerifier: string; accountId: string | null; baseUrl: string; name: string | null; redirectUri: string; scopes: string[] };

const b64url = (buf: Buffer) => buf.toString("base64url");
export const sha256Hex = (value: string) => createHash("sha256").update(value).digest("hex");

export function pkceChallenge(verifier: string): string {
  return b64url(createHash("sha256").update(verifier).digest());
}

/** `${APP_URL ?? request origin}/api/oauth/<provider>/callback` */
export function redirectUriFor(provider: ProviderId, requestOrigin: string): string {
  const base = (process.env.APP_URL || requestOrigin).replace(/\/+$/, "");
  return `${base}/api/oauth/${provider}/callback`;
}

export async function startOAuthInstall(
  db: Db,
  input: {
    teamId: string;
    userId: string;
    provider: ProviderId;
    redirectUri: string;
    accountId?: string | null;
    baseUrl?: string | null;
    name?: string | null;
    scopes?: string[];
    now?: Date;
  },
): Promise<{ authorizeUrl: string; state: string }> {
  const provider = getProvider(input.provider);
  if (!provider.oauth) throw new Error(`${provider.displayName} does not use OAuth`);
  const accountId = input.accountId?.trim() || null;
  if (provider.requiresAccountId && !accountId) throw new Error(`${provider.displayName} needs the account ID`);
  const baseUrl = resolveBaseUrl(provider, { accountId, baseUrl: input.baseUrl });
  const { authorizeUrl } = oauthUrls(provider, { accountId, baseUrl });
  const { clientId } = oauthClient(provider);
  const scopes = input.scopes?.length ? input.scopes : provider.oauth.defaultScopes;

  const state = b64url(randomBytes(32));
  const codeVerifier = b64url(randomBytes(48));
  const now = input.now ?? new Date();
  const payload: StatePayload = { codeVerifier, accountId, baseUrl, name: input.name?.trim() || null, redirectUri: input.redirectUri, scopes };
  await db.insert(oauthStates).values({
    stateHash: sha256Hex(state),
    teamId: input.teamId,
    userId: input.userId,
    provider: input.provider,
    payload: encryptJson(payload),
    expiresAt: new Date(now.getTime() + STATE_TTL_MS),
  });

  const url = new URL(authorizeUrl);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", clientId);
  url.searchParams.set("redirect_uri", input.redirectUri);
  url.searchParams.set("scope", scopes.join(" "));
  url.searchParams.set("state", state);
  url.searchParams.set("code_challenge", pkceChallenge(codeVerifier));
  url.searchParams.set("code_challenge_method", "S256");
  return { authorizeUrl: url.toString(), state };
}

export const oauthFailureMessages: Record<OAuthInstallError["reason"], string> = {
  missing_state: "The vendor's answer carried no state, so it cannot be matched to an installation you started.",
  invalid_state: "This installation link is not one we issued. Start the connection again from the Connectors page.",
  state_used: "This installation link has already been used. Start the connection again from the Connectors page.",
  state_expired: "This installation took longer than 10 minutes and expired. Start the connection again.",
  wrong_session: "This installation was started by another user or team. Sign in as that user, or start again.",
  denied: "Access was denied on the vendor's consent screen, so nothing was connected.",
  vendor_error: "The vendor reported an error instead of granting access.",
  exchange_failed: "The vendor did not accept the authorization code, so nothing was connected.",
  not_configured: "This provider is not configured for OAuth.",
};

/**
 * Handles the vendor's redirect. On any failure throws OAuthInstallError and stores nothing
 * (the state is consumed once it has been matched, so a replay is refused too).
 */
export async function completeOAuthInstall(
  db: Db,
  input: {
    provider: ProviderId;
    params: URLSearchParams;
    session: { teamId: string; userId: string };
    now?: Date;
    httpOptions?: HttpOptions;
  },
): Promise<ConnectionView> {
  const provider = getProvider(input.provider);
  if (!provider.oauth) throw new OAuthInstallError("not_configured", oauthFailureMessages.not_configured);
  const now = input.now ?? new Date();
  const state = input.params.get("state");
  if (!state) throw new OAuthInstallError("missing_state", oauthFailureMessages.missing_state);
  const stateHash = sha256Hex(state);

  const [row] = await db.select().from(oauthStates).where(eq(oauthStates.stateHash, stateHash));
  if (!row || row.provider !== input.provider) throw new OAuthInstallError("invalid_state", oauthFailureMessages.invalid_state);
  if (row.usedAt) throw new OAuthInstallError("state_used", oauthFailureMessages.state_used);
  if (row.teamId !== input.session.teamId || row.userId !== input.session.userId) {
    throw new OAuthInstallError("wrong_session", oauthFailureMessages.wrong_session);
  }
  // Single use: whoever flips used_at first wins; a concurrent replay finds it set.
  const consumed = await db
    .update(oauthStates)
    .set({ usedAt: now })
    .where(and(eq(oauthStates.stateHash, stateHash), isNull(oauthStates.usedAt)))
    .returning({ stateHash: oauthStates.stateHash });
  if (consumed.length === 0) throw new OAuthInstallError("state_used", oauthFailureMessages.state_used);
  if (row.expiresAt.getTime() <= now.getTime()) throw new OAuthInstallError("state_expired", oauthFailureMessages.state_expired);

  const error = input.params.get("error");
  if (error) {
    throw new OAuthInstallError(error === "access_denied" ? "denied" : "vendor_error", oauthFailureMessages[error === "access_denied" ? "denied" : "vendor_error"]);
  }
  const code = input.params.get("code");
  if (!code) throw new OAuthInstallError("exchange_failed", oauthFailureMessages.exchange_failed);

  const payload = decryptJson<StatePayload>(row.payload);
  let tokens;
  try {
    tokens = await exchangeAuthorizationCode(
      input.provider,
      { accountId: payload.accountId, baseUrl: payload.baseUrl },
      { code, redirectUri: payload.redirectUri, codeVerifier: payload.codeVerifier },
      input.httpOptions,
    );
  } catch (cause) {
    const detail = cause instanceof VendorError ? ` (${cause.code ?? `HTTP ${cause.status ?? "error"}`})` : "";
    throw new OAuthInstallError("exchange_failed", oauthFailureMessages.exchange_failed + detail);
  }
  const lifetime = provider.oauth.refreshTokenLifetimeMs;
  return createConnection(db, {
    teamId: row.teamId,
    userId: row.userId,
    provider: input.provider,
    authKind: "oauth2",
    baseUrl: payload.baseUrl,
    accountId: input.provider === "hubspot" ? (tokens.hubId ?? null) : payload.accountId,
    name: payload.name,
    credentials: { kind: "oauth2", accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, tokenType: "bearer" },
    scopes: tokens.scopes ?? payload.scopes,
    accessTokenExpiresAt: tokens.expiresInSeconds ? new Date(now.getTime() + tokens.expiresInSeconds * 1000) : null,
    refreshTokenExpiresAt: lifetime && tokens.refreshToken ? new Date(now.getTime() + lifetime) : null,
  });
}
