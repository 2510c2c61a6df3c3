import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { VendorError } from "@/lib/connectors/errors";
import { VendorHttp, formatZodIssue } from "@/lib/connectors/http";
import { signatureBaseString, tbaAuthorizationHeader } from "@/lib/connectors/oauth1";
import { createPacer, type Clock } from "@/lib/connectors/pacing";
import { getProvider, oauthUrls, resolveBaseUrl } from "@/lib/connectors/providers";

/** A fake clock: sleeping advances time instantly and is recorded. */
function fakeClock(start = 1_000_000): Clock & { sleeps: number[]; t: number } {
  const c = {
    t: start,
    sleeps: [] as number[],
    now: () => c.t,
    sleep: async (ms: number) => {
      c.sleeps.push(ms);
      c.t += Math.max(0, ms);
    },
  };
  return c;
}

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };
function scriptedFetch(clock: { now: () => number }, replies: Reply[]) {
  const calls: { at: number; url: string; init?: RequestInit }[] = [];
  const impl = (async (url: string, init?: RequestInit) => {
    calls.push({ at: clock.now(), url: String(url), init });
    const reply = replies[Math.min(calls.length - 1, replies.length - 1)];
    return new Response(reply.body === undefined ? "" : JSON.stringify(reply.body), { status: reply.status, headers: reply.headers });
  }) as unknown as typeof fetch;
  return { impl, calls };
}

const ok = z.object({ ok: z.boolean() });

function http(provider: "netsuite" | "hubspot" | "activecampaign", clock: Clock, f: typeof fetch, extra = {}) {
  const p = getProvider(provider);
  return new VendorHttp(p, createPacer(p.rateLimits), null, { clock, fetch: f, random: () => 0.5, ...extra });
}

