import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db";
import { getTeamClients } from "@/lib/connectors";
import { connectWithCredentials, listConnections, testConnection } from "@/lib/connectors/connections";
import { openCredentials } from "@/lib/connectors/credentials";
import { completeOAuthInstall, startOAuthInstall } from "@/lib/connectors/oauth";
import { startSandbox } from "@/sandbox/server";
import { makeTeam, testDb } from "../helpers/db";
import { connectionRow, consent, control, makeUser, type Sandbox } from "./sandbox-helpers";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  await control(sandbox, "POST", "/_sandbox/demo-data", {});
});
afterAll(async () => {
  await sandbox?.close();
});

function rowsOf(result: unknown): Record<string, unknown>[] {
  return Array.isArray(result) ? (result as Record<string, unknown>[]) : ((result as { rows: Record<string, unknown>[] }).rows ?? []);
}

/** A pg_dump-like dump: every row of every table in the public schema. */
async function dumpAll(db: Db): Promise<string> {
  const tables = rowsOf(await db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`));
  const out: Record<string, unknown> = {};
  for (const { table_name } of tables) out[String(table_name)] = rowsOf(await db.execute(sql.raw(`select * from "${String(table_name)}"`)));
  return JSON.stringify(out);
}

describe("secrets never leave in clear text", () => {
  it("after a full install, neither a dump of every table nor console output contains a token", async () => {
    const captured: string[] = [];
    const capture = (...args: unknown[]) => void captured.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === "string" ? a : JSON.stringify(a))).join(" "));
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((m) => vi.spyOn(console, m).mockImplementation(capture));
    const writeSpy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      captured.push(String(chunk));
      return true;
    });
    try {
      const db = await testDb();
      const team = await makeTeam(db);
      const user = await makeUser(db);
      const session = { teamId: team.id, userId: user.id };
      for (const provider of ["hubspot", "netsuite"] as const) {
        const { authorizeUrl } = await startOAuthInstall(db, {
          teamId: team.id,
          userId: user.id,
          provider,
          redirectUri: `http://app.test/api/oauth/${provider}/callback`,
          accountId: provider === "netsuite" ? "SANDBOX" : undefined,
          baseUrl: sandbox.url,
        });
        const callback = await consent(authorizeUrl, "approve");
        await completeOAuthInstall(db, { provider, params: callback.searchParams, session });
      }
      const ac = await connectWithCredentials(db, {
        teamId: team.id,
        userId: user.id,
        provider: "activecampaign",
        authKind: "api_key",
        baseUrl: sandbox.url,
        credentials: { kind: "api_key", apiKey: "sandbox-activecampaign-key" },
      });
      expect(ac.ok).toBe(true);

      const secrets: string[] = ["sandbox-activecampaign-key", "sandbox-client-secret"];
      for (const provider of ["hubspot", "netsuite"] as const) {
        const creds = openCredentials((await connectionRow(db, team.id, provider))!.credentials);
        if (creds.kind !== "oauth2") throw new Error("expected oauth2");
        secrets.push(creds.accessToken, creds.refreshToken!);
      }

      // Use the connections: calls, a forced refresh after expiry, tests, an error.
      const clients = await getTeamClients(db, team.id, { baseDelayMs: 5 });
      await control(sandbox, "POST", "/_sandbox/faults", { vendor: "hubspot", expireTokens: true });
      await clients.hubspot.searchContacts({ limit: 1 });
      await clients.netsuite.getSalesOrder("does-not-exist").catch(() => {});
      await control(sandbox, "DELETE", "/_sandbox/faults");
      for (const view of await listConnections(db, team.id)) await testConnection(db, { teamId: team.id, connectionId: view.id });
      for (const provider of ["hubspot", "netsuite"] as const) {
        const creds = openCredentials((await connectionRow(db, team.id, provider))!.credentials);
        if (creds.kind === "oauth2") secrets.push(creds.accessToken);
      }

      const dump = await dumpAll(db);
      expect(dump).toContain(team.id);
      const views = JSON.stringify(await listConnections(db, team.id));
      const logs = captured.join("\n");
      for (const secret of secrets) {
        expect(dump.includes(secret), "database dump contains a secret").toBe(false);
        expect(views.includes(secret), "connection view contains a secret").toBe(false);
        expect(logs.includes(secret), "console output contains a secret").toBe(false);
      }
    } finally {
      for (const spy of spies) spy.mockRestore();
      writeSpy.mockRestore();
    }
  });
});
