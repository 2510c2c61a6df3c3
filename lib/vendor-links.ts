/**
 * Links from our records to the vendor's own record pages, built from the team's connection.
 * One place, so a vendor changing its URL scheme is one edit.
 */

/** What a link needs to know about a connection (a subset of ConnectionView). */
export type LinkableConnection = {
  provider: string;
  baseUrl: string;
  accountId: string | null;
  usesProductionUrl: boolean;
};

export type VendorLink = { label: string; id: string; href: string | null };

/** `https://acct.api-us1.com` (the API URL) -> `https://acct.activehosted.com` (the app); other hosts stay as they are. */
export function activeCampaignAppUrl(baseUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return null;
  }
  const api = /^([a-z0-9-]+)\.api-[a-z0-9]+\.com$/i.exec(url.hostname);
  if (api) return `https://${api[1]}.activehosted.com`;
  return `${url.origin}${url.pathname.replace(/\/+$/, "").replace(/\/api\/3$/, "")}`;
}

export function hubspotContactUrl(connection: LinkableConnection | null | undefined, contactId: string): string | null {
  // The portal id comes from the OAuth token (hub id). A sandbox or regional base URL has no app to link to.
  if (!connection?.accountId || !connection.usesProductionUrl || !/^\d+$/.test(connection.accountId)) return null;
  return `https://app.hubspot.com/contacts/${encodeURIComponent(connection.accountId)}/record/0-1/${encodeURIComponent(contactId)}`;
}

export function activeCampaignContactUrl(connection: LinkableConnection | null | undefined, contactId: string): string | null {
  const app = connection ? activeCampaignAppUrl(connection.baseUrl) : null;
  return app ? `${app}/app/contacts/${encodeURIComponent(contactId)}` : null;
}

/**
 * The vendor records a promotion action created, as links where we can build them, else ids.
 * `externalIds` is promotion_actions.external_ids (hubspotTaskId, hubspotContactId,
 * activecampaignContactId, activecampaignListId).
 */
export function promotionActionLinks(
  externalIds: Record<string, string | undefined>,
  connections: { hubspot?: LinkableConnection | null; activecampaign?: LinkableConnection | null },
): VendorLink[] {
  const links: VendorLink[] = [];
  const { hubspotTaskId, hubspotContactId, activecampaignContactId, activecampaignListId } = externalIds;
  if (hubspotTaskId) {
    // A task opens from its contact's record; without the contact we can only show the id.
    links.push({ label: "HubSpot task", id: hubspotTaskId, href: hubspotContactId ? hubspotContactUrl(connections.hubspot, hubspotContactId) : null });
  }
  if (hubspotContactId) {
    links.push({ label: "HubSpot contact", id: hubspotContactId, href: hubspotContactUrl(connections.hubspot, hubspotContactId) });
  }
  if (activecampaignContactId) {
    links.push({
      label: "ActiveCampaign contact",
      id: activecampaignContactId,
      href: activeCampaignContactUrl(connections.activecampaign, activecampaignContactId),
    });
  }
  if (activecampaignListId) links.push({ label: "ActiveCampaign list", id: activecampaignListId, href: null });
  return links;
}
