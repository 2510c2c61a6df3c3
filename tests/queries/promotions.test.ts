import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { listActionHistory, listDecisionsPage, parseActionsCursor, parseRule } from "@/lib/queries/promotions";
import { addOrdersToPromotionList, type PromotionRecordInput } from "@/lib/storage/promotion-list";
import { activeCampaignAppUrl, promotionActionLinks } from "@/lib/vendor-links";
import { makeTeam, testDb } from "../helpers/db";

let serial = 0;
const order = (email: string, date: string, amount: string, status = "Soft Opt-In"): PromotionRecordInput => ({
  key: `NetSuite-SO${++serial}`,
  contactName: `Name of ${email.split("@")[0]}`,
  email,
  dateOfPurchase: date,
  purchaseAmount: amount,
  subscriptionStatus: status,
});

const at = new Date("2026-03-15T12:00:00Z"); // today = 2026-03-15 in London

async function seeded(db: Db) {
  const team = await makeTeam(db);
  await addOrdersToPromotionList(db, team.id, [
    order("a1@shop.test", "2026-03-15", "1200"), // premium
    order("a2@shop.test", "2026-03-01", "5"), // none
    order("a3@shop.test", "2026-03-08", "5"), // seven_day
    order("a4@shop.test", "2026-03-02", "5"), // none
    order("a5@shop.test", "2026-03-03", "5"), // none
    order("a6@shop.test", "2026-03-15", "5", "Confirmed Opt-Out"), // opted_out
    order("a7@shop.test", "2026-03-04", "5"), // none
    order("a8@shop.test", "2026-03-14", "5"),
    order("a8@shop.test", "2026-03-13", "5"), // volume
  ]);
  return team;
}

async function insertAction(db: Db, teamId: string, email: string, createdAt: string, extra: { status?: string; ids?: Record<string, string> } = {}) {
  await db.execute(sql`insert into promotion_actions (team_id, customer_email, action, period, rule, reason, status, external_ids, created_at)
    values (${teamId}, ${email}, 'list_today', ${createdAt.slice(0, 10)}, 'today', ${`reason for ${email}`}, ${extra.status ?? "done"},
            ${JSON.stringify(extra.ids ?? {})}::jsonb, ${createdAt}::timestamptz)`);
}

describe("today's decisions", () => {
  it("pages the preview by email with the rule and its reason", async () => {
    const db = await testDb();
    const team = await seeded(db);
    const first = await listDecisionsPage(db, team.id, { at, limit: 3 });
    expect(first.today).toBe("2026-03-15");
    expect(first.decisions.map((d) => [d.email, d.rule])).toEqual([
      ["a1@shop.test", "premium"],
      ["a2@shop.test", "none"],
      ["a3@shop.test", "seven_day"],
    ]);
    expect(first.decisions[0].reason).toContain("Premium: total 1200.00 is over 1000");
    expect(first.nextCursor).toBe("a3@shop.test");
    const second = await listDecisionsPage(db, team.id, { at, limit: 3, after: first.nextCursor });
    expect(second.decisions.map((d) => d.email)).toEqual(["a4@shop.test", "a5@shop.test", "a6@shop.test"]);
    const third = await listDecisionsPage(db, team.id, { at, limit: 3, after: second.nextCursor });
    expect(third.decisions.map((d) => [d.email, d.rule])).toEqual([
      ["a7@shop.test", "none"],
      ["a8@shop.test", "volume"],
    ]);
    expect(third.nextCursor).toBeNull();
  });

  it("filters by segment across pages", async () => {
    const db = await testDb();
    const team = await seeded(db);
    const first = await listDecisionsPage(db, team.id, { at, segment: "none", limit: 2 });
    expect(first.decisions.map((d) => d.email)).toEqual(["a2@shop.test", "a4@shop.test"]);
    expect(first.nextCursor).toBe("a4@shop.test");
    const second = await listDecisionsPage(db, team.id, { at, segment: "none", limit: 2, after: first.nextCursor });
    expect(second.decisions.map((d) => d.email)).toEqual(["a5@shop.test", "a7@shop.test"]);
    const third = await listDecisionsPage(db, team.id, { at, segment: "none", limit: 2, after: second.nextCursor });
    expect(third.decisions).toEqual([]);
    expect(third.nextCursor).toBeNull();
    const optedOut = await listDecisionsPage(db, team.id, { at, segment: "opted_out" });
    expect(optedOut.decisions.map((d) => [d.email, d.action, d.reason])).toEqual([
      ["a6@shop.test", null, "Not promoted: subscription status is Confirmed Opt-Out"],
    ]);
    expect(optedOut.nextCursor).toBeNull();
  });

  it("shows a team only its own customers", async () => {
    const db = await testDb();
    await seeded(db);
    const other = await makeTeam(db);
    await addOrdersToPromotionList(db, other.id, [order("zz@other.test", "2026-03-15", "10")]);
    const page = await listDecisionsPage(db, other.id, { at });
    expect(page.decisions.map((d) => [d.email, d.rule])).toEqual([["zz@other.test", "today"]]);
  });

  it("accepts only known segments", () => {
    expect(parseRule("seven_day")).toBe("seven_day");
    expect(parseRule("everyone")).toBeNull();
    expect(parseRule(["premium"])).toBeNull();
  });
});

