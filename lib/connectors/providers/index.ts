import type { ProviderId } from "@/db/schema";
import { activecampaign } from "./activecampaign";
import { hubspot } from "./hubspot";
import { netsuite } from "./netsuite";
import { trimBaseUrl, type ProviderDeclaration, type UrlContext } from "./types";

export type { ProviderDeclaration, RateLimitDeclaration, UrlContext } from "./types";
export { netsuiteHostId } from "./netsuite";
export { normaliseActiveCampaignUrl } from "./activecampaign";

export const providerRegistry: Record<ProviderId, ProviderDeclaration> = { netsuite, hubspot, activecampaign };

export function getProvider(id: ProviderId): ProviderDeclaration {
  const provider = providerRegistry[id];
  if (!provider) throw new Error(`Unknown provider: ${id}`);
  return provider;
}

export function isProviderId(value: string): value is ProviderId {
  return Object.prototype.hasOwnProperty.call(providerRegistry, value);
}

/** The API base URL a connection uses: the custom one when given, else the vendor's production URL. */
export function resolveBaseUrl(provider: ProviderDeclaration, ctx: UrlContext): string {
  if (ctx.baseUrl && ctx.baseUrl.trim()) {
    const url = trimBaseUrl(ctx.baseUrl);
    return provider.id === "activecampaign" ? provider.defaultBaseUrl({ baseUrl: url })! : url;
  }
  const url = provider.defaultBaseUrl(ctx);
  if (!url) {
    throw new Error(
      provider.id === "activecampaign" ? "ActiveCampaign needs your API URL" : `${provider.displayName} needs the account ID`,
    );
  }
  return url;
}

/** True when the connection talks to the vendor's own production host (so OAuth URLs come from the templates). */
export function isProductionBaseUrl(provider: ProviderDeclaration, ctx: UrlContext): boolean {
  if (!ctx.baseUrl) return true;
  const production = provider.defaultBaseUrl({ accountId: ctx.accountId });
  return production !== null && trimBaseUrl(ctx.baseUrl) === production;
}

/** Authorize and token URLs: the vendor's templates, or the same paths on a custom base URL. */
export function oauthUrls(provider: ProviderDeclaration, ctx: UrlContext): { authorizeUrl: string; tokenUrl: string } {
  const oauth = provider.oauth;
  if (!oauth) throw new Error(`${provider.displayName} does not use OAuth`);
  if (isProductionBaseUrl(provider, ctx)) return { authorizeUrl: oauth.authorizeUrl(ctx), tokenUrl: oauth.tokenUrl(ctx) };
  const base = trimBaseUrl(ctx.baseUrl!);
  return { authorizeUrl: base + oauth.authorizePath, tokenUrl: base + oauth.tokenPath };
}

/** Client id and secret from the environment; the sandbox's client when unset (demo mode). */
export function oauthClient(provider: ProviderDeclaration): { clientId: string; clientSecret: string } {
  const oauth = provider.oauth;
  if (!oauth) throw new Error(`${provider.displayName} does not use OAuth`);
  return {
    clientId: process.env[oauth.clientIdEnv] || "sandbox-client-id",
    clientSecret: process.env[oauth.clientSecretEnv] || "sandbox-client-secret",
  };
}
