// The authorize endpoint both OAuth vendors share: check client and redirect URI, show the consent
// page (GET), then redirect back with a code or access_denied (POST). Vendors differ only in which
// parameters they demand and what they add to the redirect.
import { formBody, type Reply, type RequestContext } from "../http";
import type { SandboxCore } from "../vendor";
import { consentPage, errorPage, withQuery } from "./consent-page";
import type { OAuthVendor } from "./credentials";

export type AuthorizeRequest = { clientId: string; redirectUri: string; state: string | null; scopes: string[]; codeChallenge?: string };

type Checked = { ok: true; request: AuthorizeRequest } | { ok: false; reply: Reply };

export type AuthorizeEndpoint = {
  vendor: OAuthVendor;
  path: string;
  title: string;
  /** Vendor-specific checks once client and redirect URI are trusted: an OAuth error code, or the request. */
  checkParams(p: URLSearchParams, base: { clientId: string; redirectUri: string }): { error: string } | AuthorizeRequest;
  /** Extra query parameters the vendor adds to a successful redirect. */
  redirectExtras?: Record<string, string>;
};

function check(endpoint: AuthorizeEndpoint, core: SandboxCore, p: URLSearchParams): Checked {
  const clientId = p.get("client_id") ?? "";
  const redirectUri = p.get("redirect_uri") ?? "";
  const client = core.credentials.client(endpoint.vendor, clientId);
  // Without a trustworthy redirect target the vendor shows an error page instead of redirecting.
  if (!client) return { ok: false, reply: { status: 400, html: errorPage("Invalid client", `Unknown client_id "${clientId}".`) } };
  if (!core.credentials.redirectAllowed(client, redirectUri)) {
    return { ok: false, reply: { status: 400, html: errorPage("Invalid redirect URI", `redirect_uri "${redirectUri}" is not registered for this client.`) } };
  }
  const result = endpoint.checkParams(p, { clientId, redirectUri });
  if ("error" in result) {
    const state = p.get("state");
    return { ok: false, reply: { status: 302, redirect: withQuery(redirectUri, state === null ? { error: result.error } : { error: result.error, state }) } };
  }
  return { ok: true, request: result };
}

export function showAuthorize(endpoint: AuthorizeEndpoint, ctx: RequestContext, core: SandboxCore): Reply {
  const checked = check(endpoint, core, ctx.query);
  if (!checked.ok) return checked.reply;
  const { clientId, scopes } = checked.request;
  return { status: 200, html: consentPage({ title: endpoint.title, clientId, scopes, action: endpoint.path, fields: Object.fromEntries(ctx.query) }) };
}

export function decideAuthorize(endpoint: AuthorizeEndpoint, ctx: RequestContext, core: SandboxCore): Reply {
  const form = formBody(ctx);
  const checked = check(endpoint, core, form);
  if (!checked.ok) return checked.reply;
  const { request } = checked;
  const state: Record<string, string> = request.state === null ? {} : { state: request.state };
  if (form.get("decision") !== "approve") return { status: 302, redirect: withQuery(request.redirectUri, { error: "access_denied", ...state }) };
  const code = core.credentials.issueCode(
    { vendor: endpoint.vendor, clientId: request.clientId, redirectUri: request.redirectUri, scopes: request.scopes, codeChallenge: request.codeChallenge },
    core.clock.now(),
  );
  return { status: 302, redirect: withQuery(request.redirectUri, { ...state, ...endpoint.redirectExtras, code }) };
}
