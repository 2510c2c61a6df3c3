import { createHash, createHmac, randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { form, sandboxForThisFile } from "./helpers";

const sandbox = sandboxForThisFile();
const BASIC = `Basic ${Buffer.from("sandbox-client-id:sandbox-client-secret").toString("base64")}`;
const REDIRECT = "http://localhost:3000/callback";

beforeAll(async () => {
  await sandbox.control("/netsuite/records", {
    locations: [{ id: 1, name: "London" }],
    customers: [
      { id: 110, firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", isPerson: true, globalSubscriptionStatus: 2 },
      { id: 111, firstName: "Bad", lastName: "Data", email: "not-an-email", isPerson: true },
    ],
    salesOrders: [
      { id: 18, tranId: "SO1001", tranDate: "2024-05-01", customerId: 110, locationId: 1, lastModifiedDate: "2024-05-01T08:00:00Z", lines: [{ quantity: 2, rate: 50 }] },
      { id: 19, tranId: "SO1002", tranDate: "2024-05-02", customerId: 110, locationId: 1, lastModifiedDate: "2024-05-02T23:59:00Z", lines: [{ quantity: 1, rate: 20 }, { quantity: 3, rate: 5 }] },
      { id: 20, tranId: "SO1003", tranDate: "2024-05-05", customerId: 111, locationId: 1, lastModifiedDate: "2024-05-05T12:00:00Z", lines: [{ quantity: 1, rate: 9.99 }] },
    ],
  });
});

describe("NetSuite record API", () => {
  it("lists sales orders changed in a date range (ids and links only)", async () => {
    const q = encodeURIComponent('lastModifiedDate ON_OR_AFTER "5/2/2024" AND lastModifiedDate BEFORE "5/6/2024"');
    const res = await sandbox.ns(`/services/rest/record/v1/salesOrder?q=${q}&limit=1`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ count: 1, hasMore: true, offset: 0, totalResults: 2, items: [{ id: "19" }] });
    expect(Object.keys(body.items[0]).sort()).toEqual(["id", "links"]);
    const after = encodeURIComponent('lastModifiedDate AFTER "5/1/2024"');
    const r2 = await (await sandbox.ns(`/services/rest/record/v1/salesOrder?q=${after}`)).json();
    expect(r2.items.map((i: { id: string }) => i.id)).toEqual(["19", "20"]);
  });

  it("rejects a date that is not M/D/YYYY with Unparseable date", async () => {
    const q = encodeURIComponent('lastModifiedDate AFTER "2024-05-01"');
    const res = await sandbox.ns(`/services/rest/record/v1/salesOrder?q=${q}`);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body["o:errorDetails"][0]).toMatchObject({ "o:errorCode": "INVALID_PARAMETER" });
    expect(body["o:errorDetails"][0].detail).toContain("Unparseable date:");
  });

  it("returns a sales order with positive subtotal, references and expanded items", async () => {
    const res = await sandbox.ns("/services/rest/record/v1/salesOrder/19?expandSubResources=true");
    const so = await res.json();
    expect(so).toMatchObject({
      id: "19",
      tranId: "SO1002",
      tranDate: "2024-05-02",
      lastModifiedDate: "2024-05-02T23:59:00Z",
      subtotal: 35,
      total: 35,
      entity: { id: "110", refName: "Ada Lovelace" },
      location: { id: "1", refName: "London" },
    });
    expect(so.item.items.map((l: { quantity: number; amount: number }) => [l.quantity, l.amount])).toEqual([[1, 20], [3, 15]]);
    const plain = await (await sandbox.ns("/services/rest/record/v1/salesOrder/19")).json();
    expect(Object.keys(plain.item)).toEqual(["links"]);
  });

  it("returns a customer with its subscription status reference, bad data as given", async () => {
    const c = await (await sandbox.ns("/services/rest/record/v1/customer/110")).json();
    expect(c).toMatchObject({ id: "110", altName: "Ada Lovelace", isPerson: true, email: "ada@example.com", globalSubscriptionStatus: { id: "2", refName: "Soft Opt-Out" } });
    const bad = await (await sandbox.ns("/services/rest/record/v1/customer/111")).json();
    expect(bad.email).toBe("not-an-email");
  });

  it("answers an unknown id with 404 NONEXISTENT_ID", async () => {
    for (const path of ["salesOrder/999999", "customer/4242", "salesOrder/abc"]) {
      const res = await sandbox.ns(`/services/rest/record/v1/${path}`);
      expect(res.status).toBe(404);
      expect((await res.json())["o:errorDetails"][0]["o:errorCode"]).toBe("NONEXISTENT_ID");
    }
  });

  it("rejects unknown bearer tokens with WWW-Authenticate and INVALID_LOGIN", async () => {
    const res = await sandbox.ns("/services/rest/record/v1/customer/110", { token: "nope" });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="SANDBOX", error="invalid_token", error_description="Invalid login attempt."');
    expect((await res.json())["o:errorDetails"][0]["o:errorCode"]).toBe("INVALID_LOGIN");
  });

  it("limits concurrent requests with the exact 429 body and no Retry-After", async () => {
    await sandbox.control("/config", { rateLimits: true, netsuiteConcurrency: 2 });
    await sandbox.control("/faults", { vendor: "netsuite", latencyMs: 300 });
    try {
      const responses = await Promise.all(Array.from({ length: 5 }, () => sandbox.ns("/services/rest/record/v1/customer/110")));
      const limited = responses.filter((r) => r.status === 429);
      expect(responses.filter((r) => r.status === 200)).toHaveLength(2);
      expect(limited).toHaveLength(3);
      expect(limited[0].headers.get("retry-after")).toBeNull();
      expect(await limited[0].json()).toEqual({
        type: "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html",
        title: "Bad Request",
        status: 429,
        "o:errorDetails": [{ detail: "Concurrent request limit exceeded. Request blocked.", "o:errorCode": "CONCURRENCY_LIMIT_EXCEEDED" }],
      });
      const calls = await sandbox.control("/calls");
      expect(calls.rateLimited["netsuite GET /services/rest/record/v1/customer/:id"]).toBe(3);
    } finally {
      await sandbox.control("/faults", undefined, "DELETE");
      await sandbox.control("/config", { rateLimits: false, netsuiteConcurrency: 5 });
    }
  });
});

