import type { Executor } from "@/db";
import { createConnection, type ConnectionView } from "./connections";

/** The sandbox server's fixed credentials (see sandbox/): never real secrets. */
export const sandboxCredentials = {
  netsuite: { accessToken: "sandbox-netsuite-token", accountId: "SANDBOX" },
  hubspot: { accessToken: "pat-na1-sandbox-hubspot-token" },
  activecampaign: { apiKey: "sandbox-activecampaign-key" },
} as const;

export function sandboxUrl(): string {
  return (process.env.SANDBOX_URL || "http://127.0.0.1:4010").replace(/\/+$/, "");
}

/** Connects a team to the local vendor sandbox (static tokens, no refresh): the demo merchant's setup. */
export async function connectTeamToSandbox(db: Executor, teamId: string, baseUrl: string = sandboxUrl(), userId?: string | null): Promise<ConnectionView[]> {
  const base = baseUrl.replace(/\/+$/, "");
  return [
    await createConnection(db, {
      teamId,
      userId,
      provider: "netsuite",
      authKind: "token",
      baseUrl: base,
      accountId: sandboxCredentials.netsuite.accountId,
      name: "NetSuite (sandbox)",
      credentials: { kind: "token", accessToken: sandboxCredentials.netsuite.accessToken },
    }),
    await createConnection(db, {
      teamId,
      userId,
      provider: "hubspot",
      authKind: "token",
      baseUrl: base,
      name: "HubSpot (sandbox)",
      credentials: { kind: "token", accessToken: sandboxCredentials.hubspot.accessToken },
    }),
    await createConnection(db, {
      teamId,
      userId,
      provider: "activecampaign",
      authKind: "api_key",
      baseUrl: base,
      name: "ActiveCampaign (sandbox)",
      credentials: { kind: "api_key", apiKey: sandboxCredentials.activecampaign.apiKey },
    }),
  ];
}
