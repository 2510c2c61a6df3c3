import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { connections, providers, type Connection, type ProviderId } from "@/db/schema";
import { clientForRow, type ActiveCampaignClient, type HubSpotClient, type NetSuiteClient } from "./clients";
import { ConnectionMissingError } from "./errors";
import { getProvider } from "./providers";
import type { ClientOptions } from "./runtime";

export { VendorError, ConnectionNeedsReauthError, ConnectionMissingError, OAuthInstallError } from "./errors";
export type {
  ActiveCampaignClient,
  ActiveCampaignContactInput,
  HubSpotClient,
  HubSpotFilter,
  HubSpotObject,
  HubSpotSearchRequest,
  NetSuiteClient,
  NetSuiteCustomer,
  NetSuitePage,
  NetSuiteSalesOrder,
} from "./clients";
export type { ClientOptions } from "./runtime";

export type TeamClients = { netsuite: NetSuiteClient; hubspot: HubSpotClient; activecampaign: ActiveCampaignClient };

/**
 * The team's three vendor clients. Throws ConnectionMissingError ("HubSpot is not connected")
 * when a provider has no connection. Clients refresh tokens themselves and keep the connection
 * row's health (lastSuccessAt, lastError, status) current.
 */
export async function getTeamClients(db: Db, teamId: string, options?: ClientOptions): Promise<TeamClients> {
  const rows = await db.select().from(connections).where(eq(connections.teamId, teamId));
  const byProvider = new Map<ProviderId, Connection>(rows.map((row) => [row.provider, row]));
  for (const provider of providers) {
    if (!byProvider.has(provider)) {
      throw new ConnectionMissingError(provider, `${getProvider(provider).displayName} is not connected`);
    }
  }
  return {
    netsuite: clientForRow(db, byProvider.get("netsuite")!, options) as NetSuiteClient,
    hubspot: clientForRow(db, byProvider.get("hubspot")!, options) as HubSpotClient,
    activecampaign: clientForRow(db, byProvider.get("activecampaign")!, options) as ActiveCampaignClient,
  };
}
