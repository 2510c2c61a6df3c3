// /_sandbox/* control API: reset, demo data, exact records, state, call counts, faults, config,
// credentials and the clock. No auth: the sandbox is a local test tool.
import { z } from "zod";
import type { ActiveCampaignStore } from "./activecampaign/store";
import { contactListView, contactView, listView } from "./activecampaign/store";
import { NETSUITE_REFRESH_TTL_S } from "./auth/credentials";
import { demoDataInput, generateDemoData } from "./demo-data";
import { faultsInput } from "./faults";
import { json, jsonBody, type Reply, type RequestContext, type Route } from "./http";
import type { HubSpotStore } from "./hubspot/store";
import type { CustomerRow, NetSuiteDb, SalesOrderSpec } from "./netsuite/db";
import type { SandboxCore, VendorApi } from "./vendor";

export interface ControlDeps {
  core: SandboxCore;
  netsuite: NetSuiteDb;
  hubspot: HubSpotStore;
  activecampaign: ActiveCampaignStore;
  apis: VendorApi[];
  defaultSeed: number;
}

const optionalText = z.unknown().optional().transform((v) => (v === null || v === undefined ? null : String(v)));
/** ISO instant or YYYY-MM-DD → Postgres timestamp text in UTC. */
const timestamp = z.string().transform((s, ctx) => {
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: "custom", message: `not a date: ${s}` });
    return z.NEVER;
  }
  return new Date(ms).toISOString().replace("T", " ").slice(0, 19);
});

// Fields are accepted as given (an email may be "not-an-email" or missing) so edge cases can be staged.
const recordsInput = z.object({
  locations: z.array(z.object({ id: z.number().int().optional(), name: z.string() })).default([]),
  customers: z
    .array(
      z.object({
        id: z.number().int().optional(),
        entityId: optionalText,
        firstName: optionalText,
        lastName: optionalText,
        companyName: optionalText,
        email: optionalText,
        phone: optionalText,
        isPerson: z.boolean().default(true),
        globalSubscriptionStatus: z.number().int().min(1).max(4).nullable().default(1),
        dateCreated: timestamp.optional(),
        lastModifiedDate: timestamp.optional(),
      }),
    )
    .default([]),
  salesOrders: z
    .array(
      z.object({
        id: z.number().int().optional(),
        tranId: z.string(),
        tranDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        customerId: z.number().int(),
        locationId: z.number().int().nullable(),
        lastModifiedDate: timestamp.optional(),
        createdDate: timestamp.optional(),
        status: z.string().default("B"),
        email: optionalText,
        memo: optionalText,
        lines: z.array(z.object({ item: z.number().int().nullable().default(null), quantity: z.number(), rate: z.number() })).min(1),
      }),
    )
    .default([]),
});

const tokensInput = z.object({ vendor: z.enum(["netsuite", "hubspot", "activecampaign"]), expiresIn: z.number().int().min(1).optional() });
const configInput = z.object({ rateLimits: z.boolean().optional(), netsuiteConcurrency: z.number().int().min(1).max(1000).optional() });
const clockInput = z.object({ advanceSeconds: z.number() });
const clientInput = z.object({
  vendor: z.enum(["netsuite", "hubspot"]),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  redirectUris: z.array(z.string().url()).default([]),
});
const tbaInput = z.object({ consumerKey: z.string(), consumerSecret: z.string(), tokenId: z.string(), tokenSecret: z.string() });

