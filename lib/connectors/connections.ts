import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db, Executor } from "@/db";
import { connections, type AuthKind, type Connection, type ConnectionStatus, type ProviderId } from "@/db/schema";
import { logActivity } from "@/lib/activity";
import { EncryptionKeyError } from "@/lib/crypto/secrets";
import { clientFor, clientForRow } from "./clients";
import { sealCredentials, type Credentials } from "./credentials";
import { ConnectionNeedsReauthError, VendorError } from "./errors";
import { getProvider, isProductionBaseUrl, resolveBaseUrl } from "./providers";
import type { ClientOptions } from "./runtime";

/** What the dashboard may see of a connection: never the credentials. */
export type ConnectionView = {
  id: string;
  provider: ProviderId;
  providerName: string;
  name: string;
  authKind: AuthKind;
  baseUrl: string;
  usesProductionUrl: boolean;
  accountId: string | null;
  status: ConnectionStatus;
  scopes: string[];
  accessTokenExpiresAt: Date | null;
  refreshTokenExpiresAt: Date | null;
  /** When the merchant must authorise again (NetSuite OAuth: 7 days after the grant). */
  reconnectBy: Date | null;
  lastCheckedAt: Date | null;
  lastSuccessAt: Date | null;
  lastError: string | null;
  consecutiveFailures: number;
  createdAt: Date;
  updatedAt: Date;
};

