// Shared helpers: one sandbox per test file, talked to over real HTTP.
import { afterAll, beforeAll } from "vitest";
import { startSandbox, type RunningSandbox } from "../../sandbox/server";

export const NS_TOKEN = "sandbox-netsuite-token";
export const HS_TOKEN = "pat-na1-sandbox-hubspot-token";
export const AC_KEY = "sandbox-activecampaign-key";

export interface Sandbox {
  url: string;
  // JSON from the control API; each test asserts the shape it relies on.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  control(path: string, body?: unknown, method?: string): Promise<any>;
  ns(path: string, init?: RequestInit & { token?: string }): Promise<Response>;
  suiteql(q: string, query?: string, headers?: Record<string, string>): Promise<Response>;
  hs(method: string, path: string, body?: unknown, token?: string): Promise<Response>;
  ac(method: string, path: string, body?: unknown, key?: string): Promise<Response>;
}

/** Starts a sandbox for the file (rate limits off unless a test turns them on). */
export function sandboxForThisFile(): Sandbox {
  let running: RunningSandbox;
  beforeAll(async () => {
    running = await startSandbox({ port: 0, rateLimits: false });
  });
  afterAll(async () => {
    await running?.close();
  });
  const sandbox: Sandbox = {
    get url() {
      return running.url;
    },
    async control(path, body, method = body === undefined ? "GET" : "POST") {
      const res = await fetch(`${running.url}/_sandbox${path}`, {
        method,
        headers: { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`control ${path}: ${res.status} ${await res.text()}`);
      return res.json();
    },
    ns(path, init = {}) {
      const { token = NS_TOKEN, ...rest } = init;
      return fetch(`${running.url}${path}`, { ...rest, headers: { authorization: `Bearer ${token}`, ...(rest.headers as Record<string, string>) } });
    },
    suiteql(q, query = "", headers = { prefer: "transient" }) {
      return fetch(`${running.url}/services/rest/query/v1/suiteql${query}`, {
        method: "POST",
        headers: { authorization: `Bearer ${NS_TOKEN}`, "content-type": "application/json", ...headers },
        body: JSON.stringify({ q }),
      });
    },
    hs(method, path, body, token = HS_TOKEN) {
      return fetch(`${running.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    },
    ac(method, path, body, key = AC_KEY) {
      return fetch(`${running.url}${path}`, {
        method,
        headers: { "api-token": key, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    },
  };
  return sandbox;
}

export function form(values: Record<string, string>): RequestInit {
  return { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(values).toString(), redirect: "manual" };
}