describe("NetSuite OAuth 2.0", () => {
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const state = "state-0123456789-abcdefghij";
  const authorizeQuery = (overrides: Record<string, string> = {}) =>
    new URLSearchParams({
      response_type: "code",
      client_id: "sandbox-client-id",
      redirect_uri: REDIRECT,
      scope: "rest_webservices",
      state,
      code_challenge: challenge,
      code_challenge_method: "S256",
      ...overrides,
    });

  async function authorize(): Promise<URL> {
    const page = await fetch(`${sandbox.url}/app/login/oauth2/authorize.nl?${authorizeQuery()}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Approve");
    expect(html).toContain("rest_webservices");
    const res = await fetch(`${sandbox.url}/app/login/oauth2/authorize.nl`, form({ ...Object.fromEntries(authorizeQuery()), decision: "approve" }));
    expect(res.status).toBe(302);
    return new URL(res.headers.get("location")!);
  }

  const token = (body: Record<string, string>) =>
    fetch(`${sandbox.url}/services/rest/auth/oauth2/v1/token`, { ...form(body), headers: { "content-type": "application/x-www-form-urlencoded", authorization: BASIC } });

  it("exchanges a code with PKCE, refreshes, and refuses refresh after 7 days", async () => {
    const redirect = await authorize();
    expect(redirect.searchParams.get("state")).toBe(state);
    expect(redirect.searchParams.get("company")).toBe("SANDBOX");
    expect(redirect.searchParams.get("role")).toBeTruthy();
    expect(redirect.searchParams.get("entity")).toBeTruthy();
    const code = redirect.searchParams.get("code")!;

    const exchanged = await token({ grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: verifier });
    expect(exchanged.status).toBe(200);
    const tokens = await exchanged.json();
    expect(tokens).toMatchObject({ token_type: "bearer", expires_in: 3600 });
    expect(tokens.access_token.split(".")).toHaveLength(3);
    expect((await sandbox.ns("/services/rest/record/v1/customer/110", { token: tokens.access_token })).status).toBe(200);

    // Codes are single use.
    expect((await token({ grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: verifier })).status).toBe(400);

    await sandbox.control("/clock", { advanceSeconds: 3601 });
    expect((await sandbox.ns("/services/rest/record/v1/customer/110", { token: tokens.access_token })).status).toBe(401);
    const refreshed = await token({ grant_type: "refresh_token", refresh_token: tokens.refresh_token });
    expect(refreshed.status).toBe(200);
    const next = await refreshed.json();
    expect(next.refresh_token).toBeUndefined();
    expect((await sandbox.ns("/services/rest/record/v1/customer/110", { token: next.access_token })).status).toBe(200);

    await sandbox.control("/clock", { advanceSeconds: 7 * 86400 });
    const refused = await token({ grant_type: "refresh_token", refresh_token: tokens.refresh_token });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: "invalid_grant" });
    await sandbox.control("/clock", undefined, "DELETE");
  });

  it("rejects a code_verifier that does not match", async () => {
    const code = (await authorize()).searchParams.get("code")!;
    const res = await token({ grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: "wrong-verifier-wrong-verifier-wrong-verifier" });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe("invalid_grant");
  });

  it("validates the authorize request", async () => {
    const short = await fetch(`${sandbox.url}/app/login/oauth2/authorize.nl?${authorizeQuery({ state: "too-short" })}`, { redirect: "manual" });
    expect(short.status).toBe(302);
    expect(new URL(short.headers.get("location")!).searchParams.get("error")).toBe("invalid_request");
    const plain = await fetch(`${sandbox.url}/app/login/oauth2/authorize.nl?${authorizeQuery({ code_challenge_method: "plain" })}`, { redirect: "manual" });
    expect(new URL(plain.headers.get("location")!).searchParams.get("error")).toBe("invalid_request");
    const unknown = await fetch(`${sandbox.url}/app/login/oauth2/authorize.nl?${authorizeQuery({ client_id: "nobody" })}`, { redirect: "manual" });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get("location")).toBeNull();
    const denied = await fetch(`${sandbox.url}/app/login/oauth2/authorize.nl`, form({ ...Object.fromEntries(authorizeQuery()), decision: "deny" }));
    const location = new URL(denied.headers.get("location")!);
    expect(location.searchParams.get("error")).toBe("access_denied");
    expect(location.searchParams.get("state")).toBe(state);
  });

  it("rejects a wrong client secret", async () => {
    const res = await fetch(`${sandbox.url}/services/rest/auth/oauth2/v1/token`, {
      ...form({ grant_type: "refresh_token", refresh_token: "x" }),
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${Buffer.from("sandbox-client-id:wrong").toString("base64")}` },
    });
    expect(res.status).toBe(401);
  });
});

