// HubSpot as the server sees it: routes, bearer authentication, the two rate-limit buckets.
import { malform } from "../faults";
import { json, type Route } from "../http";
import { RollingWindow, retryAfterSeconds } from "../rate-limit";
import type { SandboxCore, VendorApi } from "../vendor";
import { batchCreateContacts, batchReadContacts, batchUpsertContacts, createContact, getContact, searchContacts, type ContactDeps } from "./contacts";
import { hubspotError, rateLimited } from "./errors";
import { decideAuthorize, showAuthorize } from "../auth/authorize";
import { AUTHORIZE_PATH, hubspotAuthorize, token, tokenInfo } from "./oauth";
import { HUB_ID, type HubSpotStore } from "./store";
import { associateDefault, createTask, getTask, searchTasks } from "./tasks";

const TEN_SECOND_MAX = 110;
const TEN_SECONDS_MS = 10_000;
const SEARCH_PER_SECOND = 5;

export function createHubSpotApi(core: SandboxCore, store: HubSpotStore): VendorApi {
  const tenSecondly = new RollingWindow(TEN_SECOND_MAX, TEN_SECONDS_MS);
  const searchSecondly = new RollingWindow(SEARCH_PER_SECOND, 1000);
  const now = () => new Date(core.clock.now());
  const deps: ContactDeps = {
    store,
    now,
    maybeMalform: (o) => (core.faults.shouldMalform("hubspot") ? { ...o, properties: malform(o.properties) } : o),
  };

  const api = (method: string, template: string, handler: Route["handler"]): Route => ({ vendor: "hubspot", method, template, kind: "api", handler });
  const routes: Route[] = [
    { vendor: "hubspot", method: "GET", template: AUTHORIZE_PATH, kind: "public", handler: (ctx) => showAuthorize(hubspotAuthorize, ctx, core) },
    { vendor: "hubspot", method: "POST", template: AUTHORIZE_PATH, kind: "public", handler: (ctx) => decideAuthorize(hubspotAuthorize, ctx, core) },
    { vendor: "hubspot", method: "POST", template: "/oauth/v1/token", kind: "public", handler: (ctx) => token(ctx, core) },
    { vendor: "hubspot", method: "GET", template: "/oauth/v1/access-tokens/:token", kind: "public", handler: (ctx) => tokenInfo(ctx, core) },
    api("GET", "/account-info/v3/details", () =>
      json(200, { portalId: HUB_ID, accountType: "STANDARD", timeZone: "Europe/London", companyCurrency: "GBP", additionalCurrencies: [], utcOffset: "+00:00", utcOffsetMilliseconds: 0, uiDomain: "app.hubspot.com", dataHostingLocation: "na1" }),
    ),
    api("POST", "/crm/v3/objects/contacts/search", (ctx) => searchContacts(ctx, deps)),
    api("POST", "/crm/v3/objects/contacts/batch/read", (ctx) => batchReadContacts(ctx, deps)),
    api("POST", "/crm/v3/objects/contacts/batch/create", (ctx) => batchCreateContacts(ctx, deps)),
    api("POST", "/crm/v3/objects/contacts/batch/upsert", (ctx) => batchUpsertContacts(ctx, deps)),
    api("POST", "/crm/v3/objects/contacts", (ctx) => createContact(ctx, deps)),
    api("GET", "/crm/v3/objects/contacts/:id", (ctx) => getContact(ctx, deps)),
    api("POST", "/crm/v3/objects/tasks", (ctx) => createTask(ctx, { store, now })),
    api("POST", "/crm/v3/objects/tasks/search", (ctx) => searchTasks(ctx, { store, now })),
    api("GET", "/crm/v3/objects/tasks/:id", (ctx) => getTask(ctx, { store, now })),
    api("PUT", "/crm/v4/objects/:fromType/:fromId/associations/default/:toType/:toId", (ctx) => associateDefault(ctx, { store, now })),
  ];

  return {
    vendor: "hubspot",
    routes,
    authenticate(ctx) {
      const bearer = /^Bearer\s+(\S+)$/i.exec(ctx.headers.authorization ?? "");
      const check = bearer ? core.credentials.checkBearer("hubspot", bearer[1], core.clock.now()) : ({ status: "unknown" } as const);
      if (check.status === "ok") return { principal: check.token.clientId };
      if (check.status === "expired") {
        return hubspotError(401, "EXPIRED_AUTHENTICATION", `The OAuth token used to make this call expired ${check.secondsAgo} second(s) ago.`);
      }
      return hubspotError(401, "INVALID_AUTHENTICATION", "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview");
    },
    admit(ctx, route) {
      if (!core.config.rateLimits) return {};
      // Search has its own per-account 5/s bucket and sends no rate-limit headers.
      if (route.template.endsWith("/search")) {
        const r = searchSecondly.take(`portal:${HUB_ID}`);
        return r.allowed ? {} : rateLimited("SECONDLY", retryAfterSeconds(r.retryAfterMs));
      }
      const r = tenSecondly.take(`app:${ctx.principal}`);
      const headers = {
        "x-hubspot-ratelimit-interval-milliseconds": String(TEN_SECONDS_MS),
        "x-hubspot-ratelimit-max": String(TEN_SECOND_MAX),
        "x-hubspot-ratelimit-remaining": String(r.remaining),
      };
      return r.allowed ? { headers } : rateLimited("TEN_SECONDLY_ROLLING", retryAfterSeconds(r.retryAfterMs), headers);
    },
    stormReply: (retryAfter) => rateLimited("TEN_SECONDLY_ROLLING", String(retryAfter)),
    faultReply: () => hubspotError(500, "INTERNAL_ERROR", "internal error"),
    reset() {
      tenSecondly.clear();
      searchSecondly.clear();
    },
  };
}
