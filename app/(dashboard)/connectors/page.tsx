import type { Metadata } from "next";
import { ConnectorsBoard } from "@/components/connectors/connectors-board";
import { PageHeader } from "@/components/ui/card";
import { requireTeam } from "@/lib/auth/session";
import { listConnections } from "@/lib/connectors/connections";
import { connectorCatalog } from "@/lib/connectors/catalog";
import { getTeamSettings } from "@/lib/workflows/team-settings";

export const metadata: Metadata = { title: "Connectors" };

export default async function ConnectorsPage({ searchParams }: { searchParams: Promise<{ connected?: string }> }) {
  const { db, team, role } = await requireTeam();
  const [{ connected }, connections, settings] = await Promise.all([searchParams, listConnections(db, team.id), getTeamSettings(db, team.id)]);
  return (
    <>
      <PageHeader
        title="Connectors"
        description="Connect NetSuite, HubSpot and ActiveCampaign. Credentials are encrypted at rest and never shown again after you save them."
      />
      <ConnectorsBoard
        catalog={connectorCatalog()}
        connections={connections}
        canManage={role !== "member"}
        justConnected={connected}
        format={{ locale: team.locale, timeZone: settings.timeZone }}
      />
    </>
  );
}
