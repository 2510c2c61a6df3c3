import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { connections, oauthStates } from "@/db/schema";
import { ConnectionNeedsReauthError, getTeamClients } from "@/lib/connectors";
import { createConnection, listConnections } from "@/lib/connectors/connections";
import { OAuthInstallError } from "@/lib/connectors/errors";
import { completeOAuthInstall, sha256Hex, startOAuthInstall } from "@/lib/connectors/oauth";
import { openCredentials } from "@/lib/connectors/credentials";
import { startSandbox } from "@/sandbox/server";
import { makeTeam, testDb } from "../helpers/db";
import { connectionRow, consent, control, makeUser, type Sandbox } from "./sandbox-helpers";

let sandbox: Sandbox;
const redirectUri = (p: string) => `http://app.test/api/oauth/${p}/callback`;
const fast = { baseDelayMs: 10, maxDelayMs: 50 };

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  await control(sandbox, "POST", "/_sandbox/demo-data", {});
});
afterAll(async () => {
  await sandbox?.close();
});
beforeEach(async () => {
  await control(sandbox, "DELETE", "/_sandbox/faults");
});

async function setup() {
  const db = await testDb();
  const team = await makeTeam(db);
  const user = await makeUser(db);
  return { db, team, user, session: { teamId: team.id, userId: user.id } };
}

async function install(provider: "hubspot" | "netsuite", decision: "approve" | "deny" = "approve") {
  const ctx = await setup();
  const { authorizeUrl, state } = await startOAuthInstall(ctx.db, {
    teamId: ctx.team.id,
    userId: ctx.user.id,
    provider,
    redirectUri: redirectUri(provider),
    accountId: provider === "netsuite" ? "SANDBOX" : undefined,
    baseUrl: sandbox.url,
  });
  const callback = await consent(authorizeUrl, decision);
  return { ...ctx, authorizeUrl, state, callback };
}

