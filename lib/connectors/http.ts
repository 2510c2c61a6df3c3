import type { z } from "zod";
import { VendorError, redact } from "./errors";
import { realClock, type Clock, type Pacer } from "./pacing";
import type { ProviderDeclaration } from "./providers/types";

/**
 * The one HTTP policy for every vendor call: pacing within the vendor's limits (shared per
 * connection), a per-request timeout, bounded retries with exponential backoff and jitter on 429,
 * 5xx and network errors (honouring Retry-After: no request before it elapses), one token refresh
 * on an "expired" 401, zod-parsed responses and typed VendorErrors.
 */

export type HttpOptions = {
  clock?: Clock;
  fetch?: typeof fetch;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
  /** Total attempts per request, first included (default 5). */
  maxAttempts?: number;
  /** Backoff base and cap (default 500 ms doubling up to 20 s), with jitter. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A Retry-After longer than this is not waited for in-process: the error surfaces as retriable. */
  maxRetryAfterMs?: number;
  random?: () => number;
  /** Observes each retry (tests, metrics). Never given secrets. */
  onRetry?: (info: { operation: string; attempt: number; status?: number; delayMs: number; reason: string }) => void;
};

export type VendorRequest<T> = {
  operation: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  url: string;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
  schema: z.ZodType<T>;
  /** Rate-limit bucket (e.g. HubSpot "search"). */
  bucket?: string;
  /** Extra predicate for "this non-2xx answer is a throttle, retry it" (ActiveCampaign bulk import 400). */
  isThrottle?: (status: number, body: unknown) => boolean;
  /** Treat these statuses as success and parse the body (e.g. 207). 2xx always count. */
  acceptStatuses?: number[];
};

/** What the HTTP policy needs from a connection's credentials. */
export type RequestAuth = {
  headers: (req: { method: string; url: string }) => Promise<Record<string, string>>;
  /** Called on a 401 that says the token expired; resolves true when a fresh token is ready. */
  refreshAfterExpired?: () => Promise<boolean>;
  /** Every secret that must never appear in a message. */
  secrets: () => string[];
};

export type ResponseOutcome = { ok: true } | { ok: false; error: unknown };

export class VendorHttp {
  private readonly clock: Clock;
  private readonly fetchImpl: typeof fetch;
  constructor(
    readonly provider: ProviderDeclaration,
    private readonly pacer: Pacer,
    private readonly auth: RequestAuth | null,
    private readonly options: HttpOptions = {},
    private readonly onOutcome?: (outcome: ResponseOutcome) => Promise<void> | void,
  ) {
    this.clock = options.clock ?? realClock;
    this.fetchImpl = options.fetch ?? fetch;
  }

  async request<T>(req: VendorRequest<T>): Promise<T> {
    try {
      const result = await this.attempt(req);
      await this.onOutcome?.({ ok: true });
      return result;
    } catch (error) {
      await this.onOutcome?.({ ok: false, error });
      throw error;
    }
  }

  private error(req: VendorRequest<unknown>, input: Omit<ConstructorParameters<typeof VendorError>[0], "vendor" | "operation">) {
    const secrets = this.auth?.secrets() ?? [];
    return new VendorError({ ...input, vendor: this.provider.id, operation: req.operation, message: redact(input.message, secrets) });
  }

  private backoff(attempt: number) {
    const base = this.options.baseDelayMs ?? 500;
    const cap = this.options.maxDelayMs ?? 20_000;
    const exp = Math.min(cap, base * 2 ** (attempt - 1));
    const random = this.options.random ?? Math.random;
    return Math.round(exp / 2 + (exp / 2) * random());
  }