function parse<T extends z.ZodType>(schema: T, ctx: RequestContext): { ok: true; data: z.infer<T> } | { ok: false; reply: Reply } {
  const result = schema.safeParse(jsonBody(ctx) ?? {});
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, reply: json(400, { error: "invalid request", issues: result.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`) }) };
}

export function controlRoutes(d: ControlDeps): Route[] {
  const { core } = d;
  const route = (method: string, template: string, handler: Route["handler"]): Route => ({ vendor: "control", method, template, kind: "public", handler });

  async function addRecords(ctx: RequestContext): Promise<Reply> {
    const parsed = parse(recordsInput, ctx);
    if (!parsed.ok) return parsed.reply;
    const input = parsed.data;
    const nowText = new Date(core.clock.now()).toISOString().replace("T", " ").slice(0, 19);
    let nextLocation = await d.netsuite.nextId("location", 1);
    let nextCustomer = await d.netsuite.nextId("customer", 101);
    let nextOrder = await d.netsuite.nextId("transaction", 1001);
    const locations = input.locations.map((l) => ({ id: l.id ?? nextLocation++, name: l.name }));
    const customers = input.customers.map((c): CustomerRow => {
      const id = c.id ?? nextCustomer++;
      const name = c.isPerson ? [c.firstName, c.lastName].filter(Boolean).join(" ") : c.companyName;
      return {
        id,
        entityid: c.entityId ?? `CUST-${String(id).padStart(5, "0")}`,
        altname: name || null,
        companyname: c.companyName,
        firstname: c.firstName,
        lastname: c.lastName,
        email: c.email,
        isperson: c.isPerson ? "T" : "F",
        globalsubscriptionstatus: c.globalSubscriptionStatus,
        phone: c.phone,
        datecreated: c.dateCreated ?? nowText,
        lastmodifieddate: c.lastModifiedDate ?? c.dateCreated ?? nowText,
        isinactive: "F",
      };
    });
    const orders = input.salesOrders.map((o): SalesOrderSpec => {
      const created = o.createdDate ?? `${o.tranDate} 09:00:00`;
      return {
        id: o.id ?? nextOrder++,
        tranId: o.tranId,
        tranDate: o.tranDate,
        customerId: o.customerId,
        locationId: o.locationId,
        email: o.email,
        status: o.status,
        memo: o.memo,
        createdDate: created,
        lastModifiedDate: o.lastModifiedDate ?? created,
        lines: o.lines,
      };
    });
    await d.netsuite.upsert({ locations, customers, orders });
    return json(200, { locations: locations.map((l) => l.id), customers: customers.map((c) => c.id), salesOrders: orders.map((o) => o.id) });
  }

  async function loadDemoData(ctx: RequestContext): Promise<Reply> {
    const parsed = parse(demoDataInput.extend({ seed: z.number().int().default(d.defaultSeed) }), ctx);
    if (!parsed.ok) return parsed.reply;
    const input = parsed.data;
    const started = Date.now();
    const data = generateDemoData(input, core.clock.now());
    await d.netsuite.reset();
    await d.netsuite.upsert(data);
    return json(200, { ...(await d.netsuite.counts()), seed: input.seed, elapsedMs: Date.now() - started });
  }

  async function state(ctx: RequestContext): Promise<Reply> {
    const hs = d.hubspot;
    const ac = d.activecampaign;
    return json(200, {
      netsuite: await d.netsuite.counts(),
      hubspot: {
        contacts: [...hs.contacts.values()],
        tasks: [...hs.tasks.values()].map((t) => ({ ...t, associations: { contacts: hs.contactIdsOfTask(t.id) } })),
      },
      activecampaign: {
        contacts: [...ac.contacts.values()].map((c) => contactView(c, ctx.origin)),
        lists: [...ac.lists.values()].map((l) => listView(l, ctx.origin)),
        contactLists: [...ac.contactLists.values()].map((m) => contactListView(m, ctx.origin)),
        imports: [...ac.imports.values()],
      },
    });
  }

  function issueToken(ctx: RequestContext): Reply {
    const parsed = parse(tokensInput, ctx);
    if (!parsed.ok) return parsed.reply;
    const input = parsed.data;
    const now = core.clock.now();
    if (input.vendor === "activecampaign") return json(200, { apiKey: core.credentials.issueApiKey() });
    const ttl = input.expiresIn ?? (input.vendor === "netsuite" ? 3600 : 1800);
    const access = core.credentials.issueAccessToken(input.vendor, "sandbox-client-id", [], ttl, now);
    const refreshTtl = input.vendor === "netsuite" ? NETSUITE_REFRESH_TTL_S : null;
    const refresh = core.credentials.issueRefreshGrant(input.vendor, "sandbox-client-id", [], refreshTtl, now);
    return json(200, { accessToken: access.token, refreshToken: refresh.token, expiresAt: new Date(access.expiresAt!).toISOString() });
  }

  return [
    route("POST", "/_sandbox/reset", async () => {
      await d.netsuite.reset();
      d.hubspot.reset();
      d.activecampaign.reset();
      for (const api of d.apis) api.reset();
      core.credentials.reset();
      core.faults.clear();
      core.calls.reset();
      core.clock.reset();
      return json(200, { ok: true });
    }),
    route("POST", "/_sandbox/demo-data", loadDemoData),
    route("POST", "/_sandbox/netsuite/records", addRecords),
    route("GET", "/_sandbox/state", state),
    route("GET", "/_sandbox/calls", () => json(200, core.calls.snapshot())),
    route("POST", "/_sandbox/calls/reset", () => {
      core.calls.reset();
      return json(200, { ok: true });
    }),
    route("GET", "/_sandbox/faults", () => json(200, core.faults.snapshot())),
    route("POST", "/_sandbox/faults", (ctx) => {
      const parsed = parse(faultsInput, ctx);
      if (!parsed.ok) return parsed.reply;
      const input = parsed.data;
      const vendors = core.faults.configure(input);
      if (input.expireTokens) for (const v of vendors) core.credentials.expireAccessTokens(v, core.clock.now());
      return json(200, core.faults.snapshot());
    }),
    route("DELETE", "/_sandbox/faults", () => {
      core.faults.clear();
      return json(200, core.faults.snapshot());
    }),
    route("POST", "/_sandbox/config", (ctx) => {
      const parsed = parse(configInput, ctx);
      if (!parsed.ok) return parsed.reply;
      const input = parsed.data;
      Object.assign(core.config, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
      return json(200, core.config);
    }),
    route("POST", "/_sandbox/tokens", issueToken),
    route("POST", "/_sandbox/oauth-clients", (ctx) => {
      const parsed = parse(clientInput, ctx);
      if (!parsed.ok) return parsed.reply;
      const input = parsed.data;
      core.credentials.registerClient(input);
      return json(200, { ok: true });
    }),
    route("POST", "/_sandbox/netsuite/tba", (ctx) => {
      const parsed = parse(tbaInput, ctx);
      if (!parsed.ok) return parsed.reply;
      const input = parsed.data;
      core.credentials.tba.push(input);
      return json(200, { ok: true });
    }),
    route("POST", "/_sandbox/clock", (ctx) => {
      const parsed = parse(clockInput, ctx);
      if (!parsed.ok) return parsed.reply;
      const input = parsed.data;
      core.clock.advance(input.advanceSeconds);
      return json(200, { now: new Date(core.clock.now()).toISOString() });
    }),
    route("DELETE", "/_sandbox/clock", () => {
      core.clock.reset();
      return json(200, { now: new Date(core.clock.now()).toISOString() });
    }),
  ];
}
