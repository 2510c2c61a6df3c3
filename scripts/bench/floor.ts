/**
 * The rate-limit floor: the least time the vendors' documented limits allow for a given set of
 * calls. Per vendor, from the counted calls:
 *
 * - a sliding window of at most `max` calls per `windowMs`: n calls need at least
 *   (ceil(n / max) - 1) * windowMs (the first `max` may go at once, each further `max` one window
 *   later);
 * - HubSpot: the larger of the 10-second bucket (110, every call but search) and the search
 *   bucket (5 per second, search calls only);
 * - ActiveCampaign: 5 per second;
 * - NetSuite documents a concurrency limit, not a rate: n calls of measured duration d_i need at
 *   least sum(d_i) / concurrency (5 in flight).
 *
 * A workflow's floor is the largest of its vendors' floors (vendors could be called side by side);
 * the three workflows run one after another, so the run's floor is the sum of theirs. That sum
 * assumes each workflow starts with empty rate-limit windows. The windows roll on across
 * workflows, so a second, equally valid lower bound treats the run as one sequence: per vendor,
 * the floor of all its calls in the run; the largest of those. The tighter of the two bounds is
 * reported as the "whole-run floor": the larger of the two bounds.
 */

export type VendorId = "netsuite" | "hubspot" | "activecampaign";

export const LIMITS = {
  hubspot: { max: 110, windowMs: 10_000, searchMax: 5, searchWindowMs: 1_000 },
  activecampaign: { max: 5, windowMs: 1_000 },
  netsuite: { concurrency: 5 },
} as const;

export function windowFloorMs(calls: number, max: number, windowMs: number): number {
  return calls <= 0 ? 0 : (Math.ceil(calls / max) - 1) * windowMs;
}

/** `calls` is the sandbox call log ("hubspot POST /crm/v3/objects/contacts/search" -> n). */
export function vendorFloorsMs(calls: Record<string, number>, netsuiteBusyMs: number): Record<VendorId, number> {
  let hubspot = 0;
  let hubspotSearch = 0;
  let activecampaign = 0;
  for (const [key, n] of Object.entries(calls)) {
    const [vendor, , path] = key.split(" ");
    if (vendor === "hubspot") {
      if (path?.endsWith("/search")) hubspotSearch += n;
      else hubspot += n;
    } else if (vendor === "activecampaign") activecampaign += n;
  }
  return {
    hubspot: Math.max(
      windowFloorMs(hubspot, LIMITS.hubspot.max, LIMITS.hubspot.windowMs),
      windowFloorMs(hubspotSearch, LIMITS.hubspot.searchMax, LIMITS.hubspot.searchWindowMs),
    ),
    activecampaign: windowFloorMs(activecampaign, LIMITS.activecampaign.max, LIMITS.activecampaign.windowMs),
    netsuite: netsuiteBusyMs / LIMITS.netsuite.concurrency,
  };
}

export function callsByVendor(calls: Record<string, number>): Record<VendorId, number> {
  const out: Record<VendorId, number> = { netsuite: 0, hubspot: 0, activecampaign: 0 };
  for (const [key, n] of Object.entries(calls)) {
    const vendor = key.split(" ")[0] as VendorId;
    if (vendor in out) out[vendor] += n;
  }
  return out;
}

/** The larger of the two lower bounds: the sum of per-workflow floors, and per vendor over the whole run. */
export function wholeRunFloorMs(perWorkflowFloorsMs: number[], allCalls: Record<string, number>, netsuiteBusyMs: number): number {
  const sum = perWorkflowFloorsMs.reduce((a, b) => a + b, 0);
  return Math.max(sum, ...Object.values(vendorFloorsMs(allCalls, netsuiteBusyMs)));
}
