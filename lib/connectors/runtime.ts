import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { connections, type AuthKind, type Connection, type ProviderId } from "@/db/schema";
import { openCredentials, sealCredentials, secretValues, type Credentials } from "./credentials";
import { ConnectionMissingError, ConnectionNeedsReauthError, VendorError, redact } from "./errors";
import { VendorHttp, type HttpOptions, type RequestAuth, type ResponseOutcome } from "./http";
import { tbaAuthorizationHeader } from "./oauth1";
import { realClock } from "./pacing";
import { pacerFor } from "./pacing";
import { getProvider, type ProviderDeclaration } from "./providers";
import { isRefusedGrant, refreshAccessToken } from "./tokens";

/** Options every client accepts; tests inject the clock, fetch and retry timings. */
export type ClientOptions = HttpOptions & {
  /** Refresh an OAuth access token this long before it expires (default 2 minutes). */
  refreshMarginMs?: number;
};

/** The parts of a connection a client needs; `id` is absent for a connection not saved yet. */
export type ConnectionTarget = {
  id?: string;
  provider: ProviderId;
  authKind: AuthKind;
  baseUrl: string;
  accountId: string | null;
  status?: Connection["status"];
  lastError?: string | null;
  accessTokenExpiresAt?: Date | null;
  credentials: Credentials;
};

const globalRef = globalThis as unknown as { __connectorRefreshLocks?: Map<string, Promise<void>> };
const refreshLocks = (globalRef.__connectorRefreshLocks ??= new Map());

/** Last time a success was written per connection, so a busy run does not write on every call. */
const successWrites = new Map<string, number>();
const SUCCESS_WRITE_INTERVAL_MS = 60_000;

/**
 * A connection at run time: its decrypted credentials, the auth headers for each request, token
 * refresh (one at a time per connection: an in-process lock plus SELECT ... FOR UPDATE on the row)
 * and the row's health fields (lastSuccessAt, lastError, status).
 */
export class ConnectionRuntime {
  readonly provider: ProviderDeclaration;
  readonly http: VendorHttp;
  private target: ConnectionTarget;

  constructor(
    private readonly db: Db | null,
    target: ConnectionTarget,
    private readonly options: ClientOptions = {},
  ) {
    this.target = { ...target };
    this.provider = getProvider(target.provider);
    const pacerKey = target.id ?? `${target.provider}:${target.baseUrl}:${target.accountId ?? ""}`;
    this.http = new VendorHttp(this.provider, pacerFor(pacerKey, this.provider.rateLimits), this.requestAuth(), options, (outcome) =>
      this.record(outcome),
    );
  }

  static fromRow(db: Db, row: Connection, options?: ClientOptions): ConnectionRuntime {
    return new ConnectionRuntime(db, { ...row, credentials: openCredentials(row.credentials) }, options);
  }

  get baseUrl() {
    return this.target.baseUrl;
  }
  get accountId() {
    return this.target.accountId;
  }

  private now() {
    return (this.options.clock ?? realClock).now();
  }

  private needsReauth(detail?: string | null): ConnectionNeedsReauthError {
    const name = this.provider.displayName;
    return new ConnectionNeedsReauthError(
      this.provider.id,
      `${name} needs to be reconnected${detail ? `: ${detail}` : ""}. Open Connectors and click Reconnect.`,
    );
  }

  private requestAuth(): RequestAuth {
    return {
      headers: async ({ method, url }): Promise<Record<string, string>> => {
        if (this.target.status === "needs_reauth") throw this.needsReauth(this.target.lastError);
        const creds = this.target.credentials;
        switch (creds.kind) {
          case "oauth2": {
            const expiresAt = this.target.accessTokenExpiresAt?.getTime();
            const margin = this.options.refreshMarginMs ?? 120_000;
            if (expiresAt !== undefined && creds.refreshToken && this.now() >= expiresAt - margin) await this.refresh(false);
            return { authorization: `Bearer ${(this.target.credentials as { accessToken: string }).accessToken}` };
          }
          case "token":
            return { authorization: `Bearer ${creds.accessToken}` };
          case "api_key":
            return { "api-token": creds.apiKey };
          case "tba":
            return {
              authorization: tbaAuthorizationHeader({ method, url, realm: this.target.accountId ?? "", credentials: creds }, () => this.now()),
            };
        }
      },
      refreshAfterExpired: async () => {
        const creds = this.target.credentials;
        if (creds.kind !== "oauth2" || !creds.refreshToken) return false;
        await this.refresh(true);
        return true;
      },
      secrets: () => secretValues(this.target.credentials),
    };
  }

  /** One refresh at a time per connection, in this process and (through the row lock) across processes. */
  refresh(forced: boolean): Promise<void> {
    const key = this.target.id ?? "detached";
    const running = this.target.id ? refreshLocks.get(key) : undefined;
    if (running) return running;
    const job = this.doRefresh(forced).finally(() => {
      if (this.target.id) refreshLocks.delete(key);
    });
    if (this.target.id) refreshLocks.set(key, job);
    return job;
  }