export function toView(row: Connection): ConnectionView {
  const provider = getProvider(row.provider);
  return {
    id: row.id,
    provider: row.provider,
    providerName: provider.displayName,
    name: row.name,
    authKind: row.authKind,
    baseUrl: row.baseUrl,
    usesProductionUrl: isProductionBaseUrl(provider, { accountId: row.accountId, baseUrl: row.baseUrl }),
    accountId: row.accountId,
    status: row.status,
    scopes: row.scopes,
    accessTokenExpiresAt: row.accessTokenExpiresAt,
    refreshTokenExpiresAt: row.refreshTokenExpiresAt,
    reconnectBy: row.authKind === "oauth2" ? row.refreshTokenExpiresAt : null,
    lastCheckedAt: row.lastCheckedAt,
    lastSuccessAt: row.lastSuccessAt,
    lastError: row.lastError,
    consecutiveFailures: row.consecutiveFailures,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export const connectionNameSchema = z.string().trim().min(1, "Give the connection a name").max(120, "At most 120 characters");

export type CreateConnectionInput = {
  teamId: string;
  userId?: string | null;
  provider: ProviderId;
  authKind: AuthKind;
  /** API base URL; empty → the vendor's production URL (NetSuite: from the account id). */
  baseUrl?: string | null;
  accountId?: string | null;
  name?: string | null;
  credentials: Credentials;
  scopes?: string[];
  accessTokenExpiresAt?: Date | null;
  refreshTokenExpiresAt?: Date | null;
};

function defaultName(provider: ProviderId, accountId?: string | null) {
  const name = getProvider(provider).displayName;
  return accountId ? `${name} (${accountId})` : name;
}

/** Creates the team's connection for a provider, or replaces it (reconnect). Credentials are encrypted. */
export async function createConnection(db: Executor, input: CreateConnectionInput): Promise<ConnectionView> {
  const provider = getProvider(input.provider);
  if (!provider.authKinds.includes(input.authKind)) {
    throw new Error(`${provider.displayName} does not support ${input.authKind} connections`);
  }
  if (input.credentials.kind !== input.authKind) throw new Error("Credentials do not match the auth kind");
  const accountId = input.accountId?.trim() || null;
  if (input.authKind === "tba" && !accountId) throw new Error("NetSuite token-based authentication needs the account ID");
  const baseUrl = resolveBaseUrl(provider, { accountId, baseUrl: input.baseUrl });
  const name = connectionNameSchema.parse(input.name?.trim() || defaultName(input.provider, accountId));
  const now = new Date();
  const values = {
    teamId: input.teamId,
    provider: input.provider,
    name,
    authKind: input.authKind,
    baseUrl,
    accountId,
    credentials: sealCredentials(input.credentials),
    status: "connected" as const,
    scopes: input.scopes ?? [],
    accessTokenExpiresAt: input.accessTokenExpiresAt ?? null,
    refreshTokenExpiresAt: input.refreshTokenExpiresAt ?? null,
    lastCheckedAt: now,
    lastSuccessAt: now,
    lastError: null,
    consecutiveFailures: 0,
    updatedAt: now,
  };
  const [row] = await db
    .insert(connections)
    .values(values)
    .onConflictDoUpdate({ target: [connections.teamId, connections.provider], set: { ...values, createdAt: now } })
    .returning();
  await logActivity(db, {
    teamId: input.teamId,
    userId: input.userId,
    action: "connection.connected",
    detail: { provider: input.provider, authKind: input.authKind, accountId, baseUrl, name },
  });
  return toView(row);
}

export async function listConnections(db: Executor, teamId: string): Promise<ConnectionView[]> {
  const rows = await db.select().from(connections).where(eq(connections.teamId, teamId)).orderBy(asc(connections.provider));
  return rows.map(toView);
}

export async function getConnection(db: Executor, teamId: string, connectionId: string): Promise<ConnectionView | null> {
  const [row] = await db
    .select()
    .from(connections)
    .where(and(eq(connections.teamId, teamId), eq(connections.id, connectionId)));
  return row ? toView(row) : null;
}

export async function renameConnection(
  db: Executor,
  input: { teamId: string; userId?: string | null; connectionId: string; name: string },
): Promise<ConnectionView | null> {
  const name = connectionNameSchema.parse(input.name);
  const [row] = await db
    .update(connections)
    .set({ name, updatedAt: new Date() })
    .where(and(eq(connections.teamId, input.teamId), eq(connections.id, input.connectionId)))
    .returning();
  if (!row) return null;
  await logActivity(db, {
    teamId: input.teamId,
    userId: input.userId,
    action: "connection.renamed",
    detail: { provider: row.provider, name },
  });
  return toView(row);
}

export async function removeConnection(
  db: Executor,
  input: { teamId: string; userId?: string | null; connectionId: string },
): Promise<boolean> {
  const [row] = await db
    .delete(connections)
    .where(and(eq(connections.teamId, input.teamId), eq(connections.id, input.connectionId)))
    .returning({ provider: connections.provider, name: connections.name });
  if (!row) return false;
  await logActivity(db, {
    teamId: input.teamId,
    userId: input.userId,
    action: "connection.removed",
    detail: { provider: row.provider, name: row.name },
  });
  return true;
}

export type TestResult = { ok: true; account: string; message: string } | { ok: false; message: string };

/** A message safe to show and store: vendor errors are already redacted; others are generic. */
export function describeConnectorError(error: unknown): string {
  if (error instanceof VendorError || error instanceof ConnectionNeedsReauthError || error instanceof EncryptionKeyError) {
    return error.message;
  }
  if (error instanceof RangeError || error instanceof z.ZodError) return error.message;
  return "Unexpected error while calling the vendor";
}

/** Calls the vendor with the stored credentials and records the result on the row. */
export async function testConnection(
  db: Db,
  input: { teamId: string; userId?: string | null; connectionId: string },
  options?: ClientOptions,
): Promise<TestResult> {
  const [row] = await db
    .select()
    .from(connections)
    .where(and(eq(connections.teamId, input.teamId), eq(connections.id, input.connectionId)));
  if (!row) return { ok: false, message: "Connection not found" };
  let result: TestResult;
  try {
    // Test with the stored credentials even if a previous call marked the row: the vendor may accept them again.
    const client = clientForRow(db, { ...row, status: row.status === "needs_reauth" && row.authKind !== "oauth2" ? "connected" : row.status }, options);
    const { account } = await client.test();
    result = { ok: true, account, message: `Connected to ${getProvider(row.provider).displayName} (${account})` };
  } catch (error) {
    result = { ok: false, message: describeConnectorError(error) };
  }
  const now = new Date();
  const [after] = await db.select({ status: connections.status }).from(connections).where(eq(connections.id, row.id));
  await db
    .update(connections)
    .set(
      result.ok
        ? { lastCheckedAt: now, lastSuccessAt: now, lastError: null, status: "connected", consecutiveFailures: 0 }
        : {
            lastCheckedAt: now,
            lastError: result.message,
            status: after?.status === "needs_reauth" ? "needs_reauth" : "error",
          },
    )
    .where(eq(connections.id, row.id));
  await logActivity(db, {
    teamId: input.teamId,
    userId: input.userId,
    action: "connection.tested",
    detail: { provider: row.provider, ok: result.ok },
  });
  return result;
}

/**
 * Verifies static credentials with a real call (ActiveCampaign `GET /api/3/users/me`, HubSpot
 * private-app token, NetSuite TBA) and saves the connection only when the vendor accepts them.
 */
export async function connectWithCredentials(
  db: Db,
  input: CreateConnectionInput,
  options?: ClientOptions,
): Promise<{ ok: true; connection: ConnectionView } | { ok: false; message: string }> {
  const provider = getProvider(input.provider);
  let baseUrl: string;
  try {
    baseUrl = resolveBaseUrl(provider, { accountId: input.accountId, baseUrl: input.baseUrl });
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  try {
    const client = clientFor(
      null,
      { provider: input.provider, authKind: input.authKind, baseUrl, accountId: input.accountId?.trim() || null, credentials: input.credentials },
      { maxAttempts: 2, ...options },
    );
    await client.test();
  } catch (error) {
    const message = error instanceof VendorError ? error.detail : describeConnectorError(error);
    return { ok: false, message: `${provider.displayName} did not accept these credentials: ${message}` };
  }
  return { ok: true, connection: await createConnection(db, { ...input, baseUrl }) };
}
