import { describe, expect, it } from "vitest";
import { describeCron, explainError, formatDuration, groupCounts, keyCounts, stepLabel } from "@/components/workflows/labels";

describe("workflows dashboard words", () => {
  it("groups a run's counts by outcome, keeping keys it has no word for", () => {
    const groups = groupCounts("extract", { fetched: 10, filtered_company: 2, filtered_location: 3, kept: 5, added: 4, duplicates: 1, filtered_test: 7 });
    const flat = Object.fromEntries(groups.flatMap((g) => g.rows.map((r) => [r.key, r.value])));
    expect(flat).toMatchObject({ fetched: 10, filtered_company: 2, filtered_location: 3, added: 4, duplicates: 1, quarantined: 0 });
    const other = groups.find((g) => g.title === "Other");
    expect(other?.rows).toEqual([{ key: "filtered_test", label: "Filtered out: test", value: 7 }]);
    // Rows that only some runs have are hidden at zero.
    expect(flat).not.toHaveProperty("would_expire");
    expect(flat).not.toHaveProperty("activecampaign_contacts_created");
  });

  it("picks the counts that say what a run did, dry or not", () => {
    expect(keyCounts("promote", { customers: 5, rule_premium: 1, rule_today: 2, promoted: 3 }, true)).toEqual([
      { label: "customers", value: 5 },
      { label: "would promote", value: 3 },
    ]);
    expect(keyCounts("expire", { expired: 4 }, false)).toEqual([{ label: "expired", value: 4 }]);
  });

  it("explains errors in plain words with the next step", () => {
    expect(explainError("HubSpot is not connected")).toMatchObject({ href: "/connectors" });
    const reauth = explainError("HubSpot needs to be reconnected: invalid_grant. Open Connectors and click Reconnect.");
    expect(reauth.summary).toBe("HubSpot needs to be reconnected: invalid_grant.");
    expect(reauth.hint).toMatch(/Reconnect/);
    const vendor = explainError("netsuite.suiteql: HTTP 500 UNEXPECTED_ERROR");
    expect(vendor.summary).toMatch(/^NetSuite was unavailable or rate-limited/);
    expect(explainError("activecampaign.createList: 422 name taken").summary).toMatch(/^ActiveCampaign refused a request \(createList\)/);
  });

  it("names steps, durations and common crons", () => {
    expect(stepLabel("orders-page-3")).toBe("Orders, page 3");
    expect(stepLabel("plan")).toBe("Plan the time window");
    expect(stepLabel("something-else")).toBe("something-else");
    expect(formatDuration(850)).toBe("850 ms");
    expect(formatDuration(12_340)).toBe("12.3 s");
    expect(formatDuration(245_000)).toBe("4 min 05 s");
    expect(formatDuration(null)).toBe("—");
    expect(describeCron("0 6 * * *")).toBe("Every day at 06:00");
    expect(describeCron("30 9 * * 1")).toBe("Every Monday at 09:30");
    expect(describeCron("*/15 * * * *")).toBeNull();
  });
});