  private async doRefresh(forced: boolean): Promise<void> {
    const margin = this.options.refreshMarginMs ?? 120_000;
    const ctx = { accountId: this.target.accountId, baseUrl: this.target.baseUrl };
    const httpOptions: HttpOptions = { ...this.options, onRetry: undefined };
    const ours = this.target.credentials;
    if (ours.kind !== "oauth2" || !ours.refreshToken) throw this.needsReauth("there is no refresh token");

    if (!this.db || !this.target.id) {
      const tokens = await refreshAccessToken(this.provider.id, ctx, ours.refreshToken, httpOptions).catch((error) => {
        if (isRefusedGrant(error)) throw this.needsReauth("the vendor refused to refresh the access token");
        throw error;
      });
      this.target.credentials = { ...ours, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken ?? ours.refreshToken };
      this.target.accessTokenExpiresAt = tokens.expiresInSeconds ? new Date(this.now() + tokens.expiresInSeconds * 1000) : null;
      return;
    }

    const id = this.target.id;
    const result = await this.db.transaction(async (tx) => {
      const [row] = await tx.select().from(connections).where(eq(connections.id, id)).for("update");
      if (!row) throw new ConnectionMissingError(this.provider.id, `${this.provider.displayName} is not connected`);
      const stored = openCredentials(row.credentials);
      if (stored.kind !== "oauth2" || !stored.refreshToken) return { refused: "there is no refresh token" } as const;
      if (row.status === "needs_reauth") return { refused: row.lastError ?? undefined } as const;
      // Another process refreshed while we waited for the lock: use its token.
      const storedExpiry = row.accessTokenExpiresAt?.getTime() ?? Infinity;
      if (stored.accessToken !== ours.accessToken && (forced || storedExpiry - margin > this.now())) {
        return { row, credentials: stored } as const;
      }
      try {
        const tokens = await refreshAccessToken(this.provider.id, ctx, stored.refreshToken, httpOptions);
        const credentials: Credentials = {
          ...stored,
          accessToken: tokens.accessToken,
          refreshToken: tokens.refreshToken ?? stored.refreshToken,
        };
        const [updated] = await tx
          .update(connections)
          .set({
            credentials: sealCredentials(credentials),
            accessTokenExpiresAt: tokens.expiresInSeconds ? new Date(this.now() + tokens.expiresInSeconds * 1000) : null,
            status: "connected",
            lastError: null,
            updatedAt: new Date(),
          })
          .where(eq(connections.id, id))
          .returning();
        return { row: updated, credentials } as const;
      } catch (error) {
        if (!isRefusedGrant(error)) throw error;
        const detail = `the vendor refused to refresh the access token (${(error as VendorError).code ?? "invalid_grant"})`;
        await tx
          .update(connections)
          .set({
            status: "needs_reauth",
            lastError: `${this.provider.displayName} needs to be reconnected: ${detail}.`,
            lastCheckedAt: new Date(),
            consecutiveFailures: sql`${connections.consecutiveFailures} + 1`,
            updatedAt: new Date(),
          })
          .where(eq(connections.id, id));
        return { refused: detail } as const;
      }
    });
    if ("refused" in result) {
      this.target.status = "needs_reauth";
      this.target.lastError = result.refused ?? null;
      throw this.needsReauth(result.refused);
    }
    this.target.credentials = result.credentials;
    this.target.accessTokenExpiresAt = result.row.accessTokenExpiresAt;
    this.target.status = result.row.status;
  }

  /** Keeps the row's health fields current. Never stores a secret: messages are redacted. */
  private async record(outcome: ResponseOutcome): Promise<void> {
    if (!this.db || !this.target.id) return;
    const id = this.target.id;
    const now = new Date(this.now());
    if (outcome.ok) {
      const healthy = this.target.status === "connected" && !this.target.lastError;
      const last = successWrites.get(id) ?? 0;
      if (healthy && now.getTime() - last < SUCCESS_WRITE_INTERVAL_MS) return;
      successWrites.set(id, now.getTime());
      this.target.status = "connected";
      this.target.lastError = null;
      await this.db
        .update(connections)
        .set({ status: "connected", lastError: null, lastSuccessAt: now, consecutiveFailures: 0 })
        .where(eq(connections.id, id));
      return;
    }
    const error = outcome.error;
    if (error instanceof ConnectionNeedsReauthError) return; // already recorded by the refresh
    if (!(error instanceof VendorError)) return;
    // Record-level answers (404, validation) say nothing about the connection's health.
    const connectionLevel = error.status === 401 || error.status === 403 || error.retriable;
    if (!connectionLevel) return;
    const message = redact(error.message, secretValues(this.target.credentials));
    const status = error.status === 401 ? "needs_reauth" : error.status === 403 ? "error" : undefined;
    if (status) this.target.status = status;
    this.target.lastError = message;
    successWrites.delete(id);
    await this.db
      .update(connections)
      .set({
        lastError: message,
        ...(status ? { status } : {}),
        consecutiveFailures: sql`${connections.consecutiveFailures} + 1`,
        updatedAt: now,
      })
      .where(eq(connections.id, id));
  }

  /** Runs a vendor call; a 401 that survives the refresh becomes ConnectionNeedsReauthError. */
  async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof VendorError && error.status === 401) {
        throw this.needsReauth(`${this.provider.displayName} rejected the credentials (${error.code ?? "HTTP 401"})`);
      }
      throw error;
    }
  }
}
