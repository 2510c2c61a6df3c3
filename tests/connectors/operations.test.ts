import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getTeamClients, ConnectionMissingError, VendorError, type TeamClients } from "@/lib/connectors";
import { connectWithCredentials, createConnection, listConnections, renameConnection, removeConnection, testConnection } from "@/lib/connectors/connections";
import { connectTeamToSandbox } from "@/lib/connectors/sandbox-connections";
import { startSandbox } from "@/sandbox/server";
import { makeTeam, testDb } from "../helpers/db";
import { connectionRow, control, type Sandbox } from "./sandbox-helpers";

let sandbox: Sandbox;
let clients: TeamClients;
let teamId: string;
const fast = { baseDelayMs: 20, maxDelayMs: 200 };

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  await control(sandbox, "POST", "/_sandbox/demo-data", {});
  const db = await testDb();
  const team = await makeTeam(db);
  teamId = team.id;
  await connectTeamToSandbox(db, team.id, sandbox.url);
  clients = await getTeamClients(db, team.id, fast);
});
afterAll(async () => {
  await sandbox?.close();
});
beforeEach(async () => {
  await control(sandbox, "DELETE", "/_sandbox/faults");
});

describe("NetSuite operations against the sandbox", () => {
  it("lists sales orders modified since a date, reads one with its customer", async () => {
    const page = await clients.netsuite.listSalesOrdersModifiedSince(new Date("2000-01-01T00:00:00Z"), { limit: 5, offset: 0 });
    expect(page.ids.length).toBeGreaterThan(0);
    expect(page.totalResults).toBeGreaterThanOrEqual(page.ids.length);
    const order = await clients.netsuite.getSalesOrder(page.ids[0]);
    expect(order.id).toBe(page.ids[0]);
    expect(typeof order.tranId).toBe("string");
    expect(typeof order.total).toBe("number");
    const customer = await clients.netsuite.getCustomer(order.entity.id);
    expect(customer.id).toBe(order.entity.id);
    expect(typeof customer.isPerson).toBe("boolean");
  });

  it("runs SuiteQL with paging", async () => {
    const first = await clients.netsuite.suiteql("SELECT t.id, t.tranid FROM transaction t WHERE t.type = 'SalesOrd' ORDER BY t.id", { limit: 2, offset: 0 });
    expect(first.items).toHaveLength(2);
    expect(first.items[0]).not.toHaveProperty("links");
    expect(typeof first.items[0].tranid).toBe("string");
    expect(first.hasMore).toBe(true);
    const second = await clients.netsuite.suiteql("SELECT t.id, t.tranid FROM transaction t WHERE t.type = 'SalesOrd' ORDER BY t.id", { limit: 2, offset: 2 });
    expect(second.offset).toBe(2);
    expect(second.items[0].id).not.toBe(first.items[0].id);
  });

  it("an unknown record is a non-retriable VendorError with NetSuite's code", async () => {
    const err = await clients.netsuite.getSalesOrder("99999999").catch((e) => e);
    expect(err).toBeInstanceOf(VendorError);
    expect(err).toMatchObject({ vendor: "netsuite", operation: "getSalesOrder", status: 404, code: "NONEXISTENT_ID", retriable: false });
  });

  it("tests the connection", async () => {
    await expect(clients.netsuite.test()).resolves.toEqual({ account: "SANDBOX" });
  });
});

describe("HubSpot operations against the sandbox", () => {
  const emails = [`ann-${Date.now()}@example.com`, `bob-${Date.now()}@example.com`];
  let annId = "";
  let lastTask = { id: "", subject: "" };

  it("upserts contacts by email and reads them back; missing emails are simply absent", async () => {
    const upserted = await clients.hubspot.batchUpsertContactsByEmail(emails.map((email) => ({ email, properties: { firstname: "T" } })));
    expect(upserted.map((u) => u.email).sort()).toEqual([...emails].sort());
    expect(upserted.every((u) => u.created)).toBe(true);
    annId = upserted.find((u) => u.email === emails[0])!.id;
    const again = await clients.hubspot.batchUpsertContactsByEmail([{ email: emails[0], properties: { lastname: "Again" } }]);
    expect(again[0]).toMatchObject({ id: annId, created: false });

    const found = await clients.hubspot.batchReadContactsByEmail([...emails, "nobody-here@example.com"]);
    expect(found.size).toBe(2);
    expect(found.get(emails[0])?.id).toBe(annId);
    expect(found.has("nobody-here@example.com")).toBe(false);
  });

  it("reads and upserts more than 100 contacts in chunks", async () => {
    const many = Array.from({ length: 130 }, (_, i) => `bulk-${i}-${Date.now()}@example.com`);
    const out = await clients.hubspot.batchUpsertContactsByEmail(many.map((email) => ({ email, properties: {} })));
    expect(out).toHaveLength(130);
    const read = await clients.hubspot.batchReadContactsByEmail(many);
    expect(read.size).toBe(130);
  });

  it("searches contacts with paging", async () => {
    const res = await clients.hubspot.searchContacts({
      filterGroups: [{ filters: [{ propertyName: "email", operator: "EQ", value: emails[0] }] }],
      properties: ["email"],
      limit: 10,
    });
    expect(res.total).toBeGreaterThanOrEqual(0);
    const page = await clients.hubspot.searchContacts({ limit: 1 });
    expect(page.results).toHaveLength(1);
    expect(page.nextAfter).toBeTypeOf("string");
  });

  it("creates a task associated to the contact and re-associates it", async () => {
    const subject = `Follow up ${Date.now()}`;
    const task = await clients.hubspot.createTask({ subject, body: "Order SO1", dueAt: new Date(), priority: "HIGH", contactId: annId });
    expect(task.id).toBeTypeOf("string");
    await expect(clients.hubspot.associateDefault("tasks", task.id, "contacts", annId)).resolves.toBeUndefined();
    lastTask = { id: task.id, subject };
  });

  it("finds a task created before a crash by searching tasks", async () => {
    const search = await clients.hubspot.searchTasks({
      filterGroups: [{ filters: [{ propertyName: "hs_task_subject", operator: "EQ", value: lastTask.subject }] }],
      properties: ["hs_task_subject"],
    });
    expect(search.results.map((r) => r.id)).toContain(lastTask.id);
  });

  it("tests the connection", async () => {
    const res = await clients.hubspot.test();
    expect(res.account).toBeTruthy();
    expect(Array.isArray(res.scopes)).toBe(true);
  });
});

