import type { AuthKind, ProviderId } from "@/db/schema";
import { providerRegistry } from "./providers";

/** What the Connectors page needs to know about each provider (no secrets, plain data). */
export type CatalogEntry = {
  id: ProviderId;
  displayName: string;
  authKinds: AuthKind[];
  defaultBaseUrl: string;
  defaultScopes: string[];
  docsHint: string;
};

export function connectorCatalog(): CatalogEntry[] {
  return (["netsuite", "hubspot", "activecampaign"] as const).map((id) => {
    const p = providerRegistry[id];
    return {
      id,
      displayName: p.displayName,
      authKinds: p.authKinds,
      defaultBaseUrl:
        id === "netsuite" ? "https://<account>.suitetalk.api.netsuite.com" : id === "hubspot" ? p.defaultBaseUrl({})! : "https://<account>.api-us1.com",
      defaultScopes: p.oauth?.defaultScopes ?? [],
      docsHint: p.docsHint,
    };
  });
}
