// NetSuite OAuth 2.0 authorization-code flow with PKCE (§1.2): consent page and token endpoint.
import type { AuthorizeEndpoint } from "../auth/authorize";
import { NETSUITE_ACCESS_TTL_S, NETSUITE_REFRESH_TTL_S, pkceChallenge } from "../auth/credentials";
import { formBody, json, type Reply, type RequestContext } from "../http";
import type { SandboxCore } from "../vendor";

export const AUTHORIZE_PATH = "/app/login/oauth2/authorize.nl";
const SCOPES = ["rest_webservices", "restlets", "suite_analytics"];
const REDIRECT_EXTRAS = { role: "3", entity: "-5", company: "SANDBOX" };

/** NetSuite demands response_type=code, a long state, known scopes and S256 PKCE. */
export const netsuiteAuthorize: AuthorizeEndpoint = {
  vendor: "netsuite",
  path: AUTHORIZE_PATH,
  title: "NetSuite (sandbox): authorize application",
  redirectExtras: REDIRECT_EXTRAS,
  checkParams(p, base) {
    const state = p.get("state") ?? "";
    if (p.get("response_type") !== "code") return { error: "unsupported_response_type" };
    if (state.length < 22 || state.length > 1024 || !/^[\x20-\x7e]+$/.test(state)) return { error: "invalid_request" };
    const scopes = (p.get("scope") ?? "").split(/[\s+]+/).filter(Boolean);
    const scopesOk = scopes.length > 0 && (scopes.join() === "mcp" || scopes.every((s) => SCOPES.includes(s)));
    if (!scopesOk) return { error: "invalid_scope" };
    const codeChallenge = p.get("code_challenge") ?? "";
    if (p.get("code_challenge_method") !== "S256" || !codeChallenge) return { error: "invalid_request" };
    return { ...base, state, scopes, codeChallenge };
  },
};

const oauthError = (status: number, error: string, description?: string) =>
  json(status, description ? { error, error_description: description } : { error });

function basicAuth(header: string | undefined): { id: string; secret: string } | null {
  const m = /^Basic\s+(\S+)$/i.exec(header ?? "");
  if (!m) return null;
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? null : { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

export function token(ctx: RequestContext, core: SandboxCore): Reply {
  const basic = basicAuth(ctx.headers.authorization);
  const client = basic && core.credentials.client("netsuite", basic.id);
  if (!basic || !client || client.clientSecret !== basic.secret) return oauthError(401, "invalid_client");
  const form = formBody(ctx);
  const now = core.clock.now();

  if (form.get("grant_type") === "authorization_code") {
    const code = core.credentials.takeCode("netsuite", form.get("code") ?? "", now);
    if (!code || code.clientId !== client.clientId || code.redirectUri !== form.get("redirect_uri")) return oauthError(400, "invalid_grant");
    const verifier = form.get("code_verifier");
    if (code.codeChallenge && (!verifier || pkceChallenge(verifier) !== code.codeChallenge)) return oauthError(400, "invalid_grant");
    const access = core.credentials.issueAccessToken("netsuite", client.clientId, code.scopes, NETSUITE_ACCESS_TTL_S, now);
    const refresh = core.credentials.issueRefreshGrant("netsuite", client.clientId, code.scopes, NETSUITE_REFRESH_TTL_S, now);
    return json(200, { access_token: access.token, refresh_token: refresh.token, expires_in: NETSUITE_ACCESS_TTL_S, token_type: "bearer" });
  }

  if (form.get("grant_type") === "refresh_token") {
    if (core.faults.refusesRefresh("netsuite")) return oauthError(400, "invalid_grant");
    const grant = core.credentials.refreshGrant("netsuite", form.get("refresh_token") ?? "", now);
    if (!grant || grant.clientId !== client.clientId) return oauthError(400, "invalid_grant");
    // Confidential client: a new access token only; the refresh token keeps its original expiry.
    const access = core.credentials.issueAccessToken("netsuite", client.clientId, grant.scopes, NETSUITE_ACCESS_TTL_S, now);
    return json(200, { access_token: access.token, expires_in: NETSUITE_ACCESS_TTL_S, token_type: "bearer" });
  }

  return oauthError(400, "unsupported_grant_type");
}
