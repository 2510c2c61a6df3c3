import { beforeEach, describe, expect, it } from "vitest";
import { form, sandboxForThisFile } from "./helpers";

const sandbox = sandboxForThisFile();
const REDIRECT = "http://localhost:3000/hubspot/callback";

beforeEach(async () => {
  await sandbox.control("/reset", {});
  await sandbox.control("/config", { rateLimits: false });
});

const upsert = (emails: string[], extra: Record<string, string> = {}) =>
  sandbox.hs("POST", "/crm/v3/objects/contacts/batch/upsert", {
    inputs: emails.map((email) => ({ idProperty: "email", id: email, properties: { email, firstname: "F", ...extra } })),
  });

describe("HubSpot contacts", () => {
  it("batch upsert by email is idempotent", async () => {
    const first = await upsert(["a@example.com", "B@Example.com"]);
    expect(first.status).toBe(200);
    const created = await first.json();
    expect(created.status).toBe("COMPLETE");
    expect(created.results.map((r: { new: boolean }) => r.new)).toEqual([true, true]);
    const again = await (await upsert(["a@example.com", "b@example.com"], { lastname: "L" })).json();
    expect(again.results.map((r: { new: boolean }) => r.new)).toEqual([false, false]);
    expect(again.results.map((r: { id: string }) => r.id)).toEqual(created.results.map((r: { id: string }) => r.id));
    const state = await sandbox.control("/state");
    expect(state.hubspot.contacts).toHaveLength(2);
    expect(state.hubspot.contacts[1].properties).toMatchObject({ email: "b@example.com", lastname: "L" });
  });

  it("refuses more than 100 upsert inputs with VALIDATION_ERROR", async () => {
    const res = await upsert(Array.from({ length: 101 }, (_, i) => `c${i}@example.com`));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ status: "error", category: "VALIDATION_ERROR", correlationId: expect.any(String) });
  });

  it("batch read by email answers 207 with errors for missing ones", async () => {
    await upsert(["a@example.com"]);
    const res = await sandbox.hs("POST", "/crm/v3/objects/contacts/batch/read", { idProperty: "email", properties: ["email"], inputs: [{ id: "a@example.com" }, { id: "zz@example.com" }] });
    expect(res.status).toBe(207);
    const body = await res.json();
    expect(body.results).toHaveLength(1);
    expect(body.numErrors).toBe(1);
    expect(body.errors[0]).toMatchObject({ category: "OBJECT_NOT_FOUND", context: { ids: ["zz@example.com"] } });
  });

  it("batch create rejects duplicates by email (207) and single create answers 409", async () => {
    await upsert(["a@example.com"]);
    const batch = await sandbox.hs("POST", "/crm/v3/objects/contacts/batch/create", { inputs: [{ properties: { email: "a@example.com" } }, { properties: { email: "new@example.com" } }] });
    expect(batch.status).toBe(207);
    const body = await batch.json();
    expect(body.results).toHaveLength(1);
    expect(body.errors[0].category).toBe("CONFLICT");
    const single = await sandbox.hs("POST", "/crm/v3/objects/contacts", { properties: { email: "A@example.com" } });
    expect(single.status).toBe(409);
    expect((await single.json()).message).toMatch(/^Contact already exists\. Existing ID: \d+$/);
  });

  it("search pages with after, filters with OR groups, and reports total", async () => {
    await upsert(Array.from({ length: 25 }, (_, i) => `p${String(i).padStart(2, "0")}@example.com`));
    const search = (body: unknown) => sandbox.hs("POST", "/crm/v3/objects/contacts/search", body);
    const filter = { filterGroups: [{ filters: [{ propertyName: "email", operator: "CONTAINS_TOKEN", value: "*@example.com" }] }], sorts: [{ propertyName: "email", direction: "ASCENDING" }], limit: 10 };
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const res = await search({ ...filter, after });
      expect(res.status).toBe(200);
      expect(res.headers.get("x-hubspot-ratelimit-max")).toBeNull();
      const body = await res.json();
      expect(body.total).toBe(25);
      seen.push(...body.results.map((r: { properties: { email: string } }) => r.properties.email));
      after = body.paging?.next.after;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen[0]).toBe("p00@example.com");
    expect(new Set(seen).size).toBe(25);

    const orGroups = await (
      await search({
        filterGroups: [{ filters: [{ propertyName: "email", operator: "EQ", value: "p01@example.com" }] }, { filters: [{ propertyName: "email", operator: "IN", values: ["p02@example.com", "p03@example.com"] }] }],
      })
    ).json();
    expect(orGroups.total).toBe(3);
    expect(orGroups).not.toHaveProperty("paging");
    const none = await (await search({ filterGroups: [{ filters: [{ propertyName: "phone", operator: "HAS_PROPERTY" }] }] })).json();
    expect(none.total).toBe(0);
    expect((await search({ limit: 201 })).status).toBe(400);
  });
});

