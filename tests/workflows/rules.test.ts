import { describe, expect, it } from "vitest";
import { classifyOrder } from "@/lib/workflows/netsuite-orders";
import {
  addDays,
  calendarDate,
  daysBetween,
  decidePromotion,
  expiryCutoff,
  isExpired,
  normaliseDate,
  type PromotionCustomer,
} from "@/lib/workflows/rules";
import { defaultWorkflowSettings } from "@/lib/workflows/settings";

const settings = defaultWorkflowSettings();
const customer = (over: Partial<PromotionCustomer> = {}): PromotionCustomer => ({
  email: "ann@example.com",
  contactName: "Ann Example",
  totalAmount: "100.00",
  orderCount: 1,
  lastPurchaseDate: "2026-07-01",
  subscriptionStatus: "Soft Opt-In",
  ...over,
});

describe("promotion rules", () => {
  it("a total of exactly 1000 is not premium; 1000.01 is", () => {
    const at1000 = decidePromotion(customer({ totalAmount: "1000.00", orderCount: 1, lastPurchaseDate: "2026-06-20" }), "2026-07-01", settings);
    expect(at1000.rule).toBe("none");
    expect(at1000.reason).toContain("not over 1000");
    const above = decidePromotion(customer({ totalAmount: "1000.01" }), "2026-07-01", settings);
    expect(above).toMatchObject({ rule: "premium", action: "hubspot_task" });
    expect(above.reason).toMatch(/Premium: total 1000\.01 is over 1000/);
  });

  it("one order is not volume; two orders are", () => {
    expect(decidePromotion(customer({ orderCount: 1, lastPurchaseDate: "2026-06-28" }), "2026-07-01", settings).rule).toBe("none");
    const two = decidePromotion(customer({ orderCount: 2, lastPurchaseDate: "2026-06-28" }), "2026-07-01", settings);
    expect(two).toMatchObject({ rule: "volume", action: "list_volume", listName: "Volume Promotion" });
  });

  it("premium wins over volume, volume over today", () => {
    expect(decidePromotion(customer({ totalAmount: "5000", orderCount: 3, lastPurchaseDate: "2026-07-01" }), "2026-07-01", settings).rule).toBe("premium");
    expect(decidePromotion(customer({ orderCount: 3, lastPurchaseDate: "2026-07-01" }), "2026-07-01", settings).rule).toBe("volume");
  });

  it("an order at 23:30 London time in summer counts for that London day, not the next UTC day", () => {
    // 2026-07-01 23:30 BST = 22:30 UTC: same calendar day in London and in UTC ...
    expect(calendarDate(new Date("2026-07-01T22:30:00Z"), "Europe/London")).toBe("2026-07-01");
    // ... while 00:30 BST on 2 July is still 1 July in UTC: the zone decides "today".
    const at = new Date("2026-07-01T23:30:00Z");
    expect(calendarDate(at, "UTC")).toBe("2026-07-01");
    const today = calendarDate(at, "Europe/London");
    expect(today).toBe("2026-07-02");
    const d = decidePromotion(customer({ lastPurchaseDate: "2026-07-02" }), today, settings);
    expect(d.rule).toBe("today");
    expect(decidePromotion(customer({ lastPurchaseDate: "2026-07-02" }), calendarDate(at, "UTC"), settings).rule).not.toBe("today");
  });

  it("exactly 7 calendar days across the October DST change is the seven-day rule", () => {
    // Clocks go back on 25 Oct 2026; 21 Oct -> 28 Oct is 7 days though 169 hours elapse.
    const at = new Date("2026-10-28T08:00:00Z");
    const today = calendarDate(at, "Europe/London");
    expect(today).toBe("2026-10-28");
    expect(daysBetween("2026-10-21", today)).toBe(7);
    expect(decidePromotion(customer({ lastPurchaseDate: "2026-10-21" }), today, settings)).toMatchObject({
      rule: "seven_day",
      action: "list_seven_day",
      listName: "Seven Day Promotion",
    });
    expect(decidePromotion(customer({ lastPurchaseDate: "2026-10-22" }), today, settings).rule).toBe("none");
    expect(decidePromotion(customer({ lastPurchaseDate: "2026-10-20" }), today, settings).rule).toBe("none");
    // Late evening just after the change: 23:30 GMT on 28 Oct is still 28 Oct in London.
    expect(calendarDate(new Date("2026-10-28T23:30:00Z"), "Europe/London")).toBe("2026-10-28");
  });

  it("opted-out customers are not promoted unless the setting allows it", () => {
    const c = customer({ totalAmount: "5000", subscriptionStatus: "Confirmed Opt-Out" });
    expect(decidePromotion(c, "2026-07-01", settings)).toMatchObject({ rule: "opted_out", action: null });
    expect(decidePromotion(c, "2026-07-01", { ...settings, promoteOptedOut: true }).rule).toBe("premium");
    expect(decidePromotion(customer({ subscriptionStatus: "Soft Opt-Out" }), "2026-07-01", settings).rule).toBe("opted_out");
  });
});

