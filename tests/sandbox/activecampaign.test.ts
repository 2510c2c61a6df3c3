import { setTimeout as sleep } from "node:timers/promises";
import { beforeEach, describe, expect, it } from "vitest";
import { sandboxForThisFile } from "./helpers";

const sandbox = sandboxForThisFile();

beforeEach(async () => {
  await sandbox.control("/reset", {});
  await sandbox.control("/config", { rateLimits: false });
});

const newList = (name: string) =>
  sandbox.ac("POST", "/api/3/lists", { list: { name, stringid: name.toLowerCase().replace(/\W+/g, "-"), sender_url: "https://shop.example.com", sender_reminder: "You bought from us" } });

describe("ActiveCampaign contacts and lists", () => {
  it("creates, finds by email (meta.total as a string) and rejects duplicates with 422", async () => {
    const created = await sandbox.ac("POST", "/api/3/contacts", { contact: { email: "Jo@Example.com", firstName: "Jo" } });
    expect(created.status).toBe(201);
    const { contact } = await created.json();
    expect(contact).toMatchObject({ id: "1", email: "jo@example.com", firstName: "Jo" });
    const found = await (await sandbox.ac("GET", "/api/3/contacts?email=jo%40example.com")).json();
    expect(found.meta.total).toBe("1");
    expect(found.contacts[0].id).toBe("1");
    expect((await (await sandbox.ac("GET", "/api/3/contacts?email=none%40example.com")).json()).meta.total).toBe("0");
    const dup = await sandbox.ac("POST", "/api/3/contacts", { contact: { email: "jo@example.com" } });
    expect(dup.status).toBe(422);
    expect(await dup.json()).toEqual({
      errors: [{ title: "Email address already exists in the system", detail: "", code: "duplicate", source: { pointer: "/data/attributes/email" } }],
    });
  });

  it("syncs: 201 on create, 200 on update", async () => {
    expect((await sandbox.ac("POST", "/api/3/contact/sync", { contact: { email: "s@example.com" } })).status).toBe(201);
    const updated = await sandbox.ac("POST", "/api/3/contact/sync", { contact: { email: "s@example.com", lastName: "Smith" } });
    expect(updated.status).toBe(200);
    expect((await updated.json()).contact).toMatchObject({ id: "1", lastName: "Smith" });
  });

  it("validates list fields, filters lists by name and subscribes idempotently", async () => {
    const missing = await sandbox.ac("POST", "/api/3/lists", { list: { name: "Only name" } });
    expect(missing.status).toBe(422);
    expect((await missing.json()).errors.map((e: { code: string }) => e.code)).toEqual(["field_missing", "field_missing", "field_missing"]);
    const list = (await (await newList("Volume")).json()).list;
    await newList("Today");
    const byName = await (await sandbox.ac("GET", "/api/3/lists?filters[name]=Volume")).json();
    expect(byName).toMatchObject({ lists: [{ id: list.id, name: "Volume" }], meta: { total: "1" } });

    const { contact } = await (await sandbox.ac("POST", "/api/3/contacts", { contact: { email: "m@example.com" } })).json();
    const sub = () => sandbox.ac("POST", "/api/3/contactLists", { contactList: { list: Number(list.id), contact: Number(contact.id), status: 1 } });
    const first = await sub();
    expect(first.status).toBe(200);
    const second = await (await sub()).json();
    expect(second.contactList).toMatchObject({ contact: contact.id, list: list.id, status: 1, id: (await first.json()).contactList.id });
    const memberships = await (await sandbox.ac("GET", `/api/3/contacts/${contact.id}/contactLists`)).json();
    expect(memberships.contactLists).toHaveLength(1);
    expect((await sandbox.ac("POST", "/api/3/contactLists", { contactList: { list: 99, contact: Number(contact.id), status: 1 } })).status).toBe(404);
  });

  it("rejects a bad Api-Token with 403 and answers users/me for a good one", async () => {
    const bad = await sandbox.ac("GET", "/api/3/users/me", undefined, "wrong");
    expect(bad.status).toBe(403);
    expect(await bad.json()).toEqual({ message: "Forbidden" });
    const { apiKey } = await sandbox.control("/tokens", { vendor: "activecampaign" });
    const me = await sandbox.ac("GET", "/api/3/users/me", undefined, apiKey);
    expect((await me.json()).user).toMatchObject({ id: "1" });
  });
});

describe("ActiveCampaign bulk import", () => {
  it("queues an import and completes it shortly after", async () => {
    const list = (await (await newList("Imported")).json()).list;
    const res = await sandbox.ac("POST", "/api/3/import/bulk_import", {
      contacts: [
        { email: "i1@example.com", first_name: "I", last_name: "One", subscribe: [{ listid: list.id }] },
        { email: "i2@example.com", first_name: "I", last_name: "Two", subscribe: [{ listid: list.id }] },
      ],
    });
    expect(res.status).toBe(200);
    const queued = await res.json();
    expect(queued).toMatchObject({ success: 1, queued_contacts: 2, message: "Contact import queued" });
    expect(queued.batchId).toMatch(/^[0-9a-f-]{36}$/);
    const info = () => sandbox.ac("GET", `/api/3/import/info?batchId=${queued.batchId}`).then((r) => r.json());
    expect((await info()).status).toBe("queued");
    await sleep(300);
    const done = await info();
    expect(done).toMatchObject({ status: "completed", failure: [] });
    expect(done.success).toHaveLength(2);
    const state = await sandbox.control("/state");
    expect(state.activecampaign.contacts.map((c: { email: string }) => c.email)).toEqual(["i1@example.com", "i2@example.com"]);
    expect(state.activecampaign.contactLists).toHaveLength(2);
    expect((await sandbox.ac("GET", "/api/3/import/info")).status).toBe(400);
  });

  it("answers validation failures with 400 and failureReasons", async () => {
    const res = await sandbox.ac("POST", "/api/3/import/bulk_import", { contacts: [{ email: "ok@example.com" }, { email: "not-an-email" }] });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ success: 0, failureReasons: [{ contact: 1, failureReason: "Field 'email' incorrect format" }] });
    expect((await sandbox.ac("POST", "/api/3/import/bulk_import", { contacts: [] })).status).toBe(400);
  });

  it("throttles single-contact imports at 20 per minute with a 400, not a 429", async () => {
    await sandbox.control("/config", { rateLimits: true });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 21; i++) {
      // Stay under the 5/s account limit so only the import limit is in play.
      if (i > 0 && i % 5 === 0) await sleep(1000);
      last = await sandbox.ac("POST", "/api/3/import/bulk_import", { contacts: [{ email: `one${i}@example.com` }] });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses[20]).toBe(400);
    expect(await last!.json()).toMatchObject({ success: 0, message: "Rate limit exceeded.", failureReasons: [expect.stringContaining("per minute")] });
  });
});

describe("ActiveCampaign rate limit", () => {
  it("allows 5 requests per second per account, then 429 with Retry-After and RateLimit headers", async () => {
    await sandbox.control("/config", { rateLimits: true });
    const responses = await Promise.all(Array.from({ length: 6 }, () => sandbox.ac("GET", "/api/3/lists")));
    const limited = responses.filter((r) => r.status === 429);
    expect(limited).toHaveLength(1);
    expect(limited[0].headers.get("retry-after")).toBe("1");
    expect(limited[0].headers.get("ratelimit-limit")).toBe("5");
    expect(limited[0].headers.get("ratelimit-remaining")).toBe("0");
    expect(await limited[0].json()).toEqual({ message: "Too Many Requests" });
  });
});
