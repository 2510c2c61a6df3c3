// NetSuite token-based auth: OAuth 1.0a with HMAC-SHA256, verified per RFC 5849 §3.4.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { TbaCredentials } from "./credentials";

const MAX_CLOCK_SKEW_S = 300;

/** RFC 3986 percent-encoding, as OAuth 1.0a requires (encodeURIComponent leaves !'()* alone). */
export function oauthEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function parseOAuthHeader(header: string): Record<string, string> | null {
  if (!/^OAuth\s/i.test(header)) return null;
  const params: Record<string, string> = {};
  for (const m of header.slice(6).matchAll(/([\w-]+)\s*=\s*"([^"]*)"/g)) params[m[1]] = decodeURIComponent(m[2]);
  return params;
}

export function signatureBaseString(method: string, baseUrl: string, params: [string, string][]): string {
  const normalized = params
    .map(([k, v]) => [oauthEncode(k), oauthEncode(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak === bk ? (av < bv ? -1 : av > bv ? 1 : 0) : ak < bk ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  return [method.toUpperCase(), oauthEncode(baseUrl), oauthEncode(normalized)].join("&");
}

export function hmacSha256Signature(baseString: string, consumerSecret: string, tokenSecret: string): string {
  return createHmac("sha256", `${oauthEncode(consumerSecret)}&${oauthEncode(tokenSecret)}`).update(baseString).digest("base64");
}

export interface TbaRequest {
  method: string;
  /** scheme://host[:port]/path with no query. */
  baseUrl: string;
  query: URLSearchParams;
  authorization: string;
  nowMs: number;
}

/** Remembers nonces per consumer key + timestamp so a captured request cannot be replayed. */
export class TbaVerifier {
  private readonly seenNonces = new Set<string>();

  verify(req: TbaRequest, registered: TbaCredentials[]): { ok: true; tokenId: string } | { ok: false; reason: string } {
    const p = parseOAuthHeader(req.authorization);
    if (!p) return { ok: false, reason: "not an OAuth header" };
    const required = ["oauth_consumer_key", "oauth_token", "oauth_signature_method", "oauth_timestamp", "oauth_nonce", "oauth_signature"];
    const missing = required.filter((k) => !p[k]);
    if (missing.length) return { ok: false, reason: `missing ${missing.join(", ")}` };
    if (p.oauth_signature_method !== "HMAC-SHA256") return { ok: false, reason: "only HMAC-SHA256 is supported" };
    if (p.oauth_version && p.oauth_version !== "1.0") return { ok: false, reason: "oauth_version must be 1.0" };
    const creds = registered.find((c) => c.consumerKey === p.oauth_consumer_key && c.tokenId === p.oauth_token);
    if (!creds) return { ok: false, reason: "unknown consumer key or token" };
    if (Math.abs(Number(p.oauth_timestamp) - req.nowMs / 1000) > MAX_CLOCK_SKEW_S) return { ok: false, reason: "timestamp out of range" };

    const params: [string, string][] = Object.entries(p).filter(([k]) => k !== "oauth_signature" && k !== "realm");
    for (const [k, v] of req.query) params.push([k, v]);
    const expected = hmacSha256Signature(signatureBaseString(req.method, req.baseUrl, params), creds.consumerSecret, creds.tokenSecret);
    const a = Buffer.from(expected);
    const b = Buffer.from(p.oauth_signature);
    if (a.length !== b.length || !timingSafeEqual(a, b)) return { ok: false, reason: "signature mismatch" };

    const nonceKey = `${p.oauth_consumer_key}:${p.oauth_timestamp}:${p.oauth_nonce}`;
    if (this.seenNonces.has(nonceKey)) return { ok: false, reason: "nonce already used" };
    this.seenNonces.add(nonceKey);
    return { ok: true, tokenId: creds.tokenId };
  }
}