describe("expiry", () => {
  it("14 days old stays; 15 days old expires", () => {
    const today = "2026-07-15";
    expect(isExpired("2026-07-01", today, 14)).toBe(false);
    expect(isExpired("2026-06-30", today, 14)).toBe(true);
    // expirePromotionRecords removes records purchased strictly before the cutoff.
    expect(expiryCutoff(today, 14)).toBe("2026-07-01");
    expect(addDays("2026-03-28", 2)).toBe("2026-03-30");
  });
});

describe("extract filters and validation", () => {
  const row = (over: Record<string, string | undefined> = {}) =>
    Object.fromEntries(
      Object.entries({
        id: "10",
        tranid: "SO100",
        trandate: "2026-07-01",
        lastmodified: "2026-07-01 10:00:00",
        entity: "5",
        customer_id: "5",
        altname: "Ann Example",
        firstname: "Ann",
        lastname: "Example",
        customer_email: "Ann@Example.com",
        isperson: "T",
        subscription_status: "Soft Opt-In",
        location_id: "1",
        location_name: "London",
        item_total: "-120.5",
        ...over,
      }).filter(([, v]) => v !== undefined),
    );

  it("keeps a person who bought in London, mapped as the tutorial says", () => {
    const c = classifyOrder(row(), settings);
    expect(c).toMatchObject({
      kind: "keep",
      record: {
        key: "NetSuite-SO100",
        contactName: "Ann Example",
        email: "ann@example.com",
        dateOfPurchase: "2026-07-01",
        purchaseAmount: "120.50",
        subscriptionStatus: "Soft Opt-In",
      },
    });
  });

  it("filters out a company customer and a non-London order, with the reason", () => {
    expect(classifyOrder(row({ isperson: "F", companyname: "Acme Ltd" }), settings)).toMatchObject({ kind: "filtered", reason: "company" });
    expect(classifyOrder(row({ location_name: "Manchester" }), settings)).toMatchObject({ kind: "filtered", reason: "location" });
    expect(classifyOrder(row({ location_name: undefined }), settings)).toMatchObject({ kind: "filtered", reason: "location" });
  });

  it("quarantines a customer with no email, a bad amount and an unknown customer", () => {
    expect(classifyOrder(row({ customer_email: undefined }), settings)).toMatchObject({
      kind: "quarantine",
      externalId: "SO100",
      reason: "The customer has no email address",
    });
    expect(classifyOrder(row({ item_total: "abc" }), settings)).toMatchObject({ kind: "quarantine" });
    expect(classifyOrder(row({ item_total: undefined }), settings)).toMatchObject({ kind: "quarantine" });
    expect(classifyOrder(row({ customer_id: undefined, altname: undefined }), settings)).toMatchObject({
      kind: "quarantine",
      reason: expect.stringContaining("Unknown customer"),
    });
  });

  it("reads NetSuite's M/D/YYYY dates and subscription status ids", () => {
    expect(normaliseDate("7/1/2026")).toBe("2026-07-01");
    expect(normaliseDate("2/30/2026")).toBeNull();
    expect(classifyOrder(row({ trandate: "7/1/2026", subscription_status: "4" }), settings)).toMatchObject({
      kind: "keep",
      record: { dateOfPurchase: "2026-07-01", subscriptionStatus: "Confirmed Opt-Out" },
    });
  });
});
