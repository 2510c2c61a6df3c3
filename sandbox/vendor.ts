// What each vendor module hands the server: its routes plus the gates an API request passes.
import type { CallLog } from "./calls";
import type { Clock } from "./clock";
import type { CredentialStore } from "./auth/credentials";
import type { TbaVerifier } from "./auth/tba";
import type { Faults } from "./faults";
import type { Reply, RequestContext, Route, Vendor } from "./http";

export interface SandboxConfig {
  rateLimits: boolean;
  netsuiteConcurrency: number;
}

/** Shared, vendor-independent pieces every module may read. */
export interface SandboxCore {
  clock: Clock;
  credentials: CredentialStore;
  tba: TbaVerifier;
  faults: Faults;
  calls: CallLog;
  config: SandboxConfig;
}

export interface Admission {
  /** Headers to add to whatever the handler answers (e.g. rate-limit counters). */
  headers?: Record<string, string>;
  /** Called once the reply is sent (e.g. frees a concurrency slot). */
  release?: () => void;
}

export interface VendorApi {
  vendor: Vendor;
  routes: Route[];
  /** Returns the principal (rate-limit key) or the vendor's 401/403. */
  authenticate(ctx: RequestContext): Reply | { principal: string };
  /** Rate-limit / concurrency gate; a Reply means the request is refused. */
  admit(ctx: RequestContext, route: Route): Reply | Admission;
  /** The vendor's 429 during an injected rate-limit storm. */
  stormReply(retryAfterSeconds: number): Reply;
  /** The vendor's 500 for an injected error. */
  faultReply(): Reply;
  /** Forgets rate-limit history and pending work (control reset). */
  reset(): void;
}

export function isReply(x: unknown): x is Reply {
  return typeof x === "object" && x !== null && "status" in x;
}
