import type { ProviderId } from "@/db/schema";

/** A failed vendor call: what was called, what the vendor answered, and whether retrying may help. */
export class VendorError extends Error {
  readonly vendor: ProviderId;
  readonly operation: string;
  readonly status?: number;
  readonly code?: string;
  readonly retriable: boolean;
  /** What the vendor said, without the operation's internal name: for messages a merchant reads. */
  readonly detail: string;

  constructor(input: { vendor: ProviderId; operation: string; message: string; status?: number; code?: string; retriable?: boolean }) {
    super(`${input.vendor}.${input.operation}: ${input.message}`);
    this.detail = input.message;
    this.name = "VendorError";
    this.vendor = input.vendor;
    this.operation = input.operation;
    this.status = input.status;
    this.code = input.code;
    this.retriable = input.retriable ?? false;
  }
}

/** The connection's grant was refused (expired or revoked): the merchant has to reconnect. */
export class ConnectionNeedsReauthError extends Error {
  readonly provider: ProviderId;
  constructor(provider: ProviderId, message: string) {
    super(message);
    this.name = "ConnectionNeedsReauthError";
    this.provider = provider;
  }
}

/** The team has no connection for this provider. */
export class ConnectionMissingError extends Error {
  readonly provider: ProviderId;
  constructor(provider: ProviderId, message: string) {
    super(message);
    this.name = "ConnectionMissingError";
    this.provider = provider;
  }
}

/** An OAuth install that could not complete; `reason` is a stable code the error page explains. */
export class OAuthInstallError extends Error {
  readonly reason: OAuthFailureReason;
  constructor(reason: OAuthFailureReason, message: string) {
    super(message);
    this.name = "OAuthInstallError";
    this.reason = reason;
  }
}

export const oauthFailureReasons = [
  "missing_state",
  "invalid_state",
  "state_used",
  "state_expired",
  "wrong_session",
  "denied",
  "vendor_error",
  "exchange_failed",
  "not_configured",
] as const;
export type OAuthFailureReason = (typeof oauthFailureReasons)[number];

/** Replaces every known secret in a text with a marker, so messages never carry a token. */
export function redact(text: string, secrets: (string | undefined | null)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 6) out = out.split(secret).join("[redacted]");
  }
  return out;
}
