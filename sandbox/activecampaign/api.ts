// ActiveCampaign as the server sees it: routes, Api-Token authentication, the 5/s account limit.
import { malform } from "../faults";
import { json, type Route } from "../http";
import { RollingWindow, retryAfterSeconds } from "../rate-limit";
import type { SandboxCore, VendorApi } from "../vendor";
import { BulkImporter } from "./bulk-import";
import { createContact, createList, getContact, listContacts, listLists, listMemberships, subscribe, syncContact, type AcDeps } from "./contacts";
import type { ActiveCampaignStore } from "./store";

const PER_SECOND = 5;

export function createActiveCampaignApi(core: SandboxCore, store: ActiveCampaignStore): VendorApi {
  const perSecond = new RollingWindow(PER_SECOND, 1000);
  const deps: AcDeps = {
    store,
    now: () => new Date(core.clock.now()),
    maybeMalform: (record) => (core.faults.shouldMalform("activecampaign") ? malform(record) : record),
  };
  const importer = new BulkImporter(deps, () => core.config.rateLimits);

  const api = (method: string, template: string, handler: Route["handler"]): Route => ({ vendor: "activecampaign", method, template, kind: "api", handler });
  const routes: Route[] = [
    api("GET", "/api/3/users/me", () =>
      json(200, { user: { id: "1", username: "sandbox", firstName: "Sandbox", lastName: "User", email: "sandbox-user@example.com", links: {} } }),
    ),
    api("GET", "/api/3/contacts", (ctx) => listContacts(ctx, deps)),
    api("POST", "/api/3/contacts", (ctx) => createContact(ctx, deps)),
    api("GET", "/api/3/contacts/:id", (ctx) => getContact(ctx, deps)),
    api("GET", "/api/3/contacts/:id/contactLists", (ctx) => listMemberships(ctx, deps)),
    api("POST", "/api/3/contact/sync", (ctx) => syncContact(ctx, deps)),
    api("GET", "/api/3/lists", (ctx) => listLists(ctx, deps)),
    api("POST", "/api/3/lists", (ctx) => createList(ctx, deps)),
    api("GET", "/api/3/contactLists", (ctx) => listMemberships(ctx, deps)),
    api("POST", "/api/3/contactLists", (ctx) => subscribe(ctx, deps)),
    api("POST", "/api/3/import/bulk_import", (ctx) => importer.start(ctx)),
    api("GET", "/api/3/import/info", (ctx) => importer.info(ctx)),
  ];

  const tooMany = (retryAfter: string) =>
    // The 429 body is undocumented; the sandbox picks {"message":"Too Many Requests"}.
    json(429, { message: "Too Many Requests" }, { "retry-after": retryAfter, "ratelimit-limit": String(PER_SECOND), "ratelimit-remaining": "0" });

  return {
    vendor: "activecampaign",
    routes,
    authenticate(ctx) {
      const key = ctx.headers["api-token"];
      if (typeof key === "string" && core.credentials.apiKeyValid(key)) return { principal: "account" };
      return json(403, { message: "Forbidden" });
    },
    // 5 requests/s per account, shared by every key of the account.
    admit() {
      if (!core.config.rateLimits) return {};
      const r = perSecond.take("account");
      if (!r.allowed) return tooMany(retryAfterSeconds(r.retryAfterMs));
      return { headers: { "ratelimit-limit": String(PER_SECOND), "ratelimit-remaining": String(r.remaining) } };
    },
    stormReply: (retryAfter) => tooMany(String(retryAfter)),
    faultReply: () => json(500, { message: "Internal Server Error" }),
    reset() {
      perSecond.clear();
      importer.cancelPending();
      importer.clearRateLimits();
    },
  };
}