  private async attempt<T>(req: VendorRequest<T>): Promise<T> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    const url = buildUrl(req.url, req.query);
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      const headers: Record<string, string> = { accept: "application/json", ...req.headers };
      let body: string | undefined;
      if (req.json !== undefined) {
        headers["content-type"] = "application/json";
        body = JSON.stringify(req.json);
      } else if (req.form) {
        headers["content-type"] = "application/x-www-form-urlencoded";
        body = new URLSearchParams(req.form).toString();
      }
      // Auth first (it may refresh the token, or refuse: ConnectionNeedsReauthError), then pacing.
      if (this.auth) Object.assign(headers, await this.auth.headers({ method: req.method, url }));
      const release = await this.pacer.acquire(req.bucket ?? "default", this.clock);
      let response: Response;
      let text: string;
      try {
        response = await this.fetchImpl(url, { method: req.method, headers, body, signal: AbortSignal.timeout(timeoutMs), redirect: "manual" });
        text = await response.text();
      } catch (cause) {
        release();
        const timedOut = cause instanceof Error && (cause.name === "TimeoutError" || cause.name === "AbortError");
        const reason = timedOut ? `timed out after ${timeoutMs} ms` : `network error (${cause instanceof Error ? cause.message : String(cause)})`;
        if (attempt < maxAttempts) {
          const delayMs = this.backoff(attempt);
          this.options.onRetry?.({ operation: req.operation, attempt, delayMs, reason });
          await this.clock.sleep(delayMs);
          continue;
        }
        throw this.error(req, { message: `${reason} after ${attempt} attempts`, code: timedOut ? "TIMEOUT" : "NETWORK", retriable: true });
      }
      release();

      const parsed = parseBody(text);
      const status = response.status;
      if ((status >= 200 && status < 300) || req.acceptStatuses?.includes(status)) {
        if (parsed === undefined && text.trim()) {
          throw this.error(req, { message: "response is not JSON", status, code: "MALFORMED_RESPONSE" });
        }
        const result = req.schema.safeParse(parsed ?? {});
        if (!result.success) {
          throw this.error(req, { message: formatZodIssue(result.error), status, code: "MALFORMED_RESPONSE" });
        }
        return result.data;
      }

      const info = this.provider.parseError(parsed, status, response.headers);
      if (status === 401 && this.auth?.refreshAfterExpired && !refreshed && this.provider.isExpiredTokenResponse(status, info, response.headers)) {
        refreshed = true;
        if (await this.auth.refreshAfterExpired()) {
          attempt--; // the refresh does not use up a retry
          continue;
        }
      }
      const throttled = status === 429 || (req.isThrottle?.(status, parsed) ?? false);
      const retriable = throttled || status >= 500 || status === 408;
      if (retriable && attempt < maxAttempts) {
        const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), this.clock.now());
        const maxRetryAfterMs = this.options.maxRetryAfterMs ?? 120_000;
        if (retryAfterMs === undefined || retryAfterMs <= maxRetryAfterMs) {
          const delayMs = retryAfterMs !== undefined ? retryAfterMs + Math.round(50 * (this.options.random ?? Math.random)()) : this.backoff(attempt);
          this.options.onRetry?.({ operation: req.operation, attempt, status, delayMs, reason: throttled ? "throttled" : `HTTP ${status}` });
          await this.clock.sleep(delayMs);
          continue;
        }
      }
      const message = [`HTTP ${status}`, info.code, info.message].filter(Boolean).join(" ");
      throw this.error(req, {
        message: retriable && attempt >= maxAttempts ? `${message} (gave up after ${attempt} attempts)` : message,
        status,
        code: info.code ?? (throttled ? "RATE_LIMITED" : undefined),
        retriable,
      });
    }
  }
}

export function buildUrl(url: string, query?: Record<string, string | number | undefined>): string {
  if (!query) return url;
  const u = new URL(url);
  for (const [key, value] of Object.entries(query)) if (value !== undefined) u.searchParams.set(key, String(value));
  return u.toString();
}

function parseBody(text: string): unknown {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Retry-After as seconds or an HTTP date → milliseconds from now. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** `response.results[0].id: expected string, received number` */
export function formatZodIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  let path = "response";
  for (const segment of issue?.path ?? []) {
    if (typeof segment === "number") path += `[${segment}]`;
    else if (typeof segment === "string" && /^[A-Za-z_$][\w$]*$/.test(segment)) path += `.${segment}`;
    else path += `[${JSON.stringify(String(segment))}]`;
  }
  const message = (issue?.message ?? "invalid").replace(/^Invalid input:\s*/, "");
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : "";
  return `${path}: ${message}${more}`;
}