describe("OAuth install (authorization code + PKCE S256)", () => {
  it("installs HubSpot: state and PKCE on the authorize URL, only the state's sha256 stored", async () => {
    const { db, team, session, authorizeUrl, state, callback } = await install("hubspot");
    const url = new URL(authorizeUrl);
    expect(url.origin + url.pathname).toBe(`${sandbox.url}/oauth/authorize`);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("client_id")).toBe("sandbox-client-id");
    const stored = await db.select().from(oauthStates).where(eq(oauthStates.teamId, team.id));
    expect(stored).toHaveLength(1);
    expect(stored[0].stateHash).toBe(sha256Hex(state));
    expect(JSON.stringify(stored)).not.toContain(state);

    expect(callback.origin + callback.pathname).toBe(redirectUri("hubspot"));
    const view = await completeOAuthInstall(db, { provider: "hubspot", params: callback.searchParams, session });
    expect(view).toMatchObject({ provider: "hubspot", authKind: "oauth2", status: "connected" });
    expect(view.accessTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 25 * 60_000);
    const clients = await getTeamClientsWithStatics(db, team.id);
    await expect(clients.hubspot.searchContacts({ limit: 1 })).resolves.toBeTruthy();
  });

  it("installs NetSuite against the account's host and shows 'reconnect by' 7 days out", async () => {
    const { db, team, session, authorizeUrl, callback } = await install("netsuite");
    expect(new URL(authorizeUrl).pathname).toBe("/app/login/oauth2/authorize.nl");
    expect(new URL(authorizeUrl).searchParams.get("scope")).toBe("rest_webservices");
    const view = await completeOAuthInstall(db, { provider: "netsuite", params: callback.searchParams, session });
    expect(view.accountId).toBe("SANDBOX");
    const days = (view.reconnectBy!.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    const clients = await getTeamClientsWithStatics(db, team.id);
    await expect(clients.netsuite.test()).resolves.toEqual({ account: "SANDBOX" });
  });

  it("refuses a reused state and stores nothing new", async () => {
    const { db, team, session, callback } = await install("hubspot");
    await completeOAuthInstall(db, { provider: "hubspot", params: callback.searchParams, session });
    const err = await completeOAuthInstall(db, { provider: "hubspot", params: callback.searchParams, session }).catch((e) => e);
    expect(err).toBeInstanceOf(OAuthInstallError);
    expect(err.reason).toBe("state_used");
    expect(await listConnections(db, team.id)).toHaveLength(1);
  });

  it("refuses a forged state, a wrong session and an expired state: nothing stored", async () => {
    const { db, team, session, callback } = await install("hubspot");
    const forged = new URLSearchParams(callback.searchParams);
    forged.set("state", "forged-state-value-xxxxxxxxxxxxxxxxxx");
    await expect(completeOAuthInstall(db, { provider: "hubspot", params: forged, session })).rejects.toMatchObject({ reason: "invalid_state" });
    await expect(completeOAuthInstall(db, { provider: "hubspot", params: new URLSearchParams({ code: "x" }), session })).rejects.toMatchObject({
      reason: "missing_state",
    });
    const other = await setup();
    await expect(completeOAuthInstall(db, { provider: "hubspot", params: callback.searchParams, session: other.session })).rejects.toMatchObject({
      reason: "wrong_session",
    });
    await expect(completeOAuthInstall(db, { provider: "netsuite", params: callback.searchParams, session })).rejects.toMatchObject({
      reason: "invalid_state",
    });
    const later = new Date(Date.now() + 11 * 60_000);
    await expect(completeOAuthInstall(db, { provider: "hubspot", params: callback.searchParams, session, now: later })).rejects.toMatchObject({
      reason: "state_expired",
    });
    expect(await listConnections(db, team.id)).toHaveLength(0);
    expect(await listConnections(db, other.team.id)).toHaveLength(0);
  });

  it("a denied consent shows a clear reason and stores nothing", async () => {
    const { db, team, session, callback } = await install("netsuite", "deny");
    expect(callback.searchParams.get("error")).toBe("access_denied");
    const err = await completeOAuthInstall(db, { provider: "netsuite", params: callback.searchParams, session }).catch((e) => e);
    expect(err).toMatchObject({ reason: "denied" });
    expect(err.message).toMatch(/denied/);
    expect(await listConnections(db, team.id)).toHaveLength(0);
  });

  it("a failed code exchange stores nothing and does not leak the code", async () => {
    const { db, team, session, callback } = await install("hubspot");
    const params = new URLSearchParams(callback.searchParams);
    params.set("code", "not-a-real-code-123456");
    const err = await completeOAuthInstall(db, { provider: "hubspot", params, session, httpOptions: fast }).catch((e) => e);
    expect(err).toMatchObject({ reason: "exchange_failed" });
    expect(err.message).not.toContain("not-a-real-code");
    expect(await listConnections(db, team.id)).toHaveLength(0);
  });
});

/** getTeamClients needs all three providers: add the static ones the test did not install. */
async function getTeamClientsWithStatics(db: Awaited<ReturnType<typeof testDb>>, teamId: string) {
  const have = new Set((await listConnections(db, teamId)).map((c) => c.provider));
  if (!have.has("netsuite"))
    await createConnection(db, { teamId, provider: "netsuite", authKind: "token", accountId: "SANDBOX", baseUrl: sandbox.url, credentials: { kind: "token", accessToken: "sandbox-netsuite-token" } });
  if (!have.has("hubspot"))
    await createConnection(db, { teamId, provider: "hubspot", authKind: "token", baseUrl: sandbox.url, credentials: { kind: "token", accessToken: "pat-na1-sandbox-hubspot-token" } });
  if (!have.has("activecampaign"))
    await createConnection(db, { teamId, provider: "activecampaign", authKind: "api_key", baseUrl: sandbox.url, credentials: { kind: "api_key", apiKey: "sandbox-activecampaign-key" } });
  return getTeamClients(db, teamId, fast);
}