describe("HTTP policy", () => {
  it("honours Retry-After on 429: no request before it elapses", async () => {
    const clock = fakeClock();
    const f = scriptedFetch(clock, [
      { status: 429, body: { message: "slow down" }, headers: { "retry-after": "7" } },
      { status: 200, body: { ok: true } },
    ]);
    const res = await http("activecampaign", clock, f.impl).request({ operation: "x", method: "GET", url: "https://a.test/x", schema: ok });
    expect(res).toEqual({ ok: true });
    expect(f.calls).toHaveLength(2);
    expect(f.calls[1].at - f.calls[0].at).toBeGreaterThanOrEqual(7000);
  });

  it("retries NetSuite's 429 (no Retry-After) with exponential backoff and gives up after bounded attempts", async () => {
    const clock = fakeClock();
    const body = {
      type: "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html",
      title: "Bad Request",
      status: 429,
      "o:errorDetails": [{ detail: "Concurrent request limit exceeded. Request blocked.", "o:errorCode": "CONCURRENCY_LIMIT_EXCEEDED" }],
    };
    const f = scriptedFetch(clock, [{ status: 429, body }]);
    const err = await http("netsuite", clock, f.impl, { maxAttempts: 4, baseDelayMs: 100 })
      .request({ operation: "getSalesOrder", method: "GET", url: "https://n.test/x", schema: ok })
      .catch((e) => e);
    expect(err).toBeInstanceOf(VendorError);
    expect(err).toMatchObject({ vendor: "netsuite", operation: "getSalesOrder", status: 429, code: "CONCURRENCY_LIMIT_EXCEEDED", retriable: true });
    expect(f.calls).toHaveLength(4);
    // backoff doubles (with jitter in [exp/2, exp]): 100, 200, 400 → 75, 150, 300 at random=0.5
    expect(clock.sleeps).toEqual([75, 150, 300]);
  });

  it("does not retry other 4xx and reports the vendor's code and message", async () => {
    const clock = fakeClock();
    const f = scriptedFetch(clock, [
      { status: 400, body: { status: "error", message: "Property values were not valid", category: "VALIDATION_ERROR", correlationId: "c" } },
    ]);
    const err = await http("hubspot", clock, f.impl)
      .request({ operation: "createTask", method: "POST", url: "https://h.test/x", json: {}, schema: ok })
      .catch((e) => e);
    expect(f.calls).toHaveLength(1);
    expect(err).toMatchObject({ status: 400, code: "VALIDATION_ERROR", retriable: false });
    expect(err.message).toBe("hubspot.createTask: HTTP 400 VALIDATION_ERROR Property values were not valid");
  });

  it("retries 5xx and network errors", async () => {
    const clock = fakeClock();
    let n = 0;
    const f = (async () => {
      n++;
      if (n === 1) throw new TypeError("fetch failed");
      if (n === 2) return new Response("{}", { status: 503 });
      return new Response(JSON.stringify({ ok: true }), { status: 200 });
    }) as unknown as typeof fetch;
    await expect(http("hubspot", clock, f).request({ operation: "x", method: "GET", url: "https://h.test/", schema: ok })).resolves.toEqual({ ok: true });
    expect(n).toBe(3);
  });

  it("a malformed payload is a VendorError naming the operation and the field path", async () => {
    const clock = fakeClock();
    const f = scriptedFetch(clock, [{ status: 200, body: { status: "COMPLETE", results: [{ id: 512, new: true, properties: {} }] } }]);
    const schema = z.object({ status: z.string(), results: z.array(z.object({ id: z.string(), new: z.boolean() })) });
    const err = await http("hubspot", clock, f.impl)
      .request({ operation: "batchUpsertContacts", method: "POST", url: "https://h.test/", json: {}, schema })
      .catch((e) => e);
    expect(err).toBeInstanceOf(VendorError);
    expect(err.message).toMatch(/^hubspot\.batchUpsertContacts: response\.results\[0\]\.id: expected string/);
    expect(formatZodIssue(schema.safeParse({ status: 1, results: [] }).error!)).toMatch(/^response\.status: expected string/);
  });

  it("paces HubSpot search at 5 per second, separately from the 110 per 10 s bucket", async () => {
    const clock = fakeClock();
    const f = scriptedFetch(clock, [{ status: 200, body: { ok: true } }]);
    const h = http("hubspot", clock, f.impl);
    for (let i = 0; i < 11; i++) await h.request({ operation: "s", method: "POST", url: "https://h.test/search", json: {}, schema: ok, bucket: "search" });
    const starts = f.calls.map((c) => c.at);
    for (let i = 5; i < starts.length; i++) expect(starts[i] - starts[i - 5]).toBeGreaterThanOrEqual(1000);
    // the default bucket is not slowed by the search bucket
    const before = clock.now();
    for (let i = 0; i < 20; i++) await h.request({ operation: "r", method: "GET", url: "https://h.test/r", schema: ok });
    expect(clock.now()).toBe(before);
  });

  it("limits NetSuite to 5 concurrent requests by default", async () => {
    let active = 0;
    let peak = 0;
    const f = (async () => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 20));
      active--;
      return new Response(JSON.stringify({ ok: true }), { status: 200 });
    }) as unknown as typeof fetch;
    const h = http("netsuite", fakeClock(), f);
    await Promise.all(Array.from({ length: 12 }, () => h.request({ operation: "x", method: "GET", url: "https://n.test/", schema: ok })));
    expect(peak).toBe(5);
  });

  it("times out a hung request and retries it", async () => {
    let n = 0;
    const server = createServer((req, res) => {
      n++;
      if (n === 1) return; // never answers
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ ok: true }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const p = getProvider("hubspot");
      const h = new VendorHttp(p, createPacer([]), null, { timeoutMs: 200, baseDelayMs: 10 });
      await expect(h.request({ operation: "x", method: "GET", url, schema: ok })).resolves.toEqual({ ok: true });
      expect(n).toBe(2);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it("real time: a 429 with Retry-After: 1 is retried no sooner than 1 s later", async () => {
    const seen: number[] = [];
    const server = createServer((req, res) => {
      seen.push(performance.now());
      res.setHeader("content-type", "application/json");
      if (seen.length === 1) {
        res.statusCode = 429;
        res.setHeader("retry-after", "1");
        res.end("{}");
      } else res.end(JSON.stringify({ ok: true }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const p = getProvider("activecampaign");
      const h = new VendorHttp(p, createPacer(p.rateLimits), null, {});
      await expect(h.request({ operation: "x", method: "GET", url, schema: ok })).resolves.toEqual({ ok: true });
      expect(seen).toHaveLength(2);
      expect(seen[1] - seen[0]).toBeGreaterThanOrEqual(1000);
    } finally {
      server.close();
    }
  });
});

describe("providers as data", () => {
  it("builds NetSuite's account-specific hosts (lower case, _ → -)", () => {
    const ns = getProvider("netsuite");
    expect(resolveBaseUrl(ns, { accountId: "1234567_SB1" })).toBe("https://1234567-sb1.suitetalk.api.netsuite.com");
    expect(oauthUrls(ns, { accountId: "1234567_SB1" })).toEqual({
      authorizeUrl: "https://1234567-sb1.app.netsuite.com/app/login/oauth2/authorize.nl",
      tokenUrl: "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token",
    });
    expect(oauthUrls(ns, { accountId: "X", baseUrl: "http://127.0.0.1:4010/" })).toEqual({
      authorizeUrl: "http://127.0.0.1:4010/app/login/oauth2/authorize.nl",
      tokenUrl: "http://127.0.0.1:4010/services/rest/auth/oauth2/v1/token",
    });
  });

  it("uses HubSpot's production OAuth hosts unless a custom base URL is set", () => {
    const hs = getProvider("hubspot");
    expect(oauthUrls(hs, {})).toEqual({ authorizeUrl: "https://app.hubspot.com/oauth/authorize", tokenUrl: "https://api.hubapi.com/oauth/v1/token" });
    expect(oauthUrls(hs, { baseUrl: "https://api.hubapi.com" }).authorizeUrl).toBe("https://app.hubspot.com/oauth/authorize");
    expect(oauthUrls(hs, { baseUrl: "http://localhost:9/" }).tokenUrl).toBe("http://localhost:9/oauth/v1/token");
    expect(resolveBaseUrl(getProvider("activecampaign"), { baseUrl: "https://acme.api-us1.com/api/3/" })).toBe("https://acme.api-us1.com");
  });
});

describe("NetSuite TBA (OAuth 1.0a, RFC 5849)", () => {
  it("builds the RFC 5849 §3.4.1.1 signature base string", () => {
    // The RFC's own example (its signature method differs, the base string rules do not).
    const base = signatureBaseString(
      "POST",
      "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b",
      {
        oauth_consumer_key: "9djdj82h48djs9d2",
        oauth_token: "kkk9d7dh3k39sjv7",
        oauth_signature_method: "HMAC-SHA1",
        oauth_timestamp: "137131201",
        oauth_nonce: "7d8f3e4a",
      },
      [
        ["c2", ""],
        ["a3", "2 q"],
      ],
    );
    expect(base).toBe(
      "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7",
    );
  });

  it("signs with HMAC-SHA256 and puts the realm first", () => {
    const header = tbaAuthorizationHeader(
      {
        method: "GET",
        url: "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer/1",
        realm: "1234567_SB1",
        credentials: { consumerKey: "ck", consumerSecret: "cs", tokenId: "ti", tokenSecret: "ts" },
      },
      () => 1_700_000_000_000,
      () => "nonce",
    );
    expect(header).toMatch(/^OAuth realm="1234567_SB1", oauth_consumer_key="ck", oauth_token="ti", oauth_signature_method="HMAC-SHA256", oauth_timestamp="1700000000", oauth_nonce="nonce", oauth_version="1.0", oauth_signature="[^"]+"$/);
  });
});