describe("promotion history", () => {
  it("is newest first, keyset-paged without skipping rows created in the same millisecond", async () => {
    const db = await testDb();
    const team = await seeded(db);
    const other = await makeTeam(db);
    await insertAction(db, team.id, "a1@shop.test", "2026-03-15T10:00:00.123456Z");
    await insertAction(db, team.id, "a2@shop.test", "2026-03-15T10:00:00.123999Z");
    await insertAction(db, team.id, "a3@shop.test", "2026-03-15T10:00:00.123100Z");
    await insertAction(db, team.id, "gone@shop.test", "2026-03-14T09:00:00.000000Z", { status: "failed" });
    await insertAction(db, other.id, "a1@shop.test", "2026-03-15T11:00:00.000000Z");

    const seen: string[] = [];
    let before: string | null = null;
    do {
      const page = await listActionHistory(db, team.id, { before, limit: 1 });
      seen.push(...page.actions.map((a) => a.email));
      before = page.nextCursor;
    } while (before);
    expect(seen).toEqual(["a2@shop.test", "a1@shop.test", "a3@shop.test", "gone@shop.test"]);

    const { actions } = await listActionHistory(db, team.id, { limit: 10 });
    expect(actions[0]).toMatchObject({ email: "a2@shop.test", contactName: "Name of a2", action: "list_today", status: "done", period: "2026-03-15" });
    expect(actions[3]).toMatchObject({ email: "gone@shop.test", contactName: null, status: "failed" });

    const theirs = await listActionHistory(db, other.id, { limit: 10 });
    expect(theirs.actions.map((a) => a.email)).toEqual(["a1@shop.test"]);
    expect(theirs.actions[0].contactName).toBeNull(); // the other team has no list record for a1
  });

  it("ignores a malformed cursor", async () => {
    expect(parseActionsCursor("2026-03-15T10:00:00.123456Z_not-a-uuid")).toBeNull();
    expect(parseActionsCursor("2026-03-15T10:00:00.123456Z_0b7f6f2e-3f0e-4b7a-9d1a-2c3d4e5f6a7b")).toEqual({
      createdAt: "2026-03-15T10:00:00.123456Z",
      id: "0b7f6f2e-3f0e-4b7a-9d1a-2c3d4e5f6a7b",
    });
  });
});

describe("vendor links", () => {
  const hubspot = { provider: "hubspot", baseUrl: "https://api.hubapi.com", accountId: "4455667", usesProductionUrl: true };
  const activecampaign = { provider: "activecampaign", baseUrl: "https://shop.api-us1.com", accountId: null, usesProductionUrl: true };

  it("links HubSpot records in the portal and ActiveCampaign contacts in the account", () => {
    expect(
      promotionActionLinks({ hubspotTaskId: "901", hubspotContactId: "77" }, { hubspot, activecampaign }),
    ).toEqual([
      { label: "HubSpot task", id: "901", href: "https://app.hubspot.com/contacts/4455667/record/0-1/77" },
      { label: "HubSpot contact", id: "77", href: "https://app.hubspot.com/contacts/4455667/record/0-1/77" },
    ]);
    expect(promotionActionLinks({ activecampaignContactId: "12", activecampaignListId: "3" }, { hubspot, activecampaign })).toEqual([
      { label: "ActiveCampaign contact", id: "12", href: "https://shop.activehosted.com/app/contacts/12" },
      { label: "ActiveCampaign list", id: "3", href: null },
    ]);
  });

  it("shows only ids when the portal is unknown or the connection is not the vendor's", () => {
    expect(promotionActionLinks({ hubspotContactId: "77" }, { hubspot: { ...hubspot, accountId: null } })).toEqual([
      { label: "HubSpot contact", id: "77", href: null },
    ]);
    expect(promotionActionLinks({ hubspotContactId: "77" }, { hubspot: { ...hubspot, usesProductionUrl: false } })[0].href).toBeNull();
    expect(promotionActionLinks({ activecampaignContactId: "12" }, {})[0].href).toBeNull();
    expect(activeCampaignAppUrl("http://127.0.0.1:4010/activecampaign/api/3")).toBe("http://127.0.0.1:4010/activecampaign");
  });
});
