// Switchable fault injection per vendor. Each vendor draws from its own seeded PRNGs (one for
// errors, one for malformed records) so a given seed and request sequence repeats exactly.
import { z } from "zod";
import type { Vendor } from "./http";
import { seededRng, type Rng } from "./random";

export const VENDORS: Vendor[] = ["netsuite", "hubspot", "activecampaign"];

export const faultsInput = z.object({
  vendor: z.enum(["netsuite", "hubspot", "activecampaign", "all"]).default("all"),
  errorRate: z.number().min(0).max(1).optional(),
  rateLimitStorm: z.object({ count: z.number().int().min(0), retryAfterSeconds: z.number().int().min(1).default(1) }).optional(),
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  malformedRate: z.number().min(0).max(1).optional(),
  expireTokens: z.boolean().optional(),
  refuseRefresh: z.boolean().optional(),
  seed: z.number().int().optional(),
});
export type FaultsInput = z.infer<typeof faultsInput>;

interface VendorFaults {
  errorRate: number;
  stormRemaining: number;
  stormRetryAfterSeconds: number;
  latencyMs: number;
  malformedRate: number;
  refuseRefresh: boolean;
  errorRng: Rng;
  malformRng: Rng;
}

function cleanFaults(seed: number): VendorFaults {
  return {
    errorRate: 0,
    stormRemaining: 0,
    stormRetryAfterSeconds: 1,
    latencyMs: 0,
    malformedRate: 0,
    refuseRefresh: false,
    errorRng: seededRng(seed),
    malformRng: seededRng(seed ^ 0x5bd1e995),
  };
}

export class Faults {
  private byVendor = new Map<Vendor, VendorFaults>();

  /** `baseSeed` is where the PRNGs start after construction and after every clear(). */
  constructor(private readonly baseSeed: number) {
    this.clear();
  }

  clear(): void {
    for (const v of VENDORS) this.byVendor.set(v, cleanFaults(this.baseSeed));
  }

  /** Applies the given settings; returns the vendors affected (the caller expires tokens). */
  configure(input: FaultsInput): Vendor[] {
    const vendors = input.vendor === "all" ? VENDORS : [input.vendor];
    for (const v of vendors) {
      const f = this.byVendor.get(v)!;
      if (input.seed !== undefined) {
        f.errorRng = cleanFaults(input.seed).errorRng;
        f.malformRng = cleanFaults(input.seed).malformRng;
      }
      if (input.errorRate !== undefined) f.errorRate = input.errorRate;
      if (input.latencyMs !== undefined) f.latencyMs = input.latencyMs;
      if (input.malformedRate !== undefined) f.malformedRate = input.malformedRate;
      if (input.refuseRefresh !== undefined) f.refuseRefresh = input.refuseRefresh;
      if (input.rateLimitStorm) {
        f.stormRemaining = input.rateLimitStorm.count;
        f.stormRetryAfterSeconds = input.rateLimitStorm.retryAfterSeconds;
      }
    }
    return vendors;
  }

  /** If a rate-limit storm is running, consumes one of its 429s and returns its Retry-After. */
  takeStorm(vendor: Vendor): number | null {
    const f = this.byVendor.get(vendor)!;
    if (f.stormRemaining <= 0) return null;
    f.stormRemaining--;
    return f.stormRetryAfterSeconds;
  }

  shouldFail(vendor: Vendor): boolean {
    const f = this.byVendor.get(vendor)!;
    return f.errorRate > 0 && f.errorRng() < f.errorRate;
  }

  shouldMalform(vendor: Vendor): boolean {
    const f = this.byVendor.get(vendor)!;
    return f.malformedRate > 0 && f.malformRng() < f.malformedRate;
  }

  latencyMs(vendor: Vendor): number {
    return this.byVendor.get(vendor)!.latencyMs;
  }

  refusesRefresh(vendor: Vendor): boolean {
    return this.byVendor.get(vendor)!.refuseRefresh;
  }

  snapshot(): Record<string, Omit<VendorFaults, "errorRng" | "malformRng">> {
    const out: Record<string, Omit<VendorFaults, "errorRng" | "malformRng">> = {};
    for (const [v, f] of this.byVendor) {
      out[v] = { errorRate: f.errorRate, stormRemaining: f.stormRemaining, stormRetryAfterSeconds: f.stormRetryAfterSeconds, latencyMs: f.latencyMs, malformedRate: f.malformedRate, refuseRefresh: f.refuseRefresh };
    }
    return out;
  }
}

/**
 * Breaks a record the way a bad upstream row would: email fields stop being strings and
 * amount-like fields stop being numbers. Keys are left in place so the record still looks real.
 */
export function malform<T extends Record<string, unknown>>(record: T): T {
  const broken: Record<string, unknown> = { ...record };
  let changed = false;
  for (const key of Object.keys(broken)) {
    if (/email/i.test(key)) {
      broken[key] = 12345;
      changed = true;
    } else if (/total|amount/i.test(key)) {
      broken[key] = "abc";
      changed = true;
    }
  }
  if (!changed) broken.email = 12345;
  return broken as T;
}
