/**
 * The real /api/oauth/[provider]/callback route handler (not just lib/connectors/oauth.ts, which
 * tests/connectors/oauth.test.ts covers) against the sandbox: a forged, a reused, an expired and
 * another session's state all land on the error page and store nothing; no session is a 401.
 * The browser suite (tests/e2e/security.test.ts) repeats forged and reused over HTTP on the built app.
 */
import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { connections } from "@/db/schema";
import type { TeamContext } from "@/lib/auth/session";
import { startOAuthInstall, STATE_TTL_MS } from "@/lib/connectors/oauth";
import { startSandbox } from "@/sandbox/server";
import { consent, control, makeUser, type Sandbox } from "../connectors/sandbox-helpers";
import { makeTeam, testDb } from "../helpers/db";

const session = vi.hoisted(() => ({ current: null as TeamContext | null }));
vi.mock("@/lib/auth/session", () => ({ getSessionTeam: async () => session.current }));

const { GET } = await import("@/app/api/oauth/[provider]/callback/route");

let sandbox: Sandbox;
const appOrigin = "http://app.test";

beforeAll(async () => {
  process.env.APP_URL = appOrigin;
  sandbox = await startSandbox({ port: 0 });
  await control(sandbox, "POST", "/_sandbox/demo-data", {});
});
afterAll(async () => {
  delete process.env.APP_URL;
  await sandbox?.close();
});

async function member() {
  const db = await testDb();
  const team = await makeTeam(db);
  const user = await makeUser(db);
  const ctx: TeamContext = { db, team, role: "owner", user: { id: user.id, email: user.email, name: null } };
  return ctx;
}

async function start(ctx: TeamContext, now?: Date) {
  return startOAuthInstall(ctx.db, {
    teamId: ctx.team.id,
    userId: ctx.user.id,
    provider: "hubspot",
    redirectUri: `${appOrigin}/api/oauth/hubspot/callback`,
    baseUrl: sandbox.url,
    now,
  });
}

async function callback(ctx: TeamContext | null, query: string | URLSearchParams, provider = "hubspot") {
  session.current = ctx;
  const url = `${appOrigin}/api/oauth/${provider}/callback?${query.toString()}`;
  return GET(new NextRequest(url), { params: Promise.resolve({ provider }) });
}

async function storedConnections(ctx: TeamContext) {
  return ctx.db.select().from(connections).where(eq(connections.teamId, ctx.team.id));
}

function errorReason(response: Response) {
  expect(response.status).toBe(303);
  const location = new URL(response.headers.get("location")!);
  expect(location.pathname).toBe("/connectors/error");
  return location.searchParams.get("reason");
}

describe("OAuth callback route refuses bad states and stores nothing", () => {
  it("refuses without a session (401) and stores nothing", async () => {
    const ctx = await member();
    const { authorizeUrl } = await start(ctx);
    const back = await consent(authorizeUrl, "approve");
    const response = await callback(null, back.searchParams);
    expect(response.status).toBe(401);
    expect(await storedConnections(ctx)).toHaveLength(0);
  });

  it("refuses a forged state", async () => {
    const ctx = await member();
    const forged = new URLSearchParams({ state: "forged-" + "x".repeat(40), code: "made-up-code" });
    expect(errorReason(await callback(ctx, forged))).toBe("invalid_state");
    expect(await storedConnections(ctx)).toHaveLength(0);
  });

  it("refuses an unknown provider in the path", async () => {
    const ctx = await member();
    expect(errorReason(await callback(ctx, "state=x&code=y", "evilcorp"))).toBe("invalid_state");
  });

  it("accepts a fresh state once, then refuses the replay (one connection stored)", async () => {
    const ctx = await member();
    const { authorizeUrl } = await start(ctx);
    const back = await consent(authorizeUrl, "approve");
    const first = await callback(ctx, back.searchParams);
    expect(first.status).toBe(303);
    expect(new URL(first.headers.get("location")!).pathname).toBe("/connectors");
    expect(await storedConnections(ctx)).toHaveLength(1);
    expect(errorReason(await callback(ctx, back.searchParams))).toBe("state_used");
    expect(await storedConnections(ctx)).toHaveLength(1);
  });

  it("refuses an expired state (started more than 10 minutes ago)", async () => {
    const ctx = await member();
    const { authorizeUrl } = await start(ctx, new Date(Date.now() - STATE_TTL_MS - 60_000));
    const back = await consent(authorizeUrl, "approve");
    expect(errorReason(await callback(ctx, back.searchParams))).toBe("state_expired");
    expect(await storedConnections(ctx)).toHaveLength(0);
  });

  it("refuses a state started by another team's user", async () => {
    const owner = await member();
    const intruder = await member();
    const { authorizeUrl } = await start(owner);
    const back = await consent(authorizeUrl, "approve");
    expect(errorReason(await callback(intruder, back.searchParams))).toBe("wrong_session");
    expect(await storedConnections(owner)).toHaveLength(0);
    expect(await storedConnections(intruder)).toHaveLength(0);
  });
});