/** An OAuth connection built from sandbox-issued tokens. */
async function oauthConnection(provider: "hubspot" | "netsuite", opts: { expiresIn: number; markExpiredLocally?: boolean }) {
  const ctx = await setup();
  const tokens = (await control(sandbox, "POST", "/_sandbox/tokens", { vendor: provider, expiresIn: opts.expiresIn })) as { accessToken: string; refreshToken: string };
  expect(tokens.refreshToken).toBeTruthy();
  await createConnection(ctx.db, {
    teamId: ctx.team.id,
    provider,
    authKind: "oauth2",
    accountId: provider === "netsuite" ? "SANDBOX" : null,
    baseUrl: sandbox.url,
    credentials: { kind: "oauth2", accessToken: tokens.accessToken, refreshToken: tokens.refreshToken },
    accessTokenExpiresAt: new Date(Date.now() + (opts.markExpiredLocally ? -1000 : opts.expiresIn * 1000)),
  });
  return { ...ctx, tokens };
}

describe("token refresh", () => {
  it("refreshes before expiry (within 2 minutes) and stores the new token encrypted", async () => {
    const { db, team, tokens } = await oauthConnection("hubspot", { expiresIn: 60 });
    const clients = await getTeamClientsWithStatics(db, team.id);
    await clients.hubspot.searchContacts({ limit: 1 });
    const row = (await connectionRow(db, team.id, "hubspot"))!;
    const creds = openCredentials(row.credentials);
    expect(creds.kind === "oauth2" && creds.accessToken).not.toBe(tokens.accessToken);
    expect(row.credentials).not.toContain(creds.kind === "oauth2" ? creds.accessToken : "");
    expect(row.accessTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 20 * 60_000);
    expect(row.status).toBe("connected");
  });

  it("refreshes after a 401 that says the token expired, once, for concurrent callers", async () => {
    const { db, team, tokens } = await oauthConnection("netsuite", { expiresIn: 3600 });
    const clients = await getTeamClientsWithStatics(db, team.id);
    await control(sandbox, "POST", "/_sandbox/faults", { vendor: "netsuite", expireTokens: true });
    const results = await Promise.all([clients.netsuite.test(), clients.netsuite.test(), clients.netsuite.test()]);
    expect(results).toHaveLength(3);
    const calls = (await control(sandbox, "GET", "/_sandbox/calls")) as unknown;
    const tokenCalls = JSON.stringify(calls).match(/oauth2\/v1\/token/g) ?? [];
    expect(tokenCalls.length).toBe(1);
    const creds = openCredentials((await connectionRow(db, team.id, "netsuite"))!.credentials);
    expect(creds.kind === "oauth2" && creds.accessToken).not.toBe(tokens.accessToken);
  });

  it("a refused refresh marks the connection needs_reauth and raises ConnectionNeedsReauthError", async () => {
    const { db, team } = await oauthConnection("hubspot", { expiresIn: 60, markExpiredLocally: true });
    await control(sandbox, "POST", "/_sandbox/faults", { vendor: "hubspot", refuseRefresh: true });
    const clients = await getTeamClientsWithStatics(db, team.id);
    const err = await clients.hubspot.searchContacts({ limit: 1 }).catch((e) => e);
    expect(err).toBeInstanceOf(ConnectionNeedsReauthError);
    expect(err.provider).toBe("hubspot");
    expect(err.message).toMatch(/HubSpot needs to be reconnected/);
    const row = (await connectionRow(db, team.id, "hubspot"))!;
    expect(row.status).toBe("needs_reauth");
    expect(row.lastError).toMatch(/refused to refresh/);
    // Later calls fail fast with the same typed error, without calling the vendor.
    const fresh = await getTeamClientsWithStatics(db, team.id);
    await expect(fresh.hubspot.searchContacts({ limit: 1 })).rejects.toBeInstanceOf(ConnectionNeedsReauthError);
    const views = await listConnections(db, team.id);
    expect(views.find((v) => v.provider === "hubspot")?.status).toBe("needs_reauth");
    await db.delete(connections).where(eq(connections.teamId, team.id));
  });
});
