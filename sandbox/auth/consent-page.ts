// The HTML consent screen both authorize endpoints show: client, scopes, Approve / Deny.
import { escapeHtml } from "../http";

export function consentPage(opts: { title: string; clientId: string; scopes: string[]; action: string; fields: Record<string, string> }): string {
  const hidden = Object.entries(opts.fields)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join("");
  const scopes = opts.scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join("");
  const button = (decision: string, label: string) =>
    `<form method="post" action="${escapeHtml(opts.action)}" style="display:inline">${hidden}<input type="hidden" name="decision" value="${decision}"><button type="submit" name="${decision}">${label}</button></form>`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(opts.title)}</title></head>
<body style="font-family:sans-serif;max-width:32rem;margin:3rem auto">
<h1>${escapeHtml(opts.title)}</h1>
<p>The application <strong>${escapeHtml(opts.clientId)}</strong> asks for access to:</p>
<ul>${scopes}</ul>
${button("approve", "Approve")} ${button("deny", "Deny")}
<p><small>Sandbox consent page (no real account involved).</small></p>
</body></html>`;
}

export function errorPage(title: string, message: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="font-family:sans-serif;max-width:32rem;margin:3rem auto"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`;
}

/** Appends query parameters to a redirect URI that may already carry some. */
export function withQuery(uri: string, params: Record<string, string>): string {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}
