// HubSpot OAuth: consent page, code exchange and refresh (§2.1), token info for connection tests.
import { randomUUID } from "node:crypto";
import type { AuthorizeEndpoint } from "../auth/authorize";
import { HUBSPOT_ACCESS_TTL_S, pkceChallenge } from "../auth/credentials";
import { formBody, json, type Reply, type RequestContext } from "../http";
import type { SandboxCore } from "../vendor";
import { hubspotError } from "./errors";
import { HUB_ID } from "./store";

export const AUTHORIZE_PATH = "/oauth/authorize";

/** HubSpot accepts a missing response_type and optional scopes; PKCE is optional. */
export const hubspotAuthorize: AuthorizeEndpoint = {
  vendor: "hubspot",
  path: AUTHORIZE_PATH,
  title: "HubSpot (sandbox): connect app",
  checkParams(p, base) {
    const responseType = p.get("response_type");
    if (responseType !== null && responseType !== "code") return { error: "unsupported_response_type" };
    const scopes = [...(p.get("scope") ?? "").split(/[\s+]+/), ...(p.get("optional_scope") ?? "").split(/[\s+]+/)].filter(Boolean);
    if (scopes.length === 0) return { error: "invalid_scope" };
    const codeChallenge = p.get("code_challenge") ?? undefined;
    if (codeChallenge && p.get("code_challenge_method") !== "S256") return { error: "invalid_request" };
    return { ...base, state: p.get("state"), scopes, codeChallenge };
  },
};

/** The standardised OAuth error form (2025 changelog) plus the legacy status/message/correlationId. */
function oauthError(error: string, status: string, message: string): Reply {
  return json(400, { error, error_description: message, status, message, correlationId: randomUUID() });
}

export function token(ctx: RequestContext, core: SandboxCore): Reply {
  const form = formBody(ctx);
  const client = core.credentials.client("hubspot", form.get("client_id") ?? "");
  if (!client || client.clientSecret !== form.get("client_secret")) return oauthError("invalid_client", "BAD_CLIENT_ID", "missing or invalid client_id / client_secret");
  const now = core.clock.now();
  const respond = (accessScopes: string[], refreshToken: string) => {
    const access = core.credentials.issueAccessToken("hubspot", client.clientId, accessScopes, HUBSPOT_ACCESS_TTL_S, now);
    return json(200, { token_type: "bearer", refresh_token: refreshToken, access_token: access.token, expires_in: HUBSPOT_ACCESS_TTL_S, hub_id: HUB_ID, scopes: accessScopes });
  };

  if (form.get("grant_type") === "authorization_code") {
    const code = core.credentials.takeCode("hubspot", form.get("code") ?? "", now);
    if (!code || code.clientId !== client.clientId) return oauthError("invalid_grant", "BAD_AUTH_CODE", "auth code not found, expired or already used");
    if (code.redirectUri !== form.get("redirect_uri")) return oauthError("invalid_grant", "BAD_REDIRECT_URI", "redirect_uri does not match the one used to authorize");
    const verifier = form.get("code_verifier");
    if (code.codeChallenge && (!verifier || pkceChallenge(verifier) !== code.codeChallenge)) return oauthError("invalid_grant", "BAD_AUTH_CODE", "code_verifier does not match");
    const refresh = core.credentials.issueRefreshGrant("hubspot", client.clientId, code.scopes, null, now);
    return respond(code.scopes, refresh.token);
  }

  if (form.get("grant_type") === "refresh_token") {
    const refreshToken = form.get("refresh_token") ?? "";
    const grant = core.faults.refusesRefresh("hubspot") ? undefined : core.credentials.refreshGrant("hubspot", refreshToken, now);
    if (!grant || grant.clientId !== client.clientId) return oauthError("invalid_grant", "BAD_REFRESH_TOKEN", "refresh token is invalid, expired or revoked");
    // HubSpot refresh tokens are long-lived: the same one comes back.
    return respond(grant.scopes, refreshToken);
  }

  return oauthError("unsupported_grant_type", "BAD_GRANT_TYPE", "grant_type must be authorization_code or refresh_token");
}

export function tokenInfo(ctx: RequestContext, core: SandboxCore): Reply {
  const now = core.clock.now();
  const check = core.credentials.checkBearer("hubspot", ctx.params.token, now);
  if (check.status !== "ok") return hubspotError(404, "OBJECT_NOT_FOUND", "The access token is expired or invalid.");
  const t = check.token;
  return json(200, {
    token: t.token,
    user: "sandbox-user@example.com",
    hub_domain: `sandbox-${HUB_ID}.hubspot.com`,
    scopes: t.scopes,
    scope_to_scope_group_pks: [],
    trial_scopes: [],
    trial_scope_to_scope_group_pks: [],
    hub_id: HUB_ID,
    app_id: 1,
    expires_in: t.expiresAt === null ? 0 : Math.max(0, Math.floor((t.expiresAt - now) / 1000)),
    user_id: 1,
    token_type: "access",
  });
}