describe("NetSuite TBA (OAuth 1.0a HMAC-SHA256)", () => {
  const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

  /** Signs independently of the sandbox code, straight from RFC 5849. */
  function tbaHeader(method: string, url: string, tokenSecret = "sandbox-token-secret", nonce = randomBytes(8).toString("hex")): string {
    const u = new URL(url);
    const oauth: Record<string, string> = {
      oauth_consumer_key: "sandbox-consumer-key",
      oauth_token: "sandbox-token-id",
      oauth_signature_method: "HMAC-SHA256",
      oauth_timestamp: String(Math.floor(Date.now() / 1000)),
      oauth_nonce: nonce,
      oauth_version: "1.0",
    };
    const params = [...Object.entries(oauth), ...u.searchParams.entries()].map(([k, v]) => `${enc(k)}=${enc(v)}`).sort();
    const base = [method, enc(`${u.origin}${u.pathname}`), enc(params.join("&"))].join("&");
    const signature = createHmac("sha256", `${enc("sandbox-consumer-secret")}&${enc(tokenSecret)}`).update(base).digest("base64");
    const fields = { ...oauth, oauth_signature: signature };
    return `OAuth realm="SANDBOX", ${Object.entries(fields).map(([k, v]) => `${k}="${enc(v)}"`).join(", ")}`;
  }

  it("accepts a correctly signed request", async () => {
    const url = `${sandbox.url}/services/rest/query/v1/suiteql?limit=5`;
    const res = await fetch(url, {
      method: "POST",
      headers: { authorization: tbaHeader("POST", url), prefer: "transient", "content-type": "application/json" },
      body: JSON.stringify({ q: "SELECT id FROM customer ORDER BY id" }),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).count).toBe(2);
  });

  it("rejects a bad signature and a replayed nonce with token_rejected", async () => {
    const url = `${sandbox.url}/services/rest/record/v1/customer/110`;
    const bad = await fetch(url, { headers: { authorization: tbaHeader("GET", url, "wrong-secret") } });
    expect(bad.status).toBe(401);
    expect(bad.headers.get("www-authenticate")).toBe('OAuth realm="SANDBOX", error="token_rejected", error_description="Invalid login attempt."');
    const header = tbaHeader("GET", url);
    expect((await fetch(url, { headers: { authorization: header } })).status).toBe(200);
    expect((await fetch(url, { headers: { authorization: header } })).status).toBe(401);
  });
});