describe("HubSpot tasks and associations", () => {
  it("creates a task associated to a contact and validates it", async () => {
    const contact = (await (await upsert(["t@example.com"])).json()).results[0];
    const task = { hs_timestamp: "2024-05-03T15:00:00.000Z", hs_task_subject: "Follow up", hs_task_status: "NOT_STARTED", hs_task_priority: "HIGH", hs_task_type: "TODO" };
    const res = await sandbox.hs("POST", "/crm/v3/objects/tasks", {
      properties: task,
      associations: [{ to: { id: contact.id }, types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: 204 }] }],
    });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created).toMatchObject({ id: expect.any(String), properties: { hs_task_subject: "Follow up" }, archived: false });
    const read = await (await sandbox.hs("GET", `/crm/v3/objects/tasks/${created.id}?associations=contacts`)).json();
    expect(read.associations.contacts.results).toEqual([{ id: contact.id, type: "task_to_contact" }]);

    const missingTimestamp = await sandbox.hs("POST", "/crm/v3/objects/tasks", { properties: { hs_task_subject: "x" } });
    expect(missingTimestamp.status).toBe(400);
    expect((await missingTimestamp.json()).category).toBe("VALIDATION_ERROR");
    const badEnum = await sandbox.hs("POST", "/crm/v3/objects/tasks", { properties: { ...task, hs_task_priority: "URGENT" } });
    expect(badEnum.status).toBe(400);
    const badContact = await sandbox.hs("POST", "/crm/v3/objects/tasks", {
      properties: task,
      associations: [{ to: { id: "999999" }, types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: 204 }] }],
    });
    expect(badContact.status).toBe(400);
  });

  it("associates with the v4 default association endpoint", async () => {
    const contact = (await (await upsert(["v4@example.com"])).json()).results[0];
    const task = await (await sandbox.hs("POST", "/crm/v3/objects/tasks", { properties: { hs_timestamp: "1714748400000" } })).json();
    expect(task.properties.hs_timestamp).toBe("2024-05-03T15:00:00.000Z");
    const res = await sandbox.hs("PUT", `/crm/v4/objects/tasks/${task.id}/associations/default/contacts/${contact.id}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: "COMPLETE",
      results: [{ from: { id: task.id }, to: { id: contact.id }, associationSpec: { associationCategory: "HUBSPOT_DEFINED", associationTypeId: 204 } }],
    });
    const state = await sandbox.control("/state");
    expect(state.hubspot.tasks[0].associations.contacts).toEqual([contact.id]);
    expect((await sandbox.hs("PUT", `/crm/v4/objects/tasks/${task.id}/associations/default/contacts/424242`)).status).toBe(404);
  });
});

describe("HubSpot auth", () => {
  it("distinguishes unknown and expired tokens", async () => {
    const unknown = await sandbox.hs("GET", "/crm/v3/objects/contacts/1", undefined, "nope");
    expect(unknown.status).toBe(401);
    expect((await unknown.json()).category).toBe("INVALID_AUTHENTICATION");
    const { accessToken } = await sandbox.control("/tokens", { vendor: "hubspot", expiresIn: 60 });
    expect((await sandbox.hs("GET", "/account-info/v3/details", undefined, accessToken)).status).toBe(200);
    await sandbox.control("/clock", { advanceSeconds: 65 });
    const expired = await sandbox.hs("GET", "/account-info/v3/details", undefined, accessToken);
    expect(expired.status).toBe(401);
    const body = await expired.json();
    expect(body).toMatchObject({ status: "error", category: "EXPIRED_AUTHENTICATION", correlationId: expect.any(String) });
    expect(body.message).toMatch(/^The OAuth token used to make this call expired \d+ second\(s\) ago\.$/);
  });

  it("runs the OAuth code flow, refresh, and a refused refresh", async () => {
    const query = new URLSearchParams({ client_id: "sandbox-client-id", redirect_uri: REDIRECT, scope: "crm.objects.contacts.read crm.objects.contacts.write", state: "xyz" });
    const page = await fetch(`${sandbox.url}/oauth/authorize?${query}`);
    expect(await page.text()).toContain("crm.objects.contacts.write");
    const approved = await fetch(`${sandbox.url}/oauth/authorize`, form({ ...Object.fromEntries(query), decision: "approve" }));
    expect(approved.status).toBe(302);
    const redirect = new URL(approved.headers.get("location")!);
    expect(redirect.searchParams.get("state")).toBe("xyz");
    const tokenRequest = (body: Record<string, string>) => fetch(`${sandbox.url}/oauth/v1/token`, form({ client_id: "sandbox-client-id", client_secret: "sandbox-client-secret", ...body }));
    const exchanged = await tokenRequest({ grant_type: "authorization_code", code: redirect.searchParams.get("code")!, redirect_uri: REDIRECT });
    expect(exchanged.status).toBe(200);
    const tokens = await exchanged.json();
    expect(tokens).toMatchObject({ token_type: "bearer", expires_in: 1800, hub_id: expect.any(Number), scopes: ["crm.objects.contacts.read", "crm.objects.contacts.write"] });

    const info = await (await fetch(`${sandbox.url}/oauth/v1/access-tokens/${tokens.access_token}`)).json();
    expect(info).toMatchObject({ hub_id: tokens.hub_id, scopes: tokens.scopes, token_type: "access" });
    expect(info.expires_in).toBeGreaterThan(1700);

    const refreshed = await (await tokenRequest({ grant_type: "refresh_token", refresh_token: tokens.refresh_token })).json();
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.refresh_token).toBe(tokens.refresh_token);

    await sandbox.control("/faults", { vendor: "hubspot", refuseRefresh: true });
    const refused = await tokenRequest({ grant_type: "refresh_token", refresh_token: tokens.refresh_token });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: "invalid_grant", status: "BAD_REFRESH_TOKEN", error_description: expect.any(String), message: expect.any(String) });

    const denied = await fetch(`${sandbox.url}/oauth/authorize`, form({ ...Object.fromEntries(query), decision: "deny" }));
    expect(new URL(denied.headers.get("location")!).searchParams.get("error")).toBe("access_denied");
  });
});

describe("HubSpot rate limits", () => {
  it("counts a 10-second bucket of 110 with headers, then 429 TEN_SECONDLY_ROLLING", async () => {
    await sandbox.control("/config", { rateLimits: true });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 111; i++) {
      last = await sandbox.hs("GET", "/account-info/v3/details");
      statuses.push(last.status);
      if (i === 0) {
        expect(last.headers.get("x-hubspot-ratelimit-interval-milliseconds")).toBe("10000");
        expect(last.headers.get("x-hubspot-ratelimit-max")).toBe("110");
        expect(last.headers.get("x-hubspot-ratelimit-remaining")).toBe("109");
      }
    }
    expect(statuses.slice(0, 110).every((s) => s === 200)).toBe(true);
    expect(statuses[110]).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await last!.json()).toMatchObject({ status: "error", errorType: "RATE_LIMIT", policyName: "TEN_SECONDLY_ROLLING", correlationId: expect.any(String) });
  });

  it("limits search to 5 per second without headers", async () => {
    await sandbox.control("/config", { rateLimits: true });
    const responses = await Promise.all(Array.from({ length: 6 }, () => sandbox.hs("POST", "/crm/v3/objects/contacts/search", {})));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = responses.find((r) => r.status === 429)!;
    expect(limited.headers.get("x-hubspot-ratelimit-max")).toBeNull();
    expect(limited.headers.get("retry-after")).toBe("1");
    expect((await limited.json()).policyName).toBe("SECONDLY");
  });
});
