// NetSuite OAuth 2.0 authorization-code flow with PKCE (§1.2): consent page and token endpoint.
import { consentPage, errorPage, withQuery } from "../auth/consent-page";
import { NETSUITE_ACCESS_TTL_S, NETSUITE_REFRESH_TTL_S, pkceChallenge } from "../auth/credentials";
import { formBody, json, type Reply, type RequestContext } from "../http";
import type { SandboxCore } from "../vendor";

export const AUTHORIZE_PATH = "/app/login/oauth2/authorize.nl";
const SCOPES = ["rest_webservices", "restlets", "suite_analytics"];
const REDIRECT_EXTRAS = { role: "3", entity: "-5", company: "SANDBOX" };

type Validated = { ok: true; clientId: string; redirectUri: string; state: string; scopes: string[]; codeChallenge: string } | { ok: false; reply: Reply };

function validate(core: SandboxCore, p: URLSearchParams): Validated {
  const clientId = p.get("client_id") ?? "";
  const redirectUri = p.get("redirect_uri") ?? "";
  const client = core.credentials.client("netsuite", clientId);
  // Without a trustworthy redirect target NetSuite shows an error page instead of redirecting.
  if (!client) return { ok: false, reply: { status: 400, html: errorPage("Invalid client", `Unknown client_id "${clientId}".`) } };
  if (!core.credentials.redirectAllowed(client, redirectUri)) {
    return { ok: false, reply: { status: 400, html: errorPage("Invalid redirect URI", `redirect_uri "${redirectUri}" is not registered for this client.`) } };
  }
  const state = p.get("state") ?? "";
  const fail = (error: string) => ({ ok: false as const, reply: { status: 302, redirect: withQuery(redirectUri, { error, state }) } });
  if (p.get("response_type") !== "code") return fail("unsupported_response_type");
  if (state.length < 22 || state.length > 1024 || !/^[\x20-\x7e]+$/.test(state)) return fail("invalid_request");
  const scopes = (p.get("scope") ?? "").split(/[\s+]+/).filter(Boolean);
  const scopesOk = scopes.length > 0 && (scopes.join() === "mcp" || scopes.every((s) => SCOPES.includes(s)));
  if (!scopesOk) return fail("invalid_scope");
  const codeChallenge = p.get("code_challenge") ?? "";
  if (p.get("code_challenge_method") !== "S256" || !codeChallenge) return fail("invalid_request");
  return { ok: true, clientId, redirectUri, state, scopes, codeChallenge };
}

export function showAuthorize(ctx: RequestContext, core: SandboxCore): Reply {
  const v = validate(core, ctx.query);
  if (!v.ok) return v.reply;
  return {
    status: 200,
    html: consentPage({ title: "NetSuite (sandbox): authorize application", clientId: v.clientId, scopes: v.scopes, action: AUTHORIZE_PATH, fields: Object.fromEntries(ctx.query) }),
  };
}

export function decideAuthorize(ctx: RequestContext, core: SandboxCore): Reply {
  const form = formBody(ctx);
  const v = validate(core, form);
  if (!v.ok) return v.reply;
  if (form.get("decision") !== "approve") return { status: 302, redirect: withQuery(v.redirectUri, { error: "access_denied", state: v.state }) };
  const code = core.credentials.issueCode(
    { vendor: "netsuite", clientId: v.clientId, redirectUri: v.redirectUri, scopes: v.scopes, codeChallenge: v.codeChallenge },
    core.clock.now(),
  );
  return { status: 302, redirect: withQuery(v.redirectUri, { state: v.state, ...REDIRECT_EXTRAS, code }) };
}

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
