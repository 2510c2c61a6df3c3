// One HTTP server for all three vendors plus the /_sandbox control API. API requests pass
// through the same gates in the same order: authenticate → injected storm → rate/concurrency
// limit → injected latency → injected 500 → handler.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { createActiveCampaignApi } from "./activecampaign/api";
import { ActiveCampaignStore } from "./activecampaign/store";
import { CredentialStore } from "./auth/credentials";
import { TbaVerifier } from "./auth/tba";
import { CallLog } from "./calls";
import { Clock } from "./clock";
import { controlRoutes } from "./control";
import { Faults } from "./faults";
import { json, readBody, Router, send, type Reply, type RequestContext, type Route } from "./http";
import { createHubSpotApi } from "./hubspot/api";
import { HubSpotStore } from "./hubspot/store";
import { createNetSuiteApi } from "./netsuite/api";
import { NetSuiteDb } from "./netsuite/db";
import { isReply, type SandboxCore, type VendorApi } from "./vendor";

export interface SandboxOptions {
  port?: number;
  host?: string;
  /** Enforce the vendors' rate and concurrency limits (default true). */
  rateLimits?: boolean;
  /** Seed for fault injection and the default seed of POST /_sandbox/demo-data. */
  seed?: number;
}

export interface RunningSandbox {
  url: string;
  port: number;
  close(): Promise<void>;
}

const DEFAULT_SEED = 42;
const DEFAULT_NETSUITE_CONCURRENCY = 5;

export async function startSandbox(opts: SandboxOptions = {}): Promise<RunningSandbox> {
  const seed = opts.seed ?? DEFAULT_SEED;
  const core: SandboxCore = {
    clock: new Clock(),
    credentials: new CredentialStore(),
    tba: new TbaVerifier(),
    faults: new Faults(seed),
    calls: new CallLog(),
    config: { rateLimits: opts.rateLimits ?? true, netsuiteConcurrency: DEFAULT_NETSUITE_CONCURRENCY },
  };
  const netsuite = await NetSuiteDb.create();
  const hubspot = new HubSpotStore();
  const activecampaign = new ActiveCampaignStore();
  const apis: VendorApi[] = [createNetSuiteApi(core, netsuite), createHubSpotApi(core, hubspot), createActiveCampaignApi(core, activecampaign)];

  const router = new Router();
  for (const api of apis) router.add(...api.routes);
  router.add(...controlRoutes({ core, netsuite, hubspot, activecampaign, apis, defaultSeed: seed }));

  async function handleApi(api: VendorApi, route: Route, ctx: RequestContext): Promise<Reply> {
    const auth = api.authenticate(ctx);
    if (isReply(auth)) return auth;
    ctx.principal = auth.principal;
    const storm = core.faults.takeStorm(api.vendor);
    if (storm !== null) return api.stormReply(storm);
    const admission = api.admit(ctx, route);
    if (isReply(admission)) return admission;
    try {
      const latency = core.faults.latencyMs(api.vendor);
      if (latency > 0) await sleep(latency);
      const reply = core.faults.shouldFail(api.vendor) ? api.faultReply() : await route.handler(ctx);
      return { ...reply, headers: { ...admission.headers, ...reply.headers } };
    } finally {
      admission.release?.();
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://sandbox.invalid");
    const method = req.method ?? "GET";
    const found = router.match(method, url.pathname);
    const rawBody = await readBody(req);
    if (!found) {
      send(res, json(404, { message: `The sandbox has no route for ${method} ${url.pathname}` }));
      return;
    }
    const { route, params } = found;
    const ctx: RequestContext = {
      method,
      path: url.pathname,
      params,
      query: url.searchParams,
      headers: req.headers,
      rawBody,
      origin: `http://${req.headers.host ?? "127.0.0.1"}`,
    };
    const api = apis.find((a) => a.vendor === route.vendor);
    let reply: Reply;
    try {
      reply = api && route.kind === "api" ? await handleApi(api, route, ctx) : await route.handler(ctx);
    } catch (err) {
      console.error(`sandbox: ${method} ${url.pathname} failed`, err);
      reply = api ? api.faultReply() : json(500, { error: String(err) });
    }
    if (route.vendor !== "control") core.calls.record(`${route.vendor} ${method} ${route.template}`, reply.status);
    send(res, reply);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      console.error("sandbox: request failed", err);
      if (!res.headersSent) send(res, json(500, { error: "sandbox failure" }));
    });
  });
  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, resolve);
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${host}:${port}`,
    port,
    async close() {
      for (const api of apis) api.reset();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await netsuite.close();
    },
  };
}
