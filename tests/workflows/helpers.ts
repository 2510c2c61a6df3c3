import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { counters, storedObjects } from "@/db/schema";
import { connectTeamToSandbox } from "@/lib/connectors/sandbox-connections";
import { startSandbox, type RunningSandbox } from "@/sandbox/server";
import { makeTeam } from "../helpers/db";
import { sandboxControl } from "../helpers/sandbox";

export type SandboxState = {
  hubspot: {
    contacts: { id: string; properties: Record<string, string | null> }[];
    tasks: { id: string; properties: Record<string, string | null>; associations: { contacts: string[] } }[];
  };
  activecampaign: {
    contacts: { id: string; email: string }[];
    lists: { id: string; name: string }[];
    contactLists: { contact: string; list: string; status?: string | number }[];
  };
};

/** GET a control endpoint, or POST `body` to it. */
export const control = (sandbox: RunningSandbox, path: string, body?: unknown) =>
  sandboxControl(sandbox, body === undefined ? "GET" : "POST", path, body);

export async function sandboxState(sandbox: RunningSandbox): Promise<SandboxState> {
  return (await control(sandbox, "/_sandbox/state")) as SandboxState;
}

/** A stable picture of the vendors' state for "nothing changed" assertions. */
export function vendorSnapshot(state: SandboxState) {
  return {
    hubspotContacts: state.hubspot.contacts.map((c) => `${c.id}:${(c.properties.email ?? "").toLowerCase()}`).sort(),
    hubspotTasks: state.hubspot.tasks.map((t) => `${t.id}:${t.associations.contacts.join(",")}`).sort(),
    acContacts: state.activecampaign.contacts.map((c) => `${c.id}:${c.email.toLowerCase()}`).sort(),
    acLists: state.activecampaign.lists.map((l) => `${l.id}:${l.name}`).sort(),
    acMemberships: state.activecampaign.contactLists.map((m) => `${m.contact}:${m.list}`).sort(),
  };
}

export async function listAndCounters(db: Db, teamId: string) {
  const list = (await db.select().from(storedObjects).where(eq(storedObjects.teamId, teamId)))
    .map((r) => ({ key: r.key, data: r.data }))
    .sort((a, b) => a.key.localeCompare(b.key));
  const counts = (await db.select().from(counters).where(eq(counters.teamId, teamId)))
    .map((c) => `${c.storeId}:${c.groupKey}=${Number(c.value)}`)
    .sort();
  return { list, counts };
}

export const AT = new Date("2026-07-01T09:00:00Z"); // 10:00 in London

/**
 * Sandbox with the demo account plus exact edge cases, and a team connected to it:
 * vip (premium, 2 London orders totalling 1200.50), repeat (2 small orders), today (1 order
 * today), week (1 order exactly 7 days ago), optout (big order, Confirmed Opt-Out), and
 * orders that must not reach the list: a company, Manchester, no email, an unknown customer.
 */
export async function setUpSandboxTeam(db: Db, options: { demo?: boolean; rateLimits?: boolean; pageSize?: number } = {}) {
  const sandbox = await startSandbox({ port: 0, rateLimits: options.rateLimits ?? false });
  await control(sandbox, "/_sandbox/reset", {});
  if (options.demo !== false) {
    await control(sandbox, "/_sandbox/demo-data", { seed: 7, customers: 40, orders: 120, days: 12, now: AT.toISOString() });
  }
  const person = (key: string, extra: Record<string, unknown> = {}) => ({
    firstName: key[0].toUpperCase() + key.slice(1),
    lastName: "Edge",
    email: `${key}@edge.example`,
    isPerson: true,
    globalSubscriptionStatus: 1,
    ...extra,
  });
  const added = (await control(sandbox, "/_sandbox/netsuite/records", {
    locations: [
      { id: 1, name: "London" },
      { id: 2, name: "Manchester" },
      { id: 3, name: "Online" },
    ],
    customers: [
      person("vip"),
      person("repeat"),
      person("today"),
      person("week"),
      person("optout", { globalSubscriptionStatus: 4 }),
      { companyName: "Edge Company Ltd", email: "company@edge.example", isPerson: false },
      person("manchester"),
      person("noemail", { email: null }),
    ],
  })) as { customers: number[] };
  const [vip, repeat, today, week, optout, company, manchester, noemail] = added.customers;
  const order = (tranId: string, customerId: number, tranDate: string, rate: number, locationId = 1) => ({
    tranId,
    tranDate,
    customerId,
    locationId,
    lastModifiedDate: `${tranDate} 08:00:00`,
    lines: [{ quantity: 1, rate }],
  });
  await control(sandbox, "/_sandbox/netsuite/records", {
    salesOrders: [
      order("EDGE-VIP1", vip, "2026-06-25", 700.25),
      order("EDGE-VIP2", vip, "2026-06-28", 500.25),
      order("EDGE-REP1", repeat, "2026-06-26", 20),
      order("EDGE-REP2", repeat, "2026-06-29", 30),
      order("EDGE-TODAY", today, "2026-07-01", 40),
      order("EDGE-WEEK", week, "2026-06-24", 50),
      order("EDGE-OPTOUT", optout, "2026-06-30", 5000),
      order("EDGE-COMPANY", company, "2026-06-30", 60),
      order("EDGE-MAN", manchester, "2026-06-30", 70, 2),
      order("EDGE-NOEMAIL", noemail, "2026-06-30", 80),
      order("EDGE-UNKNOWN", 987654, "2026-06-30", 90),
    ],
  });
  const team = await makeTeam(db, options.pageSize ? { pageSize: options.pageSize } : undefined);
  await connectTeamToSandbox(db, team.id, sandbox.url);
  return { sandbox, team };
}