describe("ActiveCampaign operations against the sandbox", () => {
  const email = `carol-${Date.now()}@example.com`;

  it("syncs a contact, finds it by email, subscribes it to a new list", async () => {
    expect(await clients.activecampaign.findContactByEmail(email)).toBeNull();
    const { id } = await clients.activecampaign.syncContact({ email, firstName: "Carol", lastName: "C", phone: "123" });
    expect(await clients.activecampaign.findContactByEmail(email)).toEqual({ id, email });
    const again = await clients.activecampaign.syncContact({ email, firstName: "Caroline" });
    expect(again.id).toBe(id);

    const name = `Volume ${Date.now()}`;
    const list = await clients.activecampaign.createList({ name, stringid: `volume-${Date.now()}`, senderUrl: "https://shop.example", senderReminder: "You bought from us" });
    const lists = await clients.activecampaign.listLists({ name });
    expect(lists.map((l) => l.id)).toContain(list.id);
    await expect(clients.activecampaign.subscribeContactToList(id, list.id)).resolves.toBeUndefined();
  });

  it("pages through every list", async () => {
    const before = (await clients.activecampaign.listLists()).length;
    for (let i = 0; i < 3; i++) {
      await clients.activecampaign.createList({ name: `Paged ${i} ${Date.now()}`, stringid: `paged-${i}-${Date.now()}`, senderUrl: "https://s.example", senderReminder: "r" });
    }
    expect((await clients.activecampaign.listLists()).length).toBe(before + 3);
  });

  it("bulk imports contacts and reports the import status", async () => {
    const [list] = await clients.activecampaign.listLists();
    const { batchId } = await clients.activecampaign.bulkImport(
      [{ email: `d1-${Date.now()}@example.com`, firstName: "D" }, { email: `d2-${Date.now()}@example.com` }],
      { listIds: list ? [list.id] : [] },
    );
    expect(batchId).toBeTruthy();
    const status = await clients.activecampaign.importStatus(batchId);
    expect(typeof status.status).toBe("string");
    expect(Array.isArray(status.success)).toBe(true);
    await expect(clients.activecampaign.bulkImport([])).rejects.toThrow(/1–250/);
  });

  it("tests the connection", async () => {
    await expect(clients.activecampaign.test()).resolves.toEqual({ account: new URL(sandbox.url).host });
  });
});

