import { createHmac, randomBytes } from "node:crypto";

/** RFC 3986 percent-encoding as OAuth 1.0a requires (RFC 5849 §3.6). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export type TbaCredentials = { consumerKey: string; consumerSecret: string; tokenId: string; tokenSecret: string };

/** RFC 5849 §3.4.1 signature base string: METHOD & base URI & normalised parameters. */
export function signatureBaseString(method: string, url: string, oauthParams: Record<string, string>, bodyParams: [string, string][] = []): string {
  const u = new URL(url);
  const port = u.port && !((u.protocol === "http:" && u.port === "80") || (u.protocol === "https:" && u.port === "443")) ? `:${u.port}` : "";
  const baseUri = `${u.protocol}//${u.hostname.toLowerCase()}${port}${u.pathname}`;
  const pairs: [string, string][] = [];
  for (const [k, v] of u.searchParams) pairs.push([percentEncode(k), percentEncode(v)]);
  for (const [k, v] of Object.entries(oauthParams)) pairs.push([percentEncode(k), percentEncode(v)]);
  for (const [k, v] of bodyParams) pairs.push([percentEncode(k), percentEncode(v)]);
  pairs.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const normalised = pairs.map(([k, v]) => `${k}=${v}`).join("&");
  return [method.toUpperCase(), percentEncode(baseUri), percentEncode(normalised)].join("&");
}

/**
 * NetSuite token-based authentication header: OAuth 1.0a, HMAC-SHA256, realm = the account id
 * as NetSuite writes it (e.g. `1234567_SB1`).
 */
export function tbaAuthorizationHeader(
  input: { method: string; url: string; realm: string; credentials: TbaCredentials },
  now: () => number = Date.now,
  nonce: () => string = () => randomBytes(16).toString("hex"),
): string {
  const params: Record<string, string> = {
    oauth_consumer_key: input.credentials.consumerKey,
    oauth_token: input.credentials.tokenId,
    oauth_signature_method: "HMAC-SHA256",
    oauth_timestamp: String(Math.floor(now() / 1000)),
    oauth_nonce: nonce(),
    oauth_version: "1.0",
  };
  const base = signatureBaseString(input.method, input.url, params);
  const key = `${percentEncode(input.credentials.consumerSecret)}&${percentEncode(input.credentials.tokenSecret)}`;
  const signature = createHmac("sha256", key).update(base).digest("base64");
  const fields: [string, string][] = [["realm", input.realm], ...Object.entries(params), ["oauth_signature", signature]];
  return "OAuth " + fields.map(([k, v]) => `${k}="${percentEncode(v)}"`).join(", ");
}
