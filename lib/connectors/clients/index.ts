import type { Db } from "@/db";
import type { Connection } from "@/db/schema";
import { ConnectionRuntime, type ClientOptions, type ConnectionTarget } from "../runtime";
import { createActiveCampaignClient, type ActiveCampaignClient } from "./activecampaign";
import { createHubSpotClient, type HubSpotClient } from "./hubspot";
import { createNetSuiteClient, type NetSuiteClient } from "./netsuite";

export type { ActiveCampaignClient, ActiveCampaignContactInput } from "./activecampaign";
export type { HubSpotClient, HubSpotObject, HubSpotSearchRequest, HubSpotFilter } from "./hubspot";
export type { NetSuiteClient, NetSuiteCustomer, NetSuiteSalesOrder, NetSuitePage } from "./netsuite";
export { netsuiteCustomerSchema, netsuiteSalesOrderSchema } from "./netsuite";
export { hubspotObjectSchema } from "./hubspot";

export type AnyClient = NetSuiteClient | HubSpotClient | ActiveCampaignClient;

/** A client for a connection target (saved row or credentials not saved yet). */
export function clientFor(db: Db | null, target: ConnectionTarget & { scopes?: string[] }, options?: ClientOptions): AnyClient {
  const rt = new ConnectionRuntime(db, target, options);
  switch (target.provider) {
    case "netsuite":
      return createNetSuiteClient(rt);
    case "hubspot":
      return createHubSpotClient(rt, { scopes: target.scopes ?? [] });
    case "activecampaign":
      return createActiveCampaignClient(rt);
  }
}

export function clientForRow(db: Db, row: Connection, options?: ClientOptions): AnyClient {
  const rt = ConnectionRuntime.fromRow(db, row, options);
  switch (row.provider) {
    case "netsuite":
      return createNetSuiteClient(rt);
    case "hubspot":
      return createHubSpotClient(rt, { scopes: row.scopes });
    case "activecampaign":
      return createActiveCampaignClient(rt);
  }
}