describe("faults", () => {
  it("a 429 storm with Retry-After is waited out (no request before it elapses)", async () => {
    await control(sandbox, "POST", "/_sandbox/faults", { vendor: "activecampaign", rateLimitStorm: { count: 2, retryAfterSeconds: 1 } });
    const retries: { delayMs: number; status?: number }[] = [];
    const db = await testDb();
    const c = await getTeamClients(db, teamId, { ...fast, onRetry: (r) => retries.push(r) });
    const started = Date.now();
    await expect(c.activecampaign.test()).resolves.toBeTruthy();
    expect(retries.filter((r) => r.status === 429)).toHaveLength(2);
    expect(retries.every((r) => r.delayMs >= 1000)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
  });

  it("NetSuite's 429 (no Retry-After) is retried with backoff", async () => {
    await control(sandbox, "POST", "/_sandbox/faults", { vendor: "netsuite", rateLimitStorm: { count: 2, retryAfterSeconds: 1 } });
    const retries: { delayMs: number; status?: number }[] = [];
    const db = await testDb();
    const c = await getTeamClients(db, teamId, { ...fast, onRetry: (r) => retries.push(r) });
    await expect(c.netsuite.test()).resolves.toBeTruthy();
    expect(retries.map((r) => r.status)).toEqual([429, 429]);
    expect(retries[1].delayMs).toBeGreaterThan(retries[0].delayMs * 0.9);
  });

  it("a malformed vendor payload is a clear error naming the field", async () => {
    await control(sandbox, "POST", "/_sandbox/faults", { vendor: "hubspot", malformedRate: 1 });
    const err = await clients.hubspot.searchContacts({ limit: 1 }).catch((e) => e);
    expect(err).toBeInstanceOf(VendorError);
    expect(err.message).toMatch(/^hubspot\.searchContacts: (response(\.|\[)\S*: |response is not JSON)/);
  });

  it("5xx errors are retried until the bounded attempts run out", async () => {
    await control(sandbox, "POST", "/_sandbox/faults", { vendor: "activecampaign", errorRate: 1 });
    const err = await clients.activecampaign.findContactByEmail("x@example.com").catch((e) => e);
    expect(err).toBeInstanceOf(VendorError);
    expect(err.retriable).toBe(true);
    expect(err.message).toMatch(/gave up after 5 attempts/);
  });
});

describe("connection management", () => {
  it("lists a safe view, tests, renames and removes, all scoped by team", async () => {
    const db = await testDb();
    const team = await makeTeam(db);
    const other = await makeTeam(db);
    await connectTeamToSandbox(db, team.id, sandbox.url);
    const views = await listConnections(db, team.id);
    expect(views.map((v) => v.provider)).toEqual(["activecampaign", "hubspot", "netsuite"]);
    expect(JSON.stringify(views)).not.toMatch(/credentials|sandbox-activecampaign-key|pat-na1/);
    const ac = views.find((v) => v.provider === "activecampaign")!;

    expect(await renameConnection(db, { teamId: other.id, connectionId: ac.id, name: "Hijack" })).toBeNull();
    expect((await renameConnection(db, { teamId: team.id, connectionId: ac.id, name: "Marketing" }))?.name).toBe("Marketing");

    const result = await testConnection(db, { teamId: team.id, connectionId: ac.id });
    expect(result.ok).toBe(true);
    const row = await connectionRow(db, team.id, "activecampaign");
    expect(row?.lastCheckedAt).toBeTruthy();
    expect(row?.lastError).toBeNull();

    expect(await removeConnection(db, { teamId: other.id, connectionId: ac.id })).toBe(false);
    expect(await removeConnection(db, { teamId: team.id, connectionId: ac.id })).toBe(true);
    await expect(getTeamClients(db, team.id)).rejects.toThrow(ConnectionMissingError);
    await expect(getTeamClients(db, team.id)).rejects.toThrow("ActiveCampaign is not connected");
  });

  it("verifies an ActiveCampaign key with a real call before saving it", async () => {
    const db = await testDb();
    const team = await makeTeam(db);
    const bad = await connectWithCredentials(db, {
      teamId: team.id,
      provider: "activecampaign",
      authKind: "api_key",
      baseUrl: sandbox.url,
      credentials: { kind: "api_key", apiKey: "wrong-key-123456" },
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).not.toContain("wrong-key-123456");
    expect(await listConnections(db, team.id)).toHaveLength(0);
    const good = await connectWithCredentials(db, {
      teamId: team.id,
      provider: "activecampaign",
      authKind: "api_key",
      baseUrl: `${sandbox.url}/api/3`,
      credentials: { kind: "api_key", apiKey: "sandbox-activecampaign-key" },
    });
    expect(good.ok).toBe(true);
    if (good.ok) expect(good.connection.baseUrl).toBe(sandbox.url);
  });

  it("connects NetSuite with token-based authentication (OAuth 1.0a HMAC-SHA256)", async () => {
    const db = await testDb();
    const team = await makeTeam(db);
    const tba = { kind: "tba" as const, consumerKey: "sandbox-consumer-key", consumerSecret: "sandbox-consumer-secret", tokenId: "sandbox-token-id", tokenSecret: "sandbox-token-secret" };
    const res = await connectWithCredentials(db, { teamId: team.id, provider: "netsuite", authKind: "tba", accountId: "SANDBOX", baseUrl: sandbox.url, credentials: tba });
    expect(res).toMatchObject({ ok: true });
    const wrong = await connectWithCredentials(db, {
      teamId: team.id,
      provider: "netsuite",
      authKind: "tba",
      accountId: "SANDBOX",
      baseUrl: sandbox.url,
      credentials: { ...tba, tokenSecret: "not-the-secret" },
    });
    expect(wrong.ok).toBe(false);
    // Calls with TBA credentials work for the operations too.
    await createConnection(db, { teamId: team.id, provider: "hubspot", authKind: "token", baseUrl: sandbox.url, credentials: { kind: "token", accessToken: "pat-na1-sandbox-hubspot-token" } });
    await createConnection(db, { teamId: team.id, provider: "activecampaign", authKind: "api_key", baseUrl: sandbox.url, credentials: { kind: "api_key", apiKey: "sandbox-activecampaign-key" } });
    const c = await getTeamClients(db, team.id);
    const ids = await c.netsuite.listSalesOrdersModifiedSince(new Date("2000-01-01"), { limit: 3, offset: 0 });
    expect(ids.ids.length).toBeGreaterThan(0);
  });
});
